"""The archive of a past e-discussion for the import's tests: ``archive.mbox`` (eleven
messages in English, Spanish and French, see ``EXPECTED``) and ``questions.csv`` (three weeks,
five questions)."""

from pathlib import Path

from network.community.ediscussions import imports
from network.community.ediscussions.imports import files as archive_files

HERE = Path(__file__).resolve().parent
ARCHIVE = HERE / "archive.mbox"
QUESTIONS = HERE / "questions.csv"

# What becomes of each message of archive.mbox, by its place: (outcome, question, reason).
EXPECTED = {
    1: ("imported", 1, "heading"),  # English, Gmail quoting, a member
    2: ("imported", 3, "subject"),  # Spanish, Outlook quoting, no account, by its subject
    3: ("tray", None, "several"),  # French, Thunderbird quoting, questions 1 and 2, a signature
    4: ("auto_reply", None, "auto_reply"),
    5: ("duplicate", None, "duplicate_archive"),  # message 1 again
    6: ("tray", None, "no_question"),  # English, no account, an attachment, the list's footer
    7: ("imported", 4, "heading"),  # Spanish, "Precedence: bulk" from the list
    8: ("bounce", None, "bounce"),
    9: ("empty", None, "empty"),  # nothing but quoted text
    10: ("unreadable", None, "no_date"),
    11: ("imported", 5, "heading"),  # French, HTML only: "Semaine 3 :" (one question)
}


def weeks() -> list[archive_files.WeekRow]:
    return archive_files.questions_read(content=QUESTIONS.read_bytes())


def archived() -> list[archive_files.ArchivedMessage]:
    return archive_files.mbox_messages(ARCHIVE)


def archive_imported(*, by, dry_run: bool = False, **options) -> imports.ImportResult:
    """Import archive.mbox with questions.csv as ``by``."""
    arguments = {
        "messages": archived(),
        "archive_name": ARCHIVE.name,
        "weeks": weeks(),
        "questions_name": QUESTIONS.name,
        "title": "Territorial approaches to migration and development (2023)",
        "language": "en",
        **options,
    }
    return imports.archive_import(by=by, dry_run=dry_run, **arguments)


def outcomes(result: imports.ImportResult) -> dict[int, tuple]:
    return {
        entry.position: (entry.outcome, entry.question, entry.reason) for entry in result.entries
    }
