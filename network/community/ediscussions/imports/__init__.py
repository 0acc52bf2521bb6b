"""Importing an archived e-discussion: the messages of a mailing list's archive and its weekly
questions (both read by ``files``) become the e-discussion as it ran, closed, each message
a contribution. One service, ``archive_import``, for the command (``manage.py
ediscussion_import``) and the coordinators' page (``views/imports.py``). Each message is read by
``reading`` and given to a question by ``questions``.

Nothing is dropped unsaid: for each message, in the archive's order, an ``ImportEntry``
(``report``) says what became of it, stored with the import (``ArchiveImport``) for the report
page:

- imported to the question its headings ("Question 2:", "Semana 2 - Pregunta 3") or, without
  any, its subject ("Re: Question 2 ...") name clearly; otherwise to the e-discussion's tray,
  where the facilitators give it to a question or split it (headings naming several questions);
- skipped: a Message-ID seen earlier in the archive or imported before (each message becomes one
  contribution, however often its archive is imported), an automatic reply or a bounce
  (``mail.classify``), a message that cannot be read (no sender, no date, no text), or one with
  nothing left once the quoted text is removed.

A contribution's author is the member with the sender's address (confirmed, or their account's);
otherwise the post has no account and the contribution keeps the sender's name (shown with it)
and address (only in this report). Its text is trimmed as an email reply is (``mail.trimming``:
quoted text, reply headers, signatures) and of a mailing list's footer; its language is detected
(``languages``). Attachments are listed in the report, not imported.

A new e-discussion runs from its first week (or its first message, if earlier) to a week after
its last week opened (or its last message); its weeks are published at their own time and it is
closed; nothing is announced and nobody is told. ``dry_run`` reports the same without writing
anything. An archive may also be added to an e-discussion imported before (``into``).
"""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import decide

from ... import permissions
from ...models import LANGUAGE_CODES, Category
from .. import services
from ..models import ArchiveImport, Contribution, EDiscussion, Question
from .files import ArchivedMessage, WeekRow
from .questions import QuestionRef
from .reading import Planned, message_read
from .report import (
    ImportEntry,
    Outcome,
    entries_counted,
    entries_loaded,
    entry_explanation,
    entry_skip,
)

__all__ = [
    "ImportEntry",
    "ImportResult",
    "Outcome",
    "archive_import",
    "entries_counted",
    "entries_loaded",
    "entry_explanation",
]

logger = logging.getLogger(__name__)

WEEK = timedelta(days=7)


@dataclass
class ImportResult:
    """An import's report: every message's entry, the e-discussion (None in a dry run of a new
    one, or when nothing could be imported), the stored report (None in a dry run) and, for a
    new e-discussion, its period."""

    entries: list[ImportEntry]
    ediscussion: EDiscussion | None
    report: ArchiveImport | None
    dry_run: bool
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    @property
    def counts(self) -> dict[str, int]:
        return entries_counted(self.entries)

    @property
    def imported(self) -> int:
        return sum(1 for entry in self.entries if entry.is_imported)


# -- The service --------------------------------------------------------------------------------


def archive_import(
    *,
    by: User,
    messages: Iterable[ArchivedMessage],
    archive_name: str,
    weeks: Sequence[WeekRow] = (),
    questions_name: str = "",
    title: str = "",
    language: str = "",
    access: str = Category.Access.MEMBERS,
    into: EDiscussion | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import ``messages`` (see the module's docstring): into a new e-discussion titled
    ``title`` in ``language`` (the facilitator's), read by ``access``, with ``weeks`` of
    questions; or, with ``into``, into an e-discussion imported before. ``PermissionDenied``
    unless ``by`` may create e-discussions (``into``: facilitate it); ``ValidationError`` for
    a missing title or week, a week in the future."""
    if into is None:
        decision = decide(by, permissions.EDISCUSSION_CREATE)
    else:
        decision = decide(by, permissions.EDISCUSSION_FACILITATE, into)
    if not decision:
        raise PermissionDenied(decision.reason)
    now = timezone.now()
    if into is None:
        title, language = _new_checked(
            title=title, language=language, access=access, weeks=weeks, now=now
        )
        refs = [QuestionRef(row.number, week.number) for week in weeks for row in week.questions]
        default_language = language
    else:
        if into.closed_at is None or not into.imports.exists():
            raise ValidationError(_("Messages are added only to an e-discussion imported before."))
        refs = [
            QuestionRef(number, week)
            for number, week in Question.objects.filter(week__ediscussion=into)
            .order_by("number")
            .values_list("number", "week__number")
        ]
        default_language = into.default_language

    entries: list[ImportEntry] = []
    planned: list[Planned] = []
    seen: dict[str, int] = {}
    members: dict[str, User | None] = {}  # by address: a list's regulars write often
    for position, message in enumerate(messages, start=1):
        entry, plan = message_read(
            message,
            position=position,
            refs=refs,
            default_language=default_language,
            now=now,
            members=members,
        )
        entries.append(entry)
        if entry.message_id and entry.outcome != Outcome.UNREADABLE:
            first = seen.setdefault(entry.message_id, position)
            if first != position:
                entry_skip(entry, Outcome.DUPLICATE, "duplicate_archive", position=first)
                continue
        if plan is not None:
            planned.append(plan)
    planned = _not_imported_before(planned)
    planned.sort(key=lambda plan: (plan.sent_at, plan.entry.position))

    starts_at = ends_at = None
    if into is None and planned:
        starts_at, ends_at = _period(weeks, planned, now=now)
    if dry_run:
        return ImportResult(entries, into, None, True, starts_at, ends_at)
    with transaction.atomic():
        ediscussion = into
        if into is None and planned:
            ediscussion = _ediscussion_create(
                by=by,
                title=title,
                language=language,
                access=access,
                weeks=weeks,
                starts_at=starts_at,
                ends_at=ends_at,
            )
        if ediscussion is not None:
            _contributions_write(by=by, ediscussion=ediscussion, planned=planned)
        report = ArchiveImport.objects.create(
            ediscussion=ediscussion,
            by=by,
            archive_name=archive_name[:200],
            questions_name=questions_name[:200],
            entries=[asdict(entry) for entry in entries],
        )
    logger.info(
        "Archive %s imported by %s into %s: %s",
        archive_name,
        by.pk,
        ediscussion.pk if ediscussion else None,
        entries_counted(entries),
    )
    return ImportResult(entries, ediscussion, report, False, starts_at, ends_at)


def _new_checked(
    *, title: str, language: str, access: str, weeks: Sequence[WeekRow], now: datetime
) -> tuple[str, str]:
    title = " ".join((title or "").split())
    if not title or len(title) > services.TITLE_MAX:
        raise ValidationError(
            {"title": _("Give the e-discussion a title (at most 200 characters).")}
        )
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose one of the four languages.")})
    if access not in Category.Access.values:
        raise ValidationError({"access": _("Choose who can read it.")})
    if not weeks:
        raise ValidationError({"questions": _("Give the weeks and their questions.")})
    for week in weeks:
        if week.opens_at >= now:
            raise ValidationError(
                {
                    "questions": _(
                        "Week %(n)d opens in the future: only an e-discussion that took place "
                        "is imported."
                    )
                    % {"n": week.number}
                }
            )
    return title, language


def _period(
    weeks: Sequence[WeekRow], planned: list[Planned], *, now: datetime
) -> tuple[datetime, datetime]:
    starts_at = min([weeks[0].opens_at, *(plan.sent_at for plan in planned)])
    ends_at = max(
        [weeks[-1].opens_at + WEEK, *(plan.sent_at + timedelta(seconds=1) for plan in planned)]
    )
    return starts_at, min(ends_at, now)


def _ediscussion_create(
    *,
    by: User,
    title: str,
    language: str,
    access: str,
    weeks: Sequence[WeekRow],
    starts_at: datetime,
    ends_at: datetime,
) -> EDiscussion:
    asked_in = {
        code for week in weeks for row in week.questions for code, text in row.texts.items() if text
    }
    ediscussion = services.ediscussion_create(
        creator=by,
        titles={language: title},
        default_language=language,
        starts_at=starts_at,
        ends_at=ends_at,
        access=access,
        languages=[code for code in LANGUAGE_CODES if code in asked_in | {language}],
    )
    for week_row in weeks:
        week = services.week_save(
            by=by, ediscussion=ediscussion, number=week_row.number, opens_at=week_row.opens_at
        )
        for row in week_row.questions:
            services.question_save(by=by, week=week, number=row.number, texts=row.texts)
    return services.ediscussion_archive_publish(by=by, ediscussion=ediscussion, closed_at=ends_at)


def _contributions_write(*, by: User, ediscussion: EDiscussion, planned: list[Planned]) -> None:
    questions = {
        question.number: question
        for question in Question.objects.filter(week__ediscussion=ediscussion).select_related(
            "week"
        )
    }
    for plan in planned:
        entry = plan.entry
        try:
            # Atomic itself: a message refused leaves nothing of it, the others are written.
            contribution = services.contribution_import(
                by=by,
                ediscussion=ediscussion,
                question=questions.get(entry.question) if entry.question else None,
                author=plan.member,
                source=plan.text,
                language=entry.language,
                created_at=plan.sent_at,
                message_id=entry.message_id,
                sender_name=entry.sender_name,
                sender_email=entry.sender_email,
            )
        except IntegrityError:
            # The same message imported meanwhile by someone else.
            entry_skip(entry, Outcome.DUPLICATE, "duplicate_imported", title="")
            continue
        except ValidationError as error:
            entry_skip(entry, Outcome.UNREADABLE, "not_written", error=" ".join(error.messages))
            continue
        entry.post_id = contribution.post_id


def _not_imported_before(planned: list[Planned]) -> list[Planned]:
    """The planned messages not yet imported; the others are marked as duplicates (one query
    per thousand messages)."""
    ids = [plan.entry.message_id for plan in planned]
    before: dict[str, str] = {}
    for start in range(0, len(ids), 1000):
        for message_id, ediscussion_id in Contribution.objects.filter(
            imported_message_id__in=ids[start : start + 1000]
        ).values_list("imported_message_id", "ediscussion_id"):
            before[message_id] = ediscussion_id
    if not before:
        return planned
    titles = {
        ediscussion.pk: ediscussion.title
        for ediscussion in EDiscussion.objects.filter(pk__in=set(before.values()))
    }
    kept = []
    for plan in planned:
        if plan.entry.message_id in before:
            title = titles.get(before[plan.entry.message_id], "")
            entry_skip(plan.entry, Outcome.DUPLICATE, "duplicate_imported", title=title)
        else:
            kept.append(plan)
    return kept
