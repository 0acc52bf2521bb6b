"""The analytical report of a needs assessment: a page of the resource library whose figures
are drawn live from the assessment, as readers outside the team see them (``content``), with
its PDF and its aggregate data (``outputs``)."""
