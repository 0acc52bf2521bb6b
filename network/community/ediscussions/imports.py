"""Importing an archived e-discussion: the messages of a mailing list's archive and its weekly
questions (both read by ``import_files``) become the e-discussion as it ran, closed, each message
a contribution. One service, ``archive_import``, for the command (``manage.py
ediscussion_import``) and the coordinators' page (``views/imports.py``).

Nothing is dropped unsaid: for each message, in the archive's order, an ``ImportEntry`` says what
became of it, stored with the import (``ArchiveImport``) for the report page:

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

import email
import email.policy
import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import TextChoices
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.models import User
from network.permissions import decide

from .. import permissions
from ..languages import language_detect
from ..mail.classify import REASON_PRECEDENCE, auto_reply_reason, bounce_of
from ..mail.trimming import REASON_NO_TEXT, reply_extract
from ..models import LANGUAGE_CODES, Category
from ..selectors.inbound import member_by_address
from ..services.inbound import subject_clean
from . import services
from .import_files import ArchivedMessage, WeekRow
from .models import ArchiveImport, Contribution, EDiscussion, Question

logger = logging.getLogger(__name__)

WEEK = timedelta(days=7)


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


@dataclass(frozen=True)
class QuestionRef:
    """A question as the assignment rule sees it: its number across the e-discussion and its
    week's (from the questions file in a dry run, from the database otherwise)."""

    number: int
    week: int


@dataclass
class _Planned:
    entry: ImportEntry
    sent_at: datetime
    text: str
    member: User | None


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
    planned: list[_Planned] = []
    seen: dict[str, int] = {}
    members: dict[str, User | None] = {}  # by address: a list's regulars write often
    for position, message in enumerate(messages, start=1):
        entry, plan = _message_read(
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
                _skip(entry, Outcome.DUPLICATE, "duplicate_archive", position=first)
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
    weeks: Sequence[WeekRow], planned: list[_Planned], *, now: datetime
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


def _contributions_write(*, by: User, ediscussion: EDiscussion, planned: list[_Planned]) -> None:
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
            _skip(entry, Outcome.DUPLICATE, "duplicate_imported", title="")
            continue
        except ValidationError as error:
            _skip(entry, Outcome.UNREADABLE, "not_written", error=" ".join(error.messages))
            continue
        entry.post_id = contribution.post_id


def _not_imported_before(planned: list[_Planned]) -> list[_Planned]:
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
            _skip(plan.entry, Outcome.DUPLICATE, "duplicate_imported", title=title)
        else:
            kept.append(plan)
    return kept


def _skip(entry: ImportEntry, outcome: str, reason: str, **values) -> None:
    entry.outcome, entry.reason, entry.values = outcome, reason, values
    entry.question = None


# -- Reading one message ------------------------------------------------------------------------

_LIST_HEADERS = ("List-Id", "List-Post", "Mailing-List", "X-Mailing-List")
# A mailing list's footer: a line of underscores, then a few lines naming the list.
_LIST_FOOTER = re.compile(
    r"(?:^|\n)[ \t]*_{10,}[ \t]*\n(?P<footer>(?:.*\n?){1,8})\Z",
)
_LIST_FOOTER_WORDS = re.compile(
    r"mailing\s+list|listinfo|mailman|unsubscribe|lista\s+de\s+correo|lista\s+de\s+discuss"
    r"|liste\s+de\s+diffusion|d[ée]sabonn|darse\s+de\s+baja",
    re.IGNORECASE,
)


def _message_read(
    message: ArchivedMessage,
    *,
    position: int,
    refs: list[QuestionRef],
    default_language: str,
    now: datetime,
    members: dict[str, User | None],
) -> tuple[ImportEntry, _Planned | None]:
    entry = ImportEntry(position=position, label=message.label[:300])
    if message.not_message:
        _skip(entry, Outcome.UNREADABLE, "not_eml")
        return entry, None
    try:
        return entry, _message_planned(
            message,
            entry=entry,
            refs=refs,
            default_language=default_language,
            now=now,
            members=members,
        )
    except DatabaseError:
        raise
    except Exception:
        # A message the email package cannot read is reported, never the import's end.
        logger.exception("Archived message %s could not be read.", message.label)
        _skip(entry, Outcome.UNREADABLE, "unparsable")
        return entry, None


def _message_planned(
    message: ArchivedMessage,
    *,
    entry: ImportEntry,
    refs: list[QuestionRef],
    default_language: str,
    now: datetime,
    members: dict[str, User | None],
) -> _Planned | None:
    parsed = email.message_from_bytes(message.raw, policy=email.policy.default)
    entry.message_id = _message_id(parsed, message.raw)
    entry.subject = " ".join(str(parsed.get("Subject", "") or "").split())[:300]
    name, address = parseaddr(str(parsed.get("From", "") or ""))
    entry.sender_name = " ".join(name.split())[:200]
    entry.sender_email = address.strip().lower()[:254]
    sent_at = _sent_at(parsed)
    if sent_at is not None:
        entry.sent_at = sent_at.isoformat()
    entry.attachments = _attachments(parsed)

    bounce = bounce_of(message=parsed)
    if bounce is not None:
        _skip(entry, Outcome.BOUNCE, "bounce", address=bounce.address)
        return None
    automatic = _auto_reply(parsed)
    if automatic is not None:
        with translation.override(None):
            why = str(automatic)  # the message's English source, translated when shown
        _skip(entry, Outcome.AUTO_REPLY, "auto_reply", why=why)
        return None
    if "@" not in entry.sender_email and not entry.sender_name:
        _skip(entry, Outcome.UNREADABLE, "no_sender")
        return None
    if sent_at is None:
        _skip(entry, Outcome.UNREADABLE, "no_date")
        return None
    if sent_at > now:
        _skip(entry, Outcome.UNREADABLE, "future_date")
        return None
    extracted = reply_extract(message=parsed)
    if extracted.reason is REASON_NO_TEXT:
        _skip(entry, Outcome.UNREADABLE, "no_text")
        return None
    text = _list_footer_cut(extracted.text).strip()
    if not text:
        _skip(entry, Outcome.EMPTY, "empty")
        return None
    entry.trimmer_unsure = extracted.unsure

    member = None
    if "@" in entry.sender_email:
        if entry.sender_email not in members:
            members[entry.sender_email] = member_by_address(address=entry.sender_email)
        member = members[entry.sender_email]
    entry.member_id = member.pk if member else None
    fallback = default_language
    if member is not None and member.preferred_language in LANGUAGE_CODES:
        fallback = member.preferred_language
    entry.language = language_detect(text=text, default=fallback)

    number, reason, values = _question_from_text(text, refs)
    if reason == "no_heading":
        number, reason, values = _question_from_subject(entry.subject, refs)
    entry.outcome = Outcome.IMPORTED if number is not None else Outcome.TRAY
    entry.question, entry.reason, entry.values = number, reason, values
    return _Planned(entry=entry, sent_at=sent_at, text=text, member=member)


def _message_id(message: EmailMessage, raw: bytes) -> str:
    """The message's Message-ID, or one made from its bytes (the same message, the same one)."""
    value = " ".join(str(message.get("Message-ID", "") or "").split())
    if not value or len(value) > 300:
        value = f"<{hashlib.sha256(raw).hexdigest()}@archive.invalid>"
    return value


def _sent_at(message: EmailMessage) -> datetime | None:
    value = str(message.get("Date", "") or "").strip()
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)  # "-0000": the time is UTC, its zone unknown
    return moment


def _auto_reply(message: EmailMessage):
    """Why ``message`` is an automatic reply, or None. A list marks every message it
    distributes as bulk (``Precedence``): for a message that came through one, only the other
    signs count."""
    reason = auto_reply_reason(message=message)
    if reason is REASON_PRECEDENCE and any(message.get(name) for name in _LIST_HEADERS):
        del message["Precedence"]
        del message["X-Precedence"]
        reason = auto_reply_reason(message=message)
    return reason


def _attachments(message: EmailMessage) -> list[dict]:
    found = []
    for part in message.iter_attachments():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        found.append(
            {
                "name": " ".join(str(part.get_filename() or "").split())[:200],
                "type": part.get_content_type()[:100],
                "size": len(payload),
            }
        )
    return found[:50]


def _list_footer_cut(text: str) -> str:
    match = _LIST_FOOTER.search(text)
    if match and _LIST_FOOTER_WORDS.search(match.group("footer")):
        return text[: match.start()]
    return text


# -- Which question a message answers -------------------------------------------------------------
# The rule: a heading is a line that starts (after Markdown's "#", "*", "_" or a bullet) with
# "Question", "Pregunta", "Questão", "Pergunta" or "Q" and a number, or "Week", "Semana",
# "Semaine" and a number (then perhaps a question: "Semana 2 - Pregunta 3"), followed by the end
# of the line or a separator (":", ".", ")", a dash). Each names one question: a question's
# number names it (numbered across the e-discussion; with a week, "Week 2, Question 1" where
# question 1 is not in week 2 counts within the week); a week alone names its only question. The
# message answers that question when every heading names the same one. With no heading, its
# subject is read the same way, anywhere in it. Anything else goes to the tray.

_NUMBER = r"[ \t]*(?:n[º°o]?\.?[ \t]*|#[ \t]*)?(?P<{name}>\d{{1,3}})(?!\d)"
_WEEK_WORDS = r"week|semana|semaine"
_QUESTION_WORDS = r"question|pregunta|quest[ãa]o|pergunta|q\.?"
_HEADING = re.compile(
    r"^[ \t]*(?:[#*_•·\-\u2013\u2014][ \t]*)*"
    rf"(?:(?:{_WEEK_WORDS}){_NUMBER.format(name='week')}"
    rf"(?:[ \t]*[*_]*[ \t]*[,:.\-\u2013\u2014/|]?[ \t]*[*_]*[ \t]*(?:{_QUESTION_WORDS})"
    rf"{_NUMBER.format(name='week_question')})?"
    rf"|(?:{_QUESTION_WORDS}){_NUMBER.format(name='question')})"
    r"[ \t]*[*_]*[ \t]*(?::|\.(?!\d)|\)|-|\u2013|\u2014|$)",
    re.IGNORECASE | re.MULTILINE,
)
_SUBJECT_WEEK = re.compile(rf"\b(?:{_WEEK_WORDS}){_NUMBER.format(name='n')}", re.IGNORECASE)
_SUBJECT_QUESTION = re.compile(rf"\b(?:{_QUESTION_WORDS}){_NUMBER.format(name='n')}", re.IGNORECASE)


def _question_named(
    *, week: int | None, question: int | None, refs: list[QuestionRef]
) -> tuple[int | None, str, dict]:
    """The question a heading names, or None with the reason."""
    by_number = {ref.number: ref for ref in refs}
    in_week = sorted(ref.number for ref in refs if ref.week == week)
    if question is not None and week is not None:
        if question in by_number and by_number[question].week == week:
            return question, "", {}
        if 1 <= question <= len(in_week):
            return in_week[question - 1], "", {}  # counted within the week
        return None, "unknown_question", {"n": question}
    if question is not None:
        if question in by_number:
            return question, "", {}
        return None, "unknown_question", {"n": question}
    if len(in_week) == 1:
        return in_week[0], "", {}
    return None, "unclear_week", {"n": week}


Named = tuple[int | None, str, dict]


def _named_one(named: list[Named], *, found: str) -> Named:
    for number, reason, values in named:
        if number is None:
            return None, reason, values
    numbers = sorted({number for number, _reason, _values in named})
    if len(numbers) > 1:
        return None, "several", {"numbers": numbers}
    return numbers[0], found, {"n": numbers[0]}


def _question_from_text(text: str, refs: list[QuestionRef]) -> tuple[int | None, str, dict]:
    """The question the headings of ``text`` name (see the rule above): (its number, "heading",
    values), or (None, why, values); "no_heading" when there is none."""
    named = []
    for match in _HEADING.finditer(text):
        week = match.group("week")
        question = match.group("week_question") or match.group("question")
        named.append(
            _question_named(
                week=int(week) if week else None,
                question=int(question) if question else None,
                refs=refs,
            )
        )
    if not named:
        return None, "no_heading", {}
    return _named_one(named, found="heading")


def _question_from_subject(subject: str, refs: list[QuestionRef]) -> tuple[int | None, str, dict]:
    """The question a subject ("Re: Question 2 ...", "Semana 2 - Pregunta 3") names."""
    subject = subject_clean(subject)
    weeks = {int(match.group("n")) for match in _SUBJECT_WEEK.finditer(subject)}
    questions = {int(match.group("n")) for match in _SUBJECT_QUESTION.finditer(subject)}
    if not weeks and not questions:
        return None, "no_question", {}
    if len(weeks) > 1 or len(questions) > 1:
        named = [_question_named(week=None, question=number, refs=refs) for number in questions]
        named += [_question_named(week=number, question=None, refs=refs) for number in weeks]
        return _named_one(named, found="subject")
    week = next(iter(weeks), None)
    question = next(iter(questions), None)
    return _named_one([_question_named(week=week, question=question, refs=refs)], found="subject")


# -- The report -----------------------------------------------------------------------------------


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
