"""An e-discussion's emails: each week's announcement, the week's reply addresses, reminders to
those who have not contributed, and contributions held in the facilitators' tray.

Announcement. When a week is published (``signals.week_published``) ONE task is enqueued after
the commit (``tasks.ediscussion_week_announce``); it runs ``week_announce``, which finds the
recipients in SQL (``selectors_mail.announcement_recipients``) and hands them, in batches of the
forum's ``FANOUT_BATCH``, to the one notification service (kind ``ediscussion_week``): a
constant number of queries per batch, each person told once per week (the notification's event
key), ``Week.announced_at`` set at the end. The email is rendered in each reader's language:
the week's questions in that language (another one, marked, when a question has no
translation), links in that language, and, issued when the email is sent (``email_values``):

- one reply address per question: the forum's reply key on the question topic's opening post,
  so a reply is a contribution to that question, written by the forum like any reply;
- one address for the whole week (``WeekReplyKey``, hashed and expiring like a reply key): the
  inbound service gives mail sent to it to the question its headings name (``headings.py``), or
  to the tray for the facilitators.

``Reply-To`` is the week's address (the only question's, for a week of one question).

Reminders ("nudges", kind ``ediscussion_nudge``): to participants who have not contributed
during a week, sent by hand by a facilitator or by beat ``EDISCUSSION_NUDGE_AFTER_DAYS`` days
after the week opened; at most once per participant and week (a ``Nudge`` row, unique, and the
notification's event key). They carry links, no new reply address: issuing a participant's keys
again would silence the addresses of the announcement they already have.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import decide
from notifications.emails import issued_marker
from notifications.links import absolute_url
from notifications.services import notification_send

from .. import permissions
from ..models import LANGUAGE_CODES, Post, PostAttachment, key_hash
from ..services import posting
from ..services.notify import FANOUT_BATCH, LEVEL_FREQUENCY, mail_domain
from ..services.reply_keys import (
    reply_address,
    reply_key_is_signed,
    reply_key_lifetime,
    reply_key_new,
    reply_keys_issue,
)
from ..visibility import ediscussions_readable
from . import selectors_mail
from .models import Contribution, EDiscussion, Nudge, Question, Week, WeekReplyKey

EDISCUSSION_WEEK = "ediscussion_week"
EDISCUSSION_NUDGE = "ediscussion_nudge"
EDISCUSSION_KINDS = (EDISCUSSION_WEEK, EDISCUSSION_NUDGE)
WEEK_SLOT = "week"


def _refuse_unless(user: User, action: str, obj=None) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


# -- The week's reply address ------------------------------------------------------------------


def week_reply_key_issue(*, user: User, week: Week) -> str:
    """A new key of ``week``'s address for ``user`` (the raw key: put it in the address, never
    store it); issuing again replaces the earlier one. Made, hashed and expiring like the
    forum's reply keys (``FORUM_REPLY_KEY_DAYS``)."""
    key = reply_key_new()
    WeekReplyKey.objects.bulk_create(
        [
            WeekReplyKey(
                user=user,
                week=week,
                key_hash=key_hash(key),
                expires_at=timezone.now() + reply_key_lifetime(),
            )
        ],
        update_conflicts=True,
        unique_fields=["user", "week"],
        update_fields=["key_hash", "expires_at"],
    )
    return key


def week_reply_key_find(*, key: str) -> WeekReplyKey | None:
    """The stored week key for a signed ``key`` (expired or not), or None."""
    if not reply_key_is_signed(key):
        return None
    return (
        WeekReplyKey.objects.select_related("user", "week__ediscussion__category")
        .filter(key_hash=key_hash(key.strip().lower()))
        .first()
    )


# -- What the emails say -----------------------------------------------------------------------


def _source_language(obj, field: str, language: str) -> str:
    """The language whose text ``obj.translated(field, language=...)`` shows."""
    for code in (language, obj.default_language, "en", *LANGUAGE_CODES):
        if getattr(obj, f"{field}_{code}", ""):
            return code
    return language


def _link(name: str, *, language: str, **kwargs) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, kwargs=kwargs))


def ediscussion_path(*, ediscussion: EDiscussion) -> str:
    """The e-discussion's address (its category's page), in English."""
    with translation.override("en"):
        return reverse("community:category", kwargs={"slug": ediscussion.category.slug})


def week_questions(*, week: Week) -> list[Question]:
    """The published questions of ``week``, with their topics, in order."""
    return list(
        week.questions.filter(topic__isnull=False).select_related("topic").order_by("number")
    )


def week_email_context(*, week: Week, questions: list[Question]) -> dict:
    """What every email about ``week`` stores (rendered again in each reader's language):

    ediscussion_id, category_id, category_slug, week_id, week_number, ends_at (ISO 8601),
    questions ([{number, slot, topic_id, opening_post_id}]: ``slot`` names the question's reply
    address), reply_to_slot, digest_group, digest_group_title, digest_excerpt, and by_language:
    {language: {ediscussion_title, week_title, ediscussion_url, questions: [{number, text,
    fallback_language ("" when the question is written in that language), url, slot}]}}."""
    ediscussion = week.ediscussion
    openings = dict(
        Post.objects.filter(topic_id__in=[q.topic_id for q in questions], number=1).values_list(
            "topic_id", "pk"
        )
    )
    by_language = {}
    for code in LANGUAGE_CODES:
        entries = []
        for question in questions:
            source = _source_language(question, "text", code)
            entries.append(
                {
                    "number": question.number,
                    "text": question.translated("text", language=code),
                    "fallback_language": "" if source == code else source,
                    "url": _link(
                        "community:topic",
                        language=code,
                        topic_id=question.topic_id,
                        slug=question.topic.slug,
                    ),
                    "slot": f"question-{question.number}",
                }
            )
        by_language[code] = {
            "ediscussion_title": ediscussion.translated("title", language=code),
            "week_title": week.translated("title", language=code),
            "ediscussion_url": _link(
                "community:category", language=code, slug=ediscussion.category.slug
            ),
            "questions": entries,
        }
    title = ediscussion.translated("title", language=ediscussion.default_language)
    first_text = questions[0].translated("text", language=ediscussion.default_language)
    return {
        "ediscussion_id": ediscussion.pk,
        "category_id": ediscussion.category_id,
        "category_slug": ediscussion.category.slug,
        "week_id": week.pk,
        "week_number": week.number,
        "ends_at": ediscussion.ends_at.isoformat(),
        "questions": [
            {
                "number": question.number,
                "slot": f"question-{question.number}",
                "topic_id": question.topic_id,
                "opening_post_id": openings.get(question.topic_id),
            }
            for question in questions
        ],
        "reply_to_slot": f"question-{questions[0].number}" if len(questions) == 1 else WEEK_SLOT,
        "digest_group": f"ediscussion:{ediscussion.pk}",
        "digest_group_title": title,
        "digest_excerpt": " ".join(first_text.split())[:240],
        "by_language": by_language,
    }


# -- Headers and addresses of the emails (the kinds' hooks) ------------------------------------


def ediscussion_message_id(ediscussion_id: int) -> str:
    return f"<ediscussion-{ediscussion_id}@{mail_domain()}>"


def week_message_id(week_id: int) -> str:
    return f"<ediscussion-week-{week_id}@{mail_domain()}>"


def email_headers(notification, recipient) -> dict[str, str]:
    """Headers of the announcement and reminder emails: ``Reply-To`` (the announcement: the
    week's address, or its only question's; issued when it is sent, see ``email_values``),
    threading (every email of a week in one thread, the weeks of an e-discussion together),
    ``List-Id`` naming its category, and ``Auto-Submitted`` so that out-of-office responders do
    not answer into the e-discussion."""
    context = notification.context
    headers = {
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "OOF, AutoReply",
    }
    if context.get("category_slug"):
        headers["List-Id"] = f"<{context['category_slug']}.{mail_domain()}>"
    if context.get("week_id") and context.get("ediscussion_id"):
        week_id = week_message_id(context["week_id"])
        headers["In-Reply-To"] = week_id
        headers["References"] = f"{ediscussion_message_id(context['ediscussion_id'])} {week_id}"
    if notification.kind == EDISCUSSION_WEEK and context.get("reply_to_slot"):
        headers["Reply-To"] = issued_marker(context["reply_to_slot"])
    return headers


def email_values(notification, recipient) -> dict[str, str]:
    """The announcement's reply addresses for ``recipient``, issued as it is sent (once per
    email that goes out): one per question (a forum reply key on the question's opening post)
    and the week's (``WeekReplyKey``). Four queries, whatever the number of questions."""
    context = notification.context
    wanted = {
        question.get("opening_post_id"): question.get("slot")
        for question in context.get("questions", [])
    }
    openings = Post.objects.filter(pk__in=[pk for pk in wanted if pk], state=Post.State.PUBLISHED)
    keys = reply_keys_issue(user=recipient, posts=openings)
    values = {wanted[post_id]: reply_address(key=key) for post_id, key in keys.items()}
    week = Week.objects.filter(pk=context.get("week_id")).first()
    if week is not None:
        values[WEEK_SLOT] = reply_address(key=week_reply_key_issue(user=recipient, week=week))
    return values


def notifications_still_valid(notifications: list, recipient) -> list:
    """The e-discussion emails still fit to send ``recipient``: about an e-discussion they may
    still read and that is not closed (one query)."""
    open_readable = set(
        ediscussions_readable(user=recipient)
        .filter(selectors_mail.not_closed_q(now=timezone.now()))
        .values_list("pk", flat=True)
    )
    return [n for n in notifications if n.context.get("ediscussion_id") in open_readable]


# -- Announcing a week -------------------------------------------------------------------------


def week_event_key(week: Week | int) -> str:
    return f"ediscussion-week:{getattr(week, 'pk', week)}"


def week_announce(*, week_id: int) -> int:
    """Tell everyone who takes part (see the module docstring) of a published week's questions;
    returns how many people the run went through. Safe to run again: nobody is told twice, and
    an announced week (``announced_at``) is left alone. Nothing for a week not published, of
    an e-discussion not scheduled or closed."""
    week = (
        Week.objects.select_related("ediscussion__category")
        .filter(pk=week_id, published_at__isnull=False, announced_at__isnull=True)
        .first()
    )
    if week is None:
        return 0
    ediscussion = week.ediscussion
    if not ediscussion.is_scheduled or ediscussion.closed_at is not None:
        return 0
    questions = week_questions(week=week)
    if not questions:
        return 0
    context = week_email_context(week=week, questions=questions)
    url = ediscussion_path(ediscussion=ediscussion)
    people = selectors_mail.announcement_recipients(week=week)
    reached, last_id = 0, 0
    while True:
        batch = list(people.filter(pk__gt=last_id)[:FANOUT_BATCH])
        if not batch:
            break
        last_id = batch[-1].pk
        # One transaction per batch: its notifications and their outbox rows exist together,
        # and its emails are published when it commits.
        with transaction.atomic():
            notification_send(
                recipients=batch,
                kind=EDISCUSSION_WEEK,
                event_key=week_event_key(week),
                context=context,
                url=url,
                frequencies={
                    person.pk: LEVEL_FREQUENCY.get(person.category_level, "") for person in batch
                },
            )
        reached += len(batch)
    Week.objects.filter(pk=week.pk, announced_at__isnull=True).update(announced_at=timezone.now())
    return reached


def week_announce_enqueue(*, week: Week) -> None:
    """Enqueue the announcement of ``week`` once the transaction that published it commits."""
    from .tasks import ediscussion_week_announce

    week_id = week.pk
    # robust: a broker that is down must not undo the publication (the task can be run again
    # by hand: ``week_announce`` is idempotent).
    transaction.on_commit(lambda: ediscussion_week_announce.delay(week_id), robust=True)


# -- Reminders ---------------------------------------------------------------------------------


def nudge_delay() -> timedelta:
    return timedelta(days=settings.EDISCUSSION_NUDGE_AFTER_DAYS)


def nudge_event_key(week: Week | int) -> str:
    return f"ediscussion-nudge:{getattr(week, 'pk', week)}"


def _nudge_refusal(*, week: Week, now: datetime) -> str:
    ediscussion = week.ediscussion
    if week.published_at is None:
        return _("This week's questions are not published yet.")
    if selectors_mail.ediscussion_is_closed(ediscussion=ediscussion, now=now):
        return _("This e-discussion is closed: it no longer takes contributions.")
    return ""


def week_nudge_request(*, by: User, week: Week) -> int:
    """A facilitator reminds, now, the participants who have not contributed during ``week``
    (the reminders go out from a task after the commit); returns how many will be reminded.
    ``ValidationError`` for a week not published or a closed e-discussion."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, week.ediscussion)
    refusal = _nudge_refusal(week=week, now=timezone.now())
    if refusal:
        raise ValidationError(refusal)
    count = selectors_mail.nudge_candidates(week=week).count()
    if count:
        from .tasks import ediscussion_week_nudge

        week_id = week.pk
        transaction.on_commit(lambda: ediscussion_week_nudge.delay(week_id, True), robust=True)
    return count


def week_nudge(*, week_id: int, by_hand: bool = False, now: datetime | None = None) -> int:
    """Remind the participants who have not contributed during a week (see
    ``selectors_mail.nudge_candidates``), in batches; returns how many were reminded. At most
    once per participant and week, whoever asks and however often (a ``Nudge`` row each, and
    the notification's event key). A scheduled run (``by_hand=False``) leaves out people who
    arrived after the reminder was due."""
    now = now or timezone.now()
    week = Week.objects.select_related("ediscussion__category").filter(pk=week_id).first()
    if week is None or _nudge_refusal(week=week, now=now):
        return 0
    questions = week_questions(week=week)
    if not questions:
        return 0
    context = week_email_context(week=week, questions=questions)
    url = ediscussion_path(ediscussion=week.ediscussion)
    before = None if by_hand else week.opens_at + nudge_delay()
    candidates = selectors_mail.nudge_candidates(week=week, taking_part_before=before)
    reminded, last_id = 0, 0
    while True:
        batch = list(candidates.filter(pk__gt=last_id)[:FANOUT_BATCH])
        if not batch:
            break
        last_id = batch[-1].pk
        with transaction.atomic():
            Nudge.objects.bulk_create(
                [
                    Nudge(participant=participant, week=week, sent_at=now, by_hand=by_hand)
                    for participant in batch
                ],
                ignore_conflicts=True,
            )
            notification_send(
                recipients=[participant.user for participant in batch],
                kind=EDISCUSSION_NUDGE,
                event_key=nudge_event_key(week),
                context=context,
                url=url,
            )
        reminded += len(batch)
    return reminded


def nudges_due(*, now: datetime | None = None) -> int:
    """The scheduled reminders (beat): for each current week of an open e-discussion opened
    ``EDISCUSSION_NUDGE_AFTER_DAYS`` days ago or more (none when the setting is 0), remind
    those who have not contributed; returns how many were reminded. Idempotent."""
    now = now or timezone.now()
    if settings.EDISCUSSION_NUDGE_AFTER_DAYS <= 0:
        return 0
    due = selectors_mail.weeks_to_nudge(now=now, opened_before=now - nudge_delay())
    return sum(week_nudge(week_id=week_id, now=now) for week_id in due)


# -- The tray ----------------------------------------------------------------------------------


def tray_contribution_write(
    *,
    author: User,
    ediscussion: EDiscussion,
    source: str,
    week_number: int | None,
    is_late: bool,
    via: str = Post.Via.EMAIL,
    attachments: Sequence[PostAttachment] = (),
) -> Post:
    """A contribution the facilitators will give to a question (or split): written, held, in
    the e-discussion's hidden tray (``posting.tray_post_create``), its contribution record
    marked with the week it was sent for and whether it arrived late."""
    post = posting.tray_post_create(
        author=author, ediscussion=ediscussion, source=source, via=via, attachments=attachments
    ).post
    Contribution.objects.filter(post=post).update(week_number=week_number, is_late=is_late)
    return post
