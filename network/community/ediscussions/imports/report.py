"""An import's report: what became of each message of an archive (``ImportEntry``), stored
as JSON with the import (``ArchiveImport.entries``) and worded in the reader's language when
shown (``entry_explanation``)."""

from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import ArchiveImport


class Outcome(TextChoices):
    IMPORTED = "imported", gettext_lazy("Imported to its question")
    TRAY = "tray", gettext_lazy("Imported to the tray")
    DUPLICATE = "duplicate", gettext_lazy("Skipped: duplicate")
    AUTO_REPLY = "auto_reply", gettext_lazy("Skipped: automatic reply")
    BOUNCE = "bounce", gettext_lazy("Skipped: bounce")
    UNREADABLE = "unreadable", gettext_lazy("Skipped: unreadable")
    EMPTY = "empty", gettext_lazy("Skipped: empty once trimmed")


IMPORTED_OUTCOMES = (Outcome.IMPORTED, Outcome.TRAY)


@dataclass
class ImportEntry:
    """What became of one message. ``reason`` is a code that ``entry_explanation`` words in the
    reader's language, with ``values``; ``sent_at`` is ISO 8601."""

    position: int
    label: str
    outcome: str = ""
    reason: str = ""
    values: dict = field(default_factory=dict)
    message_id: str = ""
    subject: str = ""
    sender_name: str = ""
    sender_email: str = ""
    sent_at: str = ""
    language: str = ""
    question: int | None = None
    member_id: int | None = None
    post_id: int | None = None
    attachments: list[dict] = field(default_factory=list)
    trimmer_unsure: bool = False

    @property
    def is_imported(self) -> bool:
        return self.outcome in IMPORTED_OUTCOMES

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label) if self.outcome in Outcome.values else ""


def entry_skip(entry: ImportEntry, outcome: str, reason: str, **values) -> None:
    """Mark ``entry`` as not imported (``outcome``), for ``reason``."""
    entry.outcome, entry.reason, entry.values = outcome, reason, values
    entry.question = None


def entries_counted(entries: Iterable[ImportEntry]) -> dict[str, int]:
    """How many messages had each outcome, in the order of ``Outcome`` (every one, zeros
    included)."""
    counts = dict.fromkeys(Outcome.values, 0)
    for entry in entries:
        if entry.outcome in counts:
            counts[entry.outcome] += 1
    return counts


def entries_loaded(report: ArchiveImport) -> list[ImportEntry]:
    """A stored report's entries."""
    known = {item.name for item in fields(ImportEntry)}
    return [
        ImportEntry(**{key: value for key, value in data.items() if key in known})
        for data in report.entries
        if isinstance(data, dict) and "position" in data and "label" in data
    ]


def entry_explanation(entry: ImportEntry) -> str:
    """Why ``entry`` had its outcome, in the active language."""
    values = entry.values or {}
    reason = entry.reason
    if reason == "heading":
        return _("Its heading names question %(n)d.") % {"n": values.get("n", 0)}
    if reason == "subject":
        return _("Its subject names question %(n)d.") % {"n": values.get("n", 0)}
    if reason == "no_question":
        return _("Neither a heading nor its subject names a question.")
    if reason == "several":
        return _("It answers several questions (%(numbers)s): split it in the tray.") % {
            "numbers": ", ".join(str(number) for number in values.get("numbers", []))
        }
    if reason == "unknown_question":
        return _("It names question %(n)d, which this e-discussion does not have.") % {
            "n": values.get("n", 0)
        }
    if reason == "unclear_week":
        return _("It names week %(n)d, which does not have exactly one question.") % {
            "n": values.get("n", 0)
        }
    if reason == "duplicate_archive":
        return _("The same Message-ID appears earlier in this archive (message %(n)d).") % {
            "n": values.get("position", 0)
        }
    if reason == "duplicate_imported":
        if values.get("title"):
            return _("This message was already imported, into “%(title)s”.") % {
                "title": values["title"]
            }
        return _("This message was already imported.")
    if reason == "bounce":
        return _("A report that a message could not be delivered to %(address)s.") % {
            "address": values.get("address", "")
        }
    if reason == "auto_reply":
        return _(values["why"]) if values.get("why") else _("An automatic reply.")
    if reason == "not_eml":
        return _("This file of the zip is not an email message (.eml).")
    if reason == "unparsable":
        return _("The message could not be read.")
    if reason == "no_sender":
        return _("The message has no sender.")
    if reason == "no_date":
        return _("The message has no date.")
    if reason == "future_date":
        return _("The message is dated in the future.")
    if reason == "no_text":
        return _("The message has no text part to read.")
    if reason == "empty":
        return _("Nothing is left once the quoted text is removed.")
    if reason == "not_written":
        return _("It could not be written: %(error)s") % {"error": values.get("error", "")}
    return ""
