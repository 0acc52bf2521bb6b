"""Reading one archived message for the import: its sender, date and Message-ID, whether it is
an automatic reply or a bounce, its text trimmed (``mail.trimming``, then a list's footer), its
author, language and question, and its attachments."""

import email
import email.policy
import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime

from django.db import DatabaseError
from django.utils import timezone, translation

from network.models import User

from ...languages import language_detect
from ...mail.classify import REASON_PRECEDENCE, auto_reply_reason, bounce_of
from ...mail.trimming import REASON_NO_TEXT, reply_extract
from ...models import LANGUAGE_CODES
from ...selectors.inbound import member_by_address
from .files import ArchivedMessage
from .questions import QuestionRef, question_from_subject, question_from_text
from .report import ImportEntry, Outcome, entry_skip

logger = logging.getLogger(__name__)


@dataclass
class Planned:
    """A message to import: its entry, date, trimmed text and author (a member, or None)."""

    entry: ImportEntry
    sent_at: datetime
    text: str
    member: User | None


_LIST_HEADERS = ("List-Id", "List-Post", "Mailing-List", "X-Mailing-List")
# A mailing list's footer: a line of underscores, then a few lines naming the list.
_LIST_FOOTER = re.compile(r"(?:^|\n)[ \t]*_{10,}[ \t]*\n(?P<footer>(?:[^\n]*\n){0,7}[^\n]*)\Z")
_LIST_FOOTER_WORDS = re.compile(
    r"mailing\s+list|listinfo|mailman|unsubscribe|lista\s+de\s+correo|lista\s+de\s+discuss"
    r"|liste\s+de\s+diffusion|d[ée]sabonn|darse\s+de\s+baja",
    re.IGNORECASE,
)


def message_read(
    message: ArchivedMessage,
    *,
    position: int,
    refs: list[QuestionRef],
    default_language: str,
    now: datetime,
    members: dict[str, User | None],
) -> tuple[ImportEntry, Planned | None]:
    entry = ImportEntry(position=position, label=message.label[:300])
    if message.not_message:
        entry_skip(entry, Outcome.UNREADABLE, "not_eml")
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
        entry_skip(entry, Outcome.UNREADABLE, "unparsable")
        return entry, None


def _message_planned(
    message: ArchivedMessage,
    *,
    entry: ImportEntry,
    refs: list[QuestionRef],
    default_language: str,
    now: datetime,
    members: dict[str, User | None],
) -> Planned | None:
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
        entry_skip(entry, Outcome.BOUNCE, "bounce", address=bounce.address)
        return None
    automatic = _auto_reply(parsed)
    if automatic is not None:
        with translation.override(None):
            why = str(automatic)  # the message's English source, translated when shown
        entry_skip(entry, Outcome.AUTO_REPLY, "auto_reply", why=why)
        return None
    if "@" not in entry.sender_email and not entry.sender_name:
        entry_skip(entry, Outcome.UNREADABLE, "no_sender")
        return None
    if sent_at is None:
        entry_skip(entry, Outcome.UNREADABLE, "no_date")
        return None
    if sent_at > now:
        entry_skip(entry, Outcome.UNREADABLE, "future_date")
        return None
    extracted = reply_extract(message=parsed)
    if extracted.reason is REASON_NO_TEXT:
        entry_skip(entry, Outcome.UNREADABLE, "no_text")
        return None
    text = _list_footer_cut(extracted.text).strip()
    if not text:
        entry_skip(entry, Outcome.EMPTY, "empty")
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

    number, reason, values = question_from_text(text, refs)
    if reason == "no_heading":
        number, reason, values = question_from_subject(entry.subject, refs)
    entry.outcome = Outcome.IMPORTED if number is not None else Outcome.TRAY
    entry.question, entry.reason, entry.values = number, reason, values
    return Planned(entry=entry, sent_at=sent_at, text=text, member=member)


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
