"""Mail received by the forum: replies to notification emails and new topics sent to a
category's address. One service for every way mail arrives (a provider's webhook, the IMAP
mailbox polled by Celery beat, the ``forum_inbound_read`` command).

``mail_receive`` stores each message once (``InboundMail``, unique on its Message-ID: the same
message received twice is processed once) and processes it:

1. A bounce is counted against the address it reports (``notifications.services.bounce_record``:
   mail to an address stops after repeated hard bounces); an automatic reply (out of office) is
   set aside. Neither is ever posted.
2. The forum address it was sent to: ``reply+<key>@`` (``FORUM_REPLY_ADDRESS``) answers the
   post the key was issued for, as the member it was issued to, and only from one of that
   member's confirmed addresses; ``forum+<slug>@`` (``FORUM_CATEGORY_ADDRESS``) starts a topic
   in a category that accepts topics by email, for a member allowed to start one there.
   Forged, unknown and expired keys, strangers and refusals are rejected (a member whose key
   expired, or whose post was refused, is told by email in their language).
   E-discussions: a key may be a week's (``ediscussions.services_mail``: the address of a
   week's announcement); its mail is a contribution to the one question its headings name
   (``ediscussions.headings``), else it waits in the e-discussion's tray for the facilitators.
   A contribution arriving after the close, or to a closed question (by either address), is
   held in the tray marked late, and its sender told so; it is never posted nor lost.
3. The member's text is trimmed of what their mail client quoted (``mail.trimming``). When the
   trimmer is unsure, or the sender's domain did not vouch for the message (DKIM, SPF, DMARC
   as our receiving server reported them, ``mail.authentication``, once
   ``FORUM_INBOUND_AUTHSERV_IDS`` is set), the post is written but held for a moderator, with
   the original message kept (moderators read it at ``community:inbound_original``).
4. The files the member attached (``mail.files``: not the message's text, nor a signature's
   small images) go through the website's upload check (``attachments.attachments_keep``) and
   become the post's attachments, up to the limit per post; a held post keeps them, unseen,
   until a moderator decides. Files refused never stop the post: the member is told by email,
   in their language, which ones were not attached and why.

Every outcome is logged and stored with its reason; the original is kept only for held mail
(and mail that could not be read), and only for ``FORUM_INBOUND_KEEP_DAYS`` after it was
received (``mail_originals_purge``, daily). A moderator's decision on a held post (approved or
rejected, ``moderation.py``) becomes its mail's outcome.
"""

import email
import email.policy
import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network.models import User
from notifications.links import link_for_language
from notifications.services import bounce_record, email_send

from ..ediscussions import headings, selectors_mail, services_mail
from ..mail.authentication import sender_authentication
from ..mail.classify import auto_reply_reason, bounce_of
from ..mail.files import files_extract
from ..mail.trimming import reply_extract
from ..models import LANGUAGE_CODES, Category, InboundMail, Post, PostAttachment, ReplyKey
from ..selectors.inbound import addresses_accepted, member_by_address
from . import attachments, posting, reply_keys

logger = logging.getLogger(__name__)

Outcome = InboundMail.Outcome

# The headers a forum address may be found in (the envelope recipient a provider reports
# comes first).
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")
# "Re:", "Fwd:" and their Spanish, Portuguese and French forms, repeated or numbered.
_SUBJECT_PREFIX = re.compile(
    r"^(?:\s*(?:re|fwd?|rv|enc|tr|res|aw|wg)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
EMAIL_TEMPLATES = "community/emails"
ERROR_REASON = "could not be processed (see the error log)"


@dataclass(frozen=True)
class _Verdict:
    outcome: str
    reason: str
    user: User | None = None
    post: Post | None = None


def _address_pattern(template: str, field: str, chars: str) -> re.Pattern:
    before, _sep, after = template.partition("{" + field + "}")
    return re.compile(rf"^{re.escape(before)}([{chars}]+){re.escape(after)}$", re.IGNORECASE)


def _reply_pattern() -> re.Pattern:
    return _address_pattern(settings.FORUM_REPLY_ADDRESS, "key", "a-z0-9")


def _category_pattern() -> re.Pattern:
    return _address_pattern(settings.FORUM_CATEGORY_ADDRESS, "slug", "a-z0-9_-")


def category_address(*, category: Category) -> str:
    """The address that starts a topic in ``category`` (``FORUM_CATEGORY_ADDRESS``)."""
    return settings.FORUM_CATEGORY_ADDRESS.format(slug=category.slug)


def message_parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def _message_id(message: EmailMessage, raw: bytes) -> str:
    """The message's own Message-ID, or one made from its bytes (the same message again has
    the same one)."""
    try:
        value = str(message.get("Message-ID", "") or "").strip()
    except (TypeError, ValueError):
        value = ""
    if not value:
        value = f"<{hashlib.sha256(raw).hexdigest()}@inbound.invalid>"
    return value[:300]


def _header(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name, "") or "")
    except (TypeError, ValueError):
        return ""


def _recipients(message: EmailMessage, envelope_recipient: str) -> list[str]:
    values = [envelope_recipient]
    for name in RECIPIENT_HEADERS:
        try:
            values.extend(str(value) for value in message.get_all(name, []))
        except (TypeError, ValueError):
            continue
    return [address.strip().lower() for _name, address in getaddresses(values) if address]


def _sender(message: EmailMessage) -> str:
    return parseaddr(_header(message, "From"))[1].strip().lower()


def _member_of(address: str) -> User | None:
    return member_by_address(address=address)


def _language_of(user: User) -> str:
    return user.preferred_language if user.preferred_language in LANGUAGE_CODES else "en"


def subject_clean(subject: str) -> str:
    """A topic title from an email's subject: without "Re:", "Fwd:", "RV:", "ENC:", "TR:"."""
    return " ".join(_SUBJECT_PREFIX.sub("", subject or "").split())


# -- Receiving --------------------------------------------------------------------------------


def mail_store(
    *, raw: bytes, source: str, envelope_recipient: str = ""
) -> tuple[InboundMail, bool]:
    """Keep a message as received, once per Message-ID: (the stored mail, whether it is new).
    The webhook stores first and processes in a task (``mail_process``)."""
    message = message_parse(raw)
    message_id = _message_id(message, raw)
    defaults = {
        "source": source,
        "sender": _sender(message)[:300],
        "recipient": (envelope_recipient or "").strip().lower()[:300],
        "subject": " ".join(_header(message, "Subject").split())[:300],
        "raw": raw,
        "outcome": Outcome.RECEIVED,
    }
    try:
        with transaction.atomic():
            return InboundMail.objects.get_or_create(message_id=message_id, defaults=defaults)
    except IntegrityError:
        return InboundMail.objects.get(message_id=message_id), False


def mail_receive(*, raw: bytes, source: str, envelope_recipient: str = "") -> InboundMail:
    """Store and process one received message (see the module docstring). A message whose
    Message-ID was received before is not processed again: its first record is returned."""
    mail, _created = mail_store(raw=raw, source=source, envelope_recipient=envelope_recipient)
    if mail.outcome != Outcome.RECEIVED:
        logger.info("Inbound mail %s was received before: not processed again.", mail.message_id)
        return mail
    return mail_process(mail_id=mail.pk)


@transaction.atomic
def mail_process(*, mail_id: int) -> InboundMail:
    """Process a stored message that waits to be read; a processed one is returned as it is."""
    mail = InboundMail.objects.select_for_update().get(pk=mail_id)
    if mail.outcome != Outcome.RECEIVED:
        return mail
    raw = bytes(mail.raw)
    try:
        with transaction.atomic():
            verdict = _verdict(
                message=message_parse(raw), envelope_recipient=mail.recipient, mail=mail
            )
    except DatabaseError:
        raise  # the database's trouble passes: the task retries, the mail stays waiting
    except Exception:
        # A message that breaks the reading would break it again at every poll: it is set
        # aside with its original, for a developer to read.
        logger.exception("Inbound mail %s could not be processed.", mail.message_id)
        verdict = _Verdict(Outcome.REJECTED, ERROR_REASON)
    mail.outcome = verdict.outcome
    mail.reason = verdict.reason[:300]
    mail.user = verdict.user
    mail.post = verdict.post
    if verdict.outcome != Outcome.HELD and verdict.reason != ERROR_REASON:
        # Only a moderator's held mail (and one that failed) needs its original.
        mail.raw = b""
    mail.save(update_fields=["outcome", "reason", "user", "post", "raw", "recipient"])
    level = logging.INFO if verdict.outcome in (Outcome.POSTED, Outcome.HELD) else logging.WARNING
    logger.log(
        level,
        "Inbound mail %s from %s to %s: %s (%s)",
        mail.message_id,
        mail.sender,
        mail.recipient,
        verdict.outcome,
        verdict.reason,
    )
    return mail


def mails_pending_process(*, older_than_seconds: int = 120) -> int:
    """Process the stored mail still waiting (a task lost with a broker that restarted)."""
    since = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    ids = list(
        InboundMail.objects.filter(outcome=Outcome.RECEIVED, received_at__lt=since)
        .order_by("received_at")
        .values_list("pk", flat=True)[:100]
    )
    for mail_id in ids:
        mail_process(mail_id=mail_id)
    return len(ids)


def mail_originals_purge(*, now: datetime | None = None) -> int:
    """Empty the originals of the mail received more than ``FORUM_INBOUND_KEEP_DAYS`` ago
    (personal data: addresses, quoted conversations), decided by a moderator or not; the
    record of each (sender, subject, outcome, reason) stays. Mail still waiting to be read
    keeps its original. Returns how many originals were emptied (idempotent)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.FORUM_INBOUND_KEEP_DAYS)
    expired = (
        InboundMail.objects.filter(received_at__lt=cutoff)
        .exclude(outcome=Outcome.RECEIVED)
        .exclude(raw=b"")
    )
    purged = expired.update(raw=b"")
    if purged:
        logger.info("Inbound mail: %s originals older than the retention emptied.", purged)
    return purged


# -- Deciding ---------------------------------------------------------------------------------


def _verdict(*, message: EmailMessage, envelope_recipient: str, mail: InboundMail) -> _Verdict:
    bounce = bounce_of(message=message)
    if bounce is not None:
        bounce_record(address=bounce.address, hard=bounce.hard, status=bounce.status)
        kind = "hard" if bounce.hard else "soft"
        return _Verdict(Outcome.BOUNCE, f"{kind} bounce for {bounce.address} ({bounce.status})")
    auto_reply = auto_reply_reason(message=message)
    if auto_reply is not None:
        return _Verdict(Outcome.AUTO_REPLY, str(auto_reply))

    sender = mail.sender
    reply_pattern, category_pattern = _reply_pattern(), _category_pattern()
    recipients = _recipients(message, envelope_recipient)
    for address in recipients:
        found = reply_pattern.match(address)
        if found:
            mail.recipient = address[:300]
            return _reply_verdict(key=found.group(1), sender=sender, message=message)
    for address in recipients:
        found = category_pattern.match(address)
        if found:
            mail.recipient = address[:300]
            return _topic_verdict(slug=found.group(1), sender=sender, message=message)
    return _Verdict(Outcome.REJECTED, "not sent to a forum address")


def _reply_verdict(*, key: str, sender: str, message: EmailMessage) -> _Verdict:
    if not reply_keys.reply_key_is_signed(key):
        return _Verdict(Outcome.REJECTED, "forged key")
    reply_key = reply_keys.reply_key_find(key=key)
    if reply_key is None:
        week_key = services_mail.week_reply_key_find(key=key)
        if week_key is not None:
            return _week_verdict(week_key=week_key, sender=sender, message=message)
        return _Verdict(Outcome.REJECTED, "unknown key")
    user = reply_key.user
    if not user.is_active:
        return _Verdict(Outcome.REJECTED, "the key's member is no longer active", user=user)
    from_owner = sender in addresses_accepted(user=user)
    if reply_key.expires_at <= timezone.now():
        if from_owner:
            _tell(user=user, template="reply_key_expired", post=reply_key.post, message=message)
        return _Verdict(Outcome.REJECTED, "expired key", user=user)
    if not from_owner:
        return _Verdict(Outcome.REJECTED, "key used from another address", user=user)
    post = reply_key.post
    extracted = reply_extract(message=message)
    question = selectors_mail.question_of_topic(topic=post.topic)
    if question is not None and selectors_mail.is_late(
        question=question, ediscussion=question.week.ediscussion, now=timezone.now()
    ):
        return _late_verdict(
            user=user, question=question, week=question.week, extracted=extracted, message=message
        )

    def write(held: bool, source: str, files: list[PostAttachment]) -> Post:
        return posting.reply_create(
            author=user,
            topic=post.topic,
            source=source,
            reply_to=post,
            via=Post.Via.EMAIL,
            attachments=files,
            held=held,
        ).post

    verdict = _write(user=user, extracted=extracted, message=message, post=post, write=write)
    if verdict.outcome in (Outcome.POSTED, Outcome.HELD):
        ReplyKey.objects.filter(pk=reply_key.pk).update(used_count=F("used_count") + 1)
    return verdict


def _week_verdict(*, week_key, sender: str, message: EmailMessage) -> _Verdict:
    """Mail to a week's address: a contribution to the one question its headings name, else
    held in the e-discussion's tray for the facilitators; late, held in the tray marked so."""
    user, week = week_key.user, week_key.week
    ediscussion = week.ediscussion
    if not user.is_active:
        return _Verdict(Outcome.REJECTED, "the key's member is no longer active", user=user)
    from_owner = sender in addresses_accepted(user=user)
    if week_key.expires_at <= timezone.now():
        if from_owner:
            questions = services_mail.week_questions(week=week)
            opening = (
                Post.objects.filter(topic_id=questions[0].topic_id, number=1).first()
                if questions
                else None
            )
            _tell(user=user, template="reply_key_expired", post=opening, message=message)
        return _Verdict(Outcome.REJECTED, "expired key", user=user)
    if not from_owner:
        return _Verdict(Outcome.REJECTED, "key used from another address", user=user)
    extracted = reply_extract(message=message)
    question = headings.heading_question(extracted.text, ediscussion)
    if selectors_mail.is_late(question=question, ediscussion=ediscussion, now=timezone.now()):
        return _late_verdict(
            user=user, question=question, week=week, extracted=extracted, message=message
        )
    if question is not None:
        opening = Post.objects.get(topic_id=question.topic_id, number=1)

        def write(held: bool, source: str, files: list[PostAttachment]) -> Post:
            return posting.reply_create(
                author=user,
                topic=question.topic,
                source=source,
                reply_to=opening,
                via=Post.Via.EMAIL,
                attachments=files,
                held=held,
            ).post

        return _write(user=user, extracted=extracted, message=message, post=opening, write=write)

    def to_tray(held: bool, source: str, files: list[PostAttachment]) -> Post:
        return services_mail.tray_contribution_write(
            author=user,
            ediscussion=ediscussion,
            source=source,
            week_number=week.number,
            is_late=False,
            attachments=files,
        )

    verdict = _write(user=user, extracted=extracted, message=message, post=None, write=to_tray)
    if verdict.post is None:
        return verdict
    return _Verdict(
        Outcome.HELD,
        f"held in the e-discussion's tray: no single question named ({verdict.reason})",
        user=user,
        post=verdict.post,
    )


def _late_verdict(*, user: User, question, week, extracted, message: EmailMessage) -> _Verdict:
    """A contribution after the close (or to a closed question): held in the tray, marked late,
    for the facilitators, and its sender told in their language."""
    ediscussion = week.ediscussion

    def to_tray(held: bool, source: str, files: list[PostAttachment]) -> Post:
        return services_mail.tray_contribution_write(
            author=user,
            ediscussion=ediscussion,
            source=source,
            week_number=question.week.number if question is not None else week.number,
            is_late=True,
            attachments=files,
        )

    verdict = _write(user=user, extracted=extracted, message=message, post=None, write=to_tray)
    if verdict.post is None:
        return verdict
    language = _language_of(user)
    with translation.override(language):
        title = ediscussion.translated("title", language=language)
        if question is not None and not selectors_mail.ediscussion_is_closed(
            ediscussion=ediscussion, now=timezone.now()
        ):
            reason = _("Question %(n)d of “%(title)s” no longer takes contributions.") % {
                "n": question.number,
                "title": title,
            }
        else:
            reason = _("The e-discussion “%(title)s” is closed.") % {"title": title}
        path = services_mail.ediscussion_path(ediscussion=ediscussion)
    _tell(
        user=user,
        template="ediscussion_late",
        post=None,
        message=message,
        reason=reason,
        extra={
            "ediscussion_title": title,
            "ediscussion_url": link_for_language(url=path, language=language),
        },
    )
    named = f"question {question.number}" if question is not None else f"week {week.number}"
    return _Verdict(
        Outcome.HELD,
        f"late: held in the e-discussion's tray ({named})",
        user=user,
        post=verdict.post,
    )


def _topic_verdict(*, slug: str, sender: str, message: EmailMessage) -> _Verdict:
    user = _member_of(sender)
    if user is None:
        return _Verdict(Outcome.REJECTED, "unknown sender")
    category = Category.objects.filter(slug=slug.lower()).first()
    if category is None:
        return _Verdict(Outcome.REJECTED, "unknown category address", user=user)
    if not category.accepts_email_topics:
        with translation.override(_language_of(user)):
            reason = _("This category does not take new topics by email.")
        _tell(user=user, template="refused", post=None, message=message, reason=reason)
        return _Verdict(Outcome.REJECTED, "category takes no topics by email", user=user)
    extracted = reply_extract(message=message)
    title = subject_clean(_header(message, "Subject"))

    def write(held: bool, source: str, files: list[PostAttachment]) -> Post:
        return posting.topic_create(
            author=user,
            category=category,
            title=title,
            source=source,
            via=Post.Via.EMAIL,
            attachments=files,
            held=held,
        ).post

    return _write(user=user, extracted=extracted, message=message, post=None, write=write)


def _write(*, user: User, extracted, message: EmailMessage, post: Post | None, write) -> _Verdict:
    """Write the member's post (held when the trimmer is unsure) with the files they attached,
    in the member's language for any refusal; a refusal is rejected and told to the member, and
    so are the files that were not attached."""
    authentication = sender_authentication(
        message=message, trusted=set(settings.FORUM_INBOUND_AUTHSERV_IDS)
    )
    held = extracted.unsure or not authentication.trusted
    outcome_reason = str(extracted.reason)
    if not authentication.trusted:
        outcome_reason = f"sender not authenticated ({authentication.detail}); {outcome_reason}"
    source = extracted.text.strip()
    if held and not source:
        # Nothing could be told apart: the moderator sees the whole text and edits it.
        source = _whole_text(message) or _("(This email has no text.)")
    language = _language_of(user)
    with translation.override(language):
        files = _files_keep(user=user, message=message)
    try:
        with translation.override(language):
            written = write(held, source, files.added)
    except PermissionDenied as refusal:
        _files_forget(files)
        reason = str(refusal) or "refused"
        with translation.override(language):
            if reason == _("This page does not exist."):
                # Lost access: no link to a page they cannot open.
                reason, post = _("You no longer have access to this part of the forum."), None
        _tell(user=user, template="refused", post=post, message=message, reason=reason)
        return _Verdict(Outcome.REJECTED, f"refused: {reason}", user=user)
    except ValidationError as invalid:
        _files_forget(files)
        reason = " ".join(str(text) for text in invalid.messages)
        _tell(user=user, template="refused", post=post, message=message, reason=reason)
        return _Verdict(Outcome.REJECTED, f"invalid: {reason}", user=user)
    if files.added or files.refused:
        logger.info(
            "Inbound mail from member %s: %s file(s) attached to post %s, %s not (%s).",
            user.pk,
            len(files.added),
            written.pk,
            len(files.refused),
            ", ".join(file.name for file in files.refused) or "-",
        )
    if files.refused:
        _tell(
            user=user,
            template="files_refused",
            post=written,
            message=message,
            files=[{"name": file.name, "reason": file.reason} for file in files.refused],
        )
    if held:
        return _Verdict(Outcome.HELD, outcome_reason, user=user, post=written)
    return _Verdict(Outcome.POSTED, outcome_reason, user=user, post=written)


def _files_keep(*, user: User, message: EmailMessage) -> attachments.FilesKept:
    """The email's files, checked as the website checks uploads and kept as ``user``'s
    pending attachments (refusals in the active language)."""
    uploads = [
        SimpleUploadedFile(file.name or _("Unnamed file"), file.content, file.content_type)
        for file in files_extract(message=message)
    ]
    return attachments.attachments_keep(user=user, uploads=uploads)


def _files_forget(files: attachments.FilesKept) -> None:
    """The post was refused: its files go too (the refusal tells the member; the files are
    not mentioned, as nothing was posted)."""
    for attachment in files.added:
        attachments.attachment_remove(attachment=attachment)


def _whole_text(message: EmailMessage) -> str:
    from ..mail.body import body_parts
    from ..mail.trimming import html_to_text

    for preference in ("plain", "html"):
        contents = []
        for part in body_parts(message=message, preference=preference):
            try:
                contents.append(part.get_content())
            except (LookupError, ValueError):
                continue
        if preference == "plain":
            text = "\n\n".join(content.strip("\n") for content in contents)
        else:
            text = html_to_text("".join(contents))
        if text.strip():
            return text.strip()
    return ""


def _tell(
    *,
    user: User,
    template: str,
    post: Post | None,
    message: EmailMessage,
    reason: str = "",
    files: list[dict] | None = None,
    extra: dict | None = None,
) -> None:
    """Tell a member, in their language, why their email was not posted (or, with ``files``,
    which of its files were not attached and why)."""
    language = _language_of(user)
    topic_url = ""
    topic_title = ""
    if post is not None:
        topic = post.topic
        topic_title = topic.title
        with translation.override(language):
            path = reverse("community:topic_short", kwargs={"topic_id": topic.pk})
        topic_url = link_for_language(url=path, language=language)
    with translation.override(language):
        help_url = link_for_language(url=reverse("community:email_help"), language=language)
    email_send(
        to=user.email,
        template_prefix=f"{EMAIL_TEMPLATES}/inbound_{template}",
        context={
            "name": user.get_full_name() or user.username,
            "topic_title": topic_title,
            "topic_url": topic_url,
            "help_url": help_url,
            "reason": reason,
            "files": files or [],
            "subject": " ".join(_header(message, "Subject").split())[:200],
            **(extra or {}),
        },
        language=language,
    )
