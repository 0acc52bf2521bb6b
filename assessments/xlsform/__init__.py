"""XLSForm in and out: ``reading`` reads a workbook into the plan of a questionnaire version
and what it found (``report``), ``writing`` writes a version as a workbook. The services that
check, save and permission-check are in ``assessments.services_xlsform``."""
