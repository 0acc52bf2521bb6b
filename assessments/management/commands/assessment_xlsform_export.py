"""Write a questionnaire version as an XLSForm workbook.

    manage.py assessment_xlsform_export FORM_ID [--number N] [--output file.xlsx]

The same workbook as the version's download (``services_xlsform.xlsform_export``); by default
the questionnaire's latest version, written to ``<form_id>-v<number>.xlsx``.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.models import QuestionnaireVersion
from assessments.services_xlsform import xlsform_export, xlsform_filename


class Command(BaseCommand):
    help = "Write a questionnaire version as an XLSForm workbook (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("form_id", help="The questionnaire's form_id.")
        parser.add_argument("--number", type=int, help="The version number (default: latest).")
        parser.add_argument("--output", type=Path, help="Where to write the workbook.")

    def handle(self, *args, **options):
        versions = QuestionnaireVersion.objects.select_related("questionnaire").filter(
            questionnaire__form_id=options["form_id"]
        )
        if options["number"] is not None:
            versions = versions.filter(number=options["number"])
        version = versions.order_by("-number").first()
        if version is None:
            raise CommandError(f"No such version of {options['form_id']}.")
        output = options["output"] or Path(xlsform_filename(version=version))
        output.write_bytes(xlsform_export(version=version))
        self.stdout.write(self.style.SUCCESS(f"Wrote {version} to {output}."))
