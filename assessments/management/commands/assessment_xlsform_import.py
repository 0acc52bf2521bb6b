"""Import an XLSForm workbook as a new draft questionnaire version.

    manage.py assessment_xlsform_import form.xlsx --by coordinator@example.org [--into FORM_ID]
        [--leave-out]

The same service as the import page (``services_xlsform.xlsform_import``): a line per problem
or note, by sheet and row; a refused import exits with an error and writes nothing. ``--into``
adds the version to the questionnaire with that form_id (by default, a new questionnaire takes
the settings sheet's form_id). ``--by`` names the coordinator or researcher the import is made
as; the server's operator stands for their second factor.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from assessments.models import Questionnaire
from assessments.services_xlsform import WORKBOOK_MAX_SIZE, xlsform_import
from network.community.selectors.inbound import member_by_address


class Command(BaseCommand):
    help = "Import an XLSForm workbook (.xlsx or .xls) as a new draft questionnaire version."

    def add_arguments(self, parser):
        parser.add_argument("workbook", type=Path, help="The .xlsx or .xls file.")
        parser.add_argument("--by", required=True, help="The importing person's address.")
        parser.add_argument("--into", default="", help="The form_id of an existing questionnaire.")
        parser.add_argument(
            "--leave-out",
            action="store_true",
            help="Leave out the rows of types Convive has no question for (each one is said).",
        )

    def handle(self, *args, **options):
        by = member_by_address(address=options["by"].strip().lower())
        if by is None:
            raise CommandError(f"No active member has the address {options['by']}.")
        by.second_factor_passed = True
        questionnaire = None
        if options["into"]:
            questionnaire = Questionnaire.objects.filter(form_id=options["into"]).first()
            if questionnaire is None:
                raise CommandError(f"No questionnaire has the form_id {options['into']}.")
        path: Path = options["workbook"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        if path.stat().st_size > WORKBOOK_MAX_SIZE:
            raise CommandError(f"{path} is larger than {WORKBOOK_MAX_SIZE} bytes.")
        with translation.override("en"):
            try:
                result = xlsform_import(
                    workbook=path.read_bytes(),
                    by=by,
                    questionnaire=questionnaire,
                    filename=path.name,
                    leave_out=options["leave_out"],
                )
            except PermissionDenied as error:
                raise CommandError(str(error)) from error
            for finding in result.findings:
                where = " ".join(
                    part
                    for part in (
                        finding.sheet,
                        f"row {finding.row}" if finding.row else "",
                        finding.column,
                    )
                    if part
                )
                self.stdout.write(f"{finding.severity}: {where or 'workbook'}: {finding.message}")
            if result.version is None:
                raise CommandError(
                    f"Nothing was imported: {len(result.problems)} problem(s) in {path.name}."
                )
            version = result.version
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {version.questionnaire.form_id} version {version.number} "
                    f"(id {version.pk}): {version.elements.count()} elements, "
                    f"{len(result.notes)} note(s)."
                )
            )
