"""Reads for the archive import's pages (``views/imports.py``): the imports made, one report
with its messages, and the e-discussions an archive can be added to."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from .imports import ImportEntry, Outcome, entries_counted, entries_loaded, entry_explanation
from .models import ArchiveImport, EDiscussion

RECENT_IMPORTS = 20


def archive_imports_recent() -> QuerySet[ArchiveImport]:
    """The latest imports, newest first, with their e-discussion and who ran them."""
    return ArchiveImport.objects.select_related("ediscussion", "by").order_by("-created_at", "-id")[
        :RECENT_IMPORTS
    ]


def archive_import_of(*, import_id: int) -> ArchiveImport | None:
    return (
        ArchiveImport.objects.select_related("ediscussion__category", "by")
        .filter(pk=import_id)
        .first()
    )


def ediscussions_imported() -> list[EDiscussion]:
    """The closed e-discussions made by an import, to add another archive to (newest first)."""
    return list(
        EDiscussion.objects.filter(imports__isnull=False, closed_at__isnull=False)
        .distinct()
        .order_by("-starts_at", "slug")
    )


@dataclass(frozen=True)
class ReportRow:
    entry: ImportEntry
    explanation: str
    sent_at: datetime | None


@dataclass(frozen=True)
class OutcomeCount:
    outcome: str
    label: str
    count: int


def _moment(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def report_rows(entries: list[ImportEntry], *, outcome: str = "") -> list[ReportRow]:
    """The report's messages (those with ``outcome`` only, when given), each with why it had
    its outcome, in the active language."""
    return [
        ReportRow(entry=entry, explanation=entry_explanation(entry), sent_at=_moment(entry.sent_at))
        for entry in entries
        if not outcome or entry.outcome == outcome
    ]


def outcome_counts(entries: list[ImportEntry]) -> list[OutcomeCount]:
    """How many messages had each outcome that some had, in the order of ``Outcome``."""
    labels = dict(Outcome.choices)
    return [
        OutcomeCount(outcome=value, label=str(labels[value]), count=count)
        for value, count in entries_counted(entries).items()
        if count
    ]


def report_entries(report: ArchiveImport) -> list[ImportEntry]:
    return entries_loaded(report)
