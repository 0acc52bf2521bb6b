"""Import an archived e-discussion: a mailing list's archive and its weekly questions.

    manage.py ediscussion_import --mbox archive.mbox --questions questions.csv \\
        --title "Diaspora engagement" --language en --by coordinator@example.org [--dry-run]
    manage.py ediscussion_import --eml-dir messages/ --questions questions.xlsx ...
    manage.py ediscussion_import --mbox march.mbox --into diaspora-engagement --by ...

The same service as the coordinators' page (``ediscussions.imports.archive_import``): a line per
message tells what became of it, then the counts; ``--dry-run`` tells the same and writes
nothing. The questions file's format is described in ``ediscussions/imports/files.py``.
``--by`` names the coordinator the import is made as (the e-discussion's creator); the server's
operator stands for their second factor.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from network.community.ediscussions import imports
from network.community.ediscussions.imports import files as archive_files
from network.community.models import LANGUAGE_CODES, Category, EDiscussion
from network.community.selectors.inbound import member_by_address


class Command(BaseCommand):
    help = "Import an archived e-discussion from an mbox or a folder of .eml files."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--mbox", type=Path, help="The archive as an mbox file.")
        source.add_argument("--eml-dir", type=Path, help="A folder of .eml files.")
        parser.add_argument("--questions", type=Path, help="The weekly questions (CSV or XLSX).")
        parser.add_argument("--title", default="", help="The e-discussion's title.")
        parser.add_argument(
            "--language",
            default="en",
            choices=LANGUAGE_CODES,
            help="The facilitator's language (of the title).",
        )
        parser.add_argument(
            "--access",
            default=Category.Access.MEMBERS,
            choices=Category.Access.values,
            help="Who reads it (default: members).",
        )
        parser.add_argument(
            "--into", default="", help="Add to the e-discussion imported before with this slug."
        )
        parser.add_argument("--by", required=True, help="The importing coordinator's address.")
        parser.add_argument("--dry-run", action="store_true", help="Report without importing.")

    def handle(self, *args, **options):
        by = member_by_address(address=options["by"].strip().lower())
        if by is None:
            raise CommandError(f"No active member has the address {options['by']}.")
        # The operator of the server stands for the coordinator's second factor.
        by.second_factor_passed = True
        into = None
        if options["into"]:
            into = EDiscussion.objects.filter(slug=options["into"]).first()
            if into is None:
                raise CommandError(f"No e-discussion has the slug {options['into']}.")
        elif options["questions"] is None or not options["title"]:
            raise CommandError("Give --questions and --title (or --into).")
        with translation.override("en"):
            try:
                messages, name = self._messages(options)
                weeks = []
                if into is None:
                    weeks = archive_files.questions_read(content=options["questions"].read_bytes())
                result = imports.archive_import(
                    by=by,
                    messages=messages,
                    archive_name=name,
                    weeks=weeks,
                    questions_name=options["questions"].name if options["questions"] else "",
                    title=options["title"],
                    language=options["language"],
                    access=options["access"],
                    into=into,
                    dry_run=options["dry_run"],
                )
            except (ValidationError, PermissionDenied) as error:
                messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
                raise CommandError(" ".join(messages_)) from error
            except OSError as error:
                raise CommandError(str(error)) from error
            self._report(result)

    def _messages(self, options) -> tuple[list, str]:
        if options["mbox"] is not None:
            path = options["mbox"]
            if not path.is_file():
                raise CommandError(f"{path} is not a file.")
            return archive_files.mbox_messages(path), path.name
        path = options["eml_dir"]
        if not path.is_dir():
            raise CommandError(f"{path} is not a folder.")
        return archive_files.eml_dir_messages(path), path.name

    def _report(self, result: imports.ImportResult) -> None:
        for entry in result.entries:
            where = f" → question {entry.question}" if entry.question else ""
            sender = entry.sender_name or entry.sender_email or "?"
            self.stdout.write(
                f"{entry.position}. {entry.label} [{sender}]: {entry.outcome_label}{where}"
                f" ({imports.entry_explanation(entry)})"
            )
            if entry.attachments:
                names = ", ".join(file["name"] or "(no name)" for file in entry.attachments)
                self.stdout.write(f"   attachments not imported: {names}")
        counts = ", ".join(
            f"{imports.Outcome(outcome).label} {count}"
            for outcome, count in result.counts.items()
            if count
        )
        self.stdout.write(f"{len(result.entries)} messages: {counts}")
        if result.dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
            if result.starts_at:
                self.stdout.write(
                    f"The e-discussion would run {result.starts_at:%Y-%m-%d} to "
                    f"{result.ends_at:%Y-%m-%d}."
                )
        elif result.ediscussion is not None:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {result.imported} messages into “{result.ediscussion.title}” "
                    f"({result.ediscussion.slug}); report {result.report.pk}."
                )
            )
        else:
            self.stdout.write(self.style.WARNING("Nothing new to import: no e-discussion made."))
