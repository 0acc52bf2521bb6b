"""Telling watchers and mentioned members about a new post, and the headers of those emails.

A published post (``signals.post_published``) enqueues ONE task, ``forum_post_fanout``, after
its transaction commits: the author's request does nothing else. The task (``post_fanout``)
finds the recipients in SQL, in batches of ``FANOUT_BATCH`` people, each batch handed to
``notifications.services.notification_send`` at once (a constant number of queries per batch):

- the topic's watchers (``TopicWatch.Level.WATCHING``: starting or replying watches a topic),
  and the category's watchers at any level but mute (every post, daily, weekly, in-app);
- people mentioned in the post get ``forum_mention`` instead of ``forum_post``/``forum_topic``
  (never both), whether or not they watch;
- never the author, never someone who muted the topic, never someone who muted the category
  (unless they watch that very topic: the more particular choice wins), and never anyone who
  cannot read the category NOW (``visibility.category_readers_q``, one SQL condition for all of
  them): a private space never tells outsiders, whatever watch rows exist.

How the email reaches them: a member's ``CategoryWatch`` level decides for ``forum_post`` and
``forum_topic`` about that category (every post: at once; daily, weekly: that digest; in-app:
no email) over their preference for the kind; someone who watches only the topic (no category
row, or a muted category) gets the kind's preference (``forum_post``: at once). A mention follows
the ``forum_mention`` preference (at once by default): it speaks to the person, so a weekly
digest of the category does not delay it.

Idempotent: ``event_key`` is ``"post:<id>"``, and ``notification_send`` notifies each person once
per (kind, event); running the task again sends nothing new.

Never lost: the fan-out marks the post ``notified_at`` when everyone was told. A post published
while the broker was down (its task never enqueued) or whose worker died is told by
``fanout_sweep`` (beat, every two minutes) once ``FORUM_FANOUT_SWEEP_AFTER_MINUTES`` passed
since it was published; one published more than ``FORUM_FANOUT_MAX_AGE_HOURS`` ago is marked
without telling anyone (days-old news arriving all at once helps nobody).

An edit that mentions new members (``signals.post_edited``, ``mentions_added``) runs the same
task for the mentions only: the watchers heard of the post when it was published, and those
already told of a mention in it are not told again (same event key). The edit marks the post
``mentions_pending_at`` in its own transaction and that fan-out clears it, so the sweep also
tells the mentions of an edit whose task was lost (with the mentions its text holds then).
"""

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, DateTimeField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerError

from network.models import User
from notifications.kinds import Frequency
from notifications.services import notification_send

from ..models import (
    LANGUAGE_CODES,
    Category,
    CategoryWatch,
    ModerationAction,
    Post,
    Question,
    Topic,
    TopicWatch,
)
from ..visibility import categories_readable, category_readers_q, posts_listed
from .reply_keys import reply_address, reply_key_issue

FORUM_POST = "forum_post"
FORUM_TOPIC = "forum_topic"
FORUM_MENTION = "forum_mention"
FORUM_KINDS = (FORUM_POST, FORUM_TOPIC, FORUM_MENTION)

FANOUT_BATCH = 500
EXCERPT_LENGTH = 240
# Posts one sweep enqueues again; the next sweep takes the rest.
SWEEP_BATCH = 200

logger = logging.getLogger(__name__)

Level = CategoryWatch.Level
# How a category's level routes the emails about it (mute: nobody is told).
LEVEL_FREQUENCY = {
    Level.EVERY_POST: Frequency.IMMEDIATELY,
    Level.DAILY: Frequency.DAILY,
    Level.WEEKLY: Frequency.WEEKLY,
    Level.IN_APP: Frequency.OFF,
}


def event_key(post: Post) -> str:
    return f"post:{post.pk}"


def _absolute_links(html: str) -> str:
    """Site-relative links and images of a post's HTML made absolute, for an email."""
    return re.sub(r'(href|src)="/(?!/)', rf'\1="{settings.SITE_URL}/', html)


def _excerpt(source: str) -> str:
    text = " ".join(source.split())
    if len(text) <= EXCERPT_LENGTH:
        return text
    return text[: EXCERPT_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def post_notification_context(*, post: Post) -> dict:
    """What every notification about ``post`` stores (its kinds' context keys): rendered again
    in each reader's language when shown or emailed.

    post_id, post_number, opening_post_id, reply_to_id (the post it answers, else None),
    topic_id, topic_title, category_id, category_slug, category_names ({language: name}, with
    the category's fallbacks), author_name, post_html (the stored sanitised HTML, links made
    absolute), post_text (the Markdown source), digest_group ("forum-topic:<id>"),
    digest_group_title (the topic title), digest_excerpt (the post's first words). No reply key:
    it is issued when the email is sent, for its recipient (``email_headers``)."""
    topic = post.topic
    category = topic.category
    author = post.author
    opening_id = (
        post.pk
        if post.number == 1
        else Post.objects.filter(topic=topic, number=1).values_list("pk", flat=True).first()
    )
    return {
        "post_id": post.pk,
        "post_number": post.number,
        "opening_post_id": opening_id,
        "reply_to_id": post.reply_to_id,
        "topic_id": topic.pk,
        "topic_title": topic.title,
        "category_id": category.pk,
        "category_slug": category.slug,
        "category_names": {
            code: category.translated("name", language=code) for code in LANGUAGE_CODES
        },
        "author_name": (author.get_full_name() or author.handle) if author else "",
        "post_html": _absolute_links(post.html),
        "post_text": post.source,
        "digest_group": f"forum-topic:{topic.pk}",
        "digest_group_title": topic.title,
        "digest_excerpt": _excerpt(post.source),
    }


def post_url(post: Post) -> str:
    """The post's permalink (reversed in English; ``link_for_language`` gives each reader
    theirs)."""
    with translation.override("en"):
        return reverse("community:post", kwargs={"post_id": post.pk})


def recipients_of(
    *, post: Post, mentioned: list[str] | tuple[str, ...] = (), watchers: bool = True
) -> QuerySet[User]:
    """Everyone to tell about ``post`` (the ``mentioned`` members only, without ``watchers``),
    with their ``topic_level`` and ``category_level`` annotated ("" without a row), ordered by
    id (see the module docstring for who)."""
    topic = post.topic
    category = topic.category
    watch_levels = [level for level in Level.values if level != Level.MUTE]
    candidates = Q(handle__in=list(mentioned))
    if watchers:
        candidates |= Q(
            pk__in=TopicWatch.objects.filter(topic=topic, level=TopicWatch.Level.WATCHING).values(
                "user_id"
            )
        ) | Q(
            pk__in=CategoryWatch.objects.filter(category=category, level__in=watch_levels).values(
                "user_id"
            )
        )
    topic_level = Coalesce(
        Subquery(TopicWatch.objects.filter(topic=topic, user=OuterRef("pk")).values("level")[:1]),
        Value(""),
        output_field=CharField(),
    )
    category_level = Coalesce(
        Subquery(
            CategoryWatch.objects.filter(category=category, user=OuterRef("pk")).values("level")[:1]
        ),
        Value(""),
        output_field=CharField(),
    )
    silenced = Q(topic_level=TopicWatch.Level.MUTED) | (
        Q(category_level=Level.MUTE) & ~Q(topic_level=TopicWatch.Level.WATCHING)
    )
    people = (
        User.objects.filter(candidates)
        .filter(category_readers_q(category=category))
        .annotate(topic_level=topic_level, category_level=category_level)
        .exclude(silenced)
        .only("id", "email", "is_active", "handle", "preferred_language")
        .order_by("pk")
    )
    if post.author_id:
        people = people.exclude(pk=post.author_id)
    return people


@dataclass(frozen=True)
class Fanout:
    told: int = 0
    mentioned: int = 0


def post_fanout(
    *, post_id: int, mentioned: list[str] | tuple[str, ...] = (), mentions_only: bool = False
) -> Fanout:
    """Notify everyone who should hear of a published post (see the module docstring) and mark
    it ``notified_at``; safe to run again. ``mentions_only``: tell the ``mentioned`` members
    and nobody else (an edit's new mentions; the mark is left as it is). A post no longer
    visible (hidden, held, in a hidden topic) notifies nobody."""
    post = Post.objects.select_related("topic__category", "author").filter(pk=post_id).first()
    if (
        post is None
        or post.state != Post.State.PUBLISHED
        or post.topic.is_hidden
        or post.topic.is_held
    ):
        return Fanout()
    if post.number == 1 and Question.objects.filter(topic_id=post.topic_id).exists():
        # An e-discussion's question is announced by its week's email, in each reader's
        # language and with its reply addresses (ediscussions/services_mail.py).
        return Fanout()
    mentioned = [name.lower() for name in mentioned if isinstance(name, str)]
    pending = post.mentions_pending_at
    context = post_notification_context(post=post)
    url = post_url(post)
    kind = FORUM_TOPIC if post.number == 1 else FORUM_POST
    people = recipients_of(post=post, mentioned=mentioned, watchers=not mentions_only)
    told = tagged = 0
    last_id = 0
    while True:
        batch = list(people.filter(pk__gt=last_id)[:FANOUT_BATCH])
        if not batch:
            break
        last_id = batch[-1].pk
        named = set(mentioned)
        mentions = [person for person in batch if person.handle in named]
        watchers = [person for person in batch if person.handle not in named]
        # One transaction per batch: its notifications and their outbox rows exist together
        # (a worker dying midway leaves nobody marked as told without their email), and its
        # emails are published when it commits.
        with transaction.atomic():
            _batch_send(
                post=post, kind=kind, context=context, url=url, watchers=watchers, mentions=mentions
            )
        told += len(watchers)
        tagged += len(mentions)
    if not mentions_only:
        Post.objects.filter(pk=post.pk, notified_at__isnull=True).update(notified_at=timezone.now())
    elif pending is not None:
        # Cleared only if no later edit added mentions meanwhile (theirs stay for the sweep).
        Post.objects.filter(pk=post.pk, mentions_pending_at=pending).update(
            mentions_pending_at=None
        )
    return Fanout(told=told, mentioned=tagged)


def _batch_send(
    *,
    post: Post,
    kind: str,
    context: dict,
    url: str,
    watchers: list[User],
    mentions: list[User],
) -> None:
    if watchers:
        notification_send(
            recipients=watchers,
            kind=kind,
            event_key=event_key(post),
            context=context,
            url=url,
            frequencies={
                person.pk: LEVEL_FREQUENCY.get(person.category_level, "") for person in watchers
            },
        )
    if mentions:
        notification_send(
            recipients=mentions,
            kind=FORUM_MENTION,
            event_key=event_key(post),
            context=context,
            url=url,
        )


@dataclass(frozen=True)
class FanoutSweep:
    enqueued: int = 0
    expired: int = 0


def _published_at():
    """When a post became visible: its approval, for one that waited for a moderator, else
    when it was written."""
    approved = ModerationAction.objects.filter(
        post=OuterRef("pk"), action=ModerationAction.Action.APPROVE
    ).order_by("-created_at")
    return Coalesce(
        Subquery(approved.values("created_at")[:1]), F("created_at"), output_field=DateTimeField()
    )


def fanout_sweep() -> FanoutSweep:
    """Tell the readers of published posts whose fan-out never finished (see the module
    docstring): their task is enqueued again, at most ``SWEEP_BATCH`` per run, oldest first,
    with the mentions their text holds now. Those past ``FORUM_FANOUT_MAX_AGE_HOURS`` are
    marked told without telling anyone. A broker still down stops the run; the next one tries
    again. Posts in a hidden or held topic wait (nobody may hear of them yet)."""
    from ..tasks import forum_post_fanout
    from .rendering import post_mentions

    now = timezone.now()
    untold = Post.objects.filter(state=Post.State.PUBLISHED, notified_at__isnull=True).annotate(
        published_at=_published_at()
    )
    too_old = now - timedelta(hours=settings.FORUM_FANOUT_MAX_AGE_HOURS)
    expired = untold.filter(published_at__lt=too_old).update(notified_at=now)
    if expired:
        logger.warning(
            "%d forum post(s) published more than %d hours ago were never told: marked told "
            "without telling anyone.",
            expired,
            settings.FORUM_FANOUT_MAX_AGE_HOURS,
        )
    due = (
        untold.filter(
            published_at__gte=too_old,
            published_at__lt=now - timedelta(minutes=settings.FORUM_FANOUT_SWEEP_AFTER_MINUTES),
            topic__is_hidden=False,
            topic__is_held=False,
        )
        .select_related("topic__category", "author")
        .order_by("published_at", "pk")[:SWEEP_BATCH]
    )
    # Edits that mentioned new members, whose mentions-only fan-out never finished.
    pending = Post.objects.filter(mentions_pending_at__isnull=False)
    expired += pending.filter(mentions_pending_at__lt=too_old).update(mentions_pending_at=None)
    edited = (
        pending.filter(
            state=Post.State.PUBLISHED,
            mentions_pending_at__gte=too_old,
            mentions_pending_at__lt=now
            - timedelta(minutes=settings.FORUM_FANOUT_SWEEP_AFTER_MINUTES),
            topic__is_hidden=False,
            topic__is_held=False,
        )
        .select_related("topic__category", "author")
        .order_by("mentions_pending_at", "pk")[:SWEEP_BATCH]
    )
    enqueued = 0
    try:
        for post in due:
            forum_post_fanout.delay(post.pk, list(post_mentions(post=post)))
            enqueued += 1
        for post in edited:
            forum_post_fanout.delay(post.pk, list(post_mentions(post=post)), mentions_only=True)
            enqueued += 1
    except BrokerError as error:
        logger.warning("Broker unavailable (%s): forum posts wait for the next sweep.", error)
    if enqueued:
        logger.info("Fan-out sweep: %d forum post(s) enqueued again.", enqueued)
    return FanoutSweep(enqueued=enqueued, expired=expired)


def post_notifications_withdraw(*, post: Post) -> int:
    """A post stopped being visible: its forum notifications go, so that no digest or unsent
    email still shows it (an email waiting for them is then cancelled by the worker)."""
    from notifications.models import Notification

    deleted, _ = Notification.objects.filter(
        kind__in=FORUM_KINDS, event_key=event_key(post)
    ).delete()
    return deleted


def notifications_forget_unreadable(
    *, category: Category, user_ids=None, topic_id: int | None = None
) -> int:
    """Delete the forum notifications about ``category`` (or about the topic ``topic_id``,
    which is in ``category`` now, whatever category they name) whose recipients (all of them,
    or those of ``user_ids``) can no longer read it: in-app ones and unsent emails alike, so a
    private space's titles leave the lists of those who lost its grant (one query)."""
    from notifications.models import Notification

    about = (
        Q(context__topic_id=topic_id)
        if topic_id is not None
        else Q(context__category_id=category.pk)
    )
    stale = Notification.objects.filter(about, kind__in=FORUM_KINDS)
    if user_ids is not None:
        stale = stale.filter(recipient_id__in=list(user_ids))
    return stale.exclude(category_readers_q(category=category, prefix="recipient__")).delete()[0]


def topic_notifications_move(*, topic: Topic) -> int:
    """A moderator moved ``topic`` to another category: the forum notifications about it go
    from those who cannot read its new category (``notifications_forget_unreadable``: in-app
    ones and unsent emails alike), and the others name the new category, so that emails and
    digests not sent yet, and the list on the site, show where it is now. Returns how many
    went."""
    from notifications.models import Notification

    category = topic.category
    forgotten = notifications_forget_unreadable(category=category, topic_id=topic.pk)
    moved = {
        "category_id": category.pk,
        "category_slug": category.slug,
        "category_names": {
            code: category.translated("name", language=code) for code in LANGUAGE_CODES
        },
    }
    about = (
        Notification.objects.filter(kind__in=FORUM_KINDS, context__topic_id=topic.pk)
        .exclude(context__category_id=category.pk)
        .only("pk", "context")
        .order_by("pk")
    )
    last_id = 0
    while batch := list(about.filter(pk__gt=last_id)[:FANOUT_BATCH]):
        last_id = batch[-1].pk
        for notification in batch:
            notification.context = {**notification.context, **moved}
        Notification.objects.bulk_update(batch, ["context"])
    return forgotten


def notifications_forget_unreadable_of(*, user: User) -> int:
    """Delete ``user``'s forum notifications about categories they can no longer read (after
    they left a group; two queries)."""
    from notifications.models import Notification

    readable = list(categories_readable(user=user).values_list("pk", flat=True))
    return (
        Notification.objects.filter(recipient=user, kind__in=FORUM_KINDS)
        .exclude(context__category_id__in=readable)
        .delete()[0]
    )


def notifications_still_valid(notifications: list, recipient) -> list:
    """The forum notifications still fit to email ``recipient`` (``kind_register(still_valid=
    ...)``, three queries): those whose post they may still read, published in a listed topic,
    and whose topic or category they have not muted since. A member who lost a private space's
    grant after being notified, and before the digest, is not emailed its posts."""
    post_ids = {notification.context.get("post_id") for notification in notifications}
    readable = dict(
        posts_listed(user=recipient)
        .filter(pk__in=[pk for pk in post_ids if pk])
        .values_list("pk", "topic_id")
    )
    topic_levels = dict(
        TopicWatch.objects.filter(user=recipient, topic_id__in=set(readable.values())).values_list(
            "topic_id", "level"
        )
    )
    muted_categories = set(
        CategoryWatch.objects.filter(user=recipient, level=Level.MUTE).values_list(
            "category_id", flat=True
        )
    )
    kept = []
    for notification in notifications:
        post_id = notification.context.get("post_id")
        if post_id not in readable:
            continue
        topic_level = topic_levels.get(readable[post_id], "")
        if topic_level == TopicWatch.Level.MUTED:
            continue
        category_muted = notification.context.get("category_id") in muted_categories
        if category_muted and topic_level != TopicWatch.Level.WATCHING:
            continue
        kept.append(notification)
    return kept


# -- The headers of a forum notification's email ---------------------------------------------


def mail_domain() -> str:
    """The domain of the forum's addresses (that of ``FORUM_REPLY_ADDRESS``)."""
    return settings.FORUM_REPLY_ADDRESS.rpartition("@")[2] or "forum.convive.invalid"


def topic_message_id(topic_id: int) -> str:
    return f"<forum-topic-{topic_id}@{mail_domain()}>"


def post_message_id(post_id: int) -> str:
    return f"<forum-post-{post_id}@{mail_domain()}>"


def email_headers(notification, recipient) -> dict[str, str]:
    """Headers of every forum notification email (``kind_register(email_headers=...)``):

    - ``Reply-To``: ``reply+<key>@...``, a key issued now for this recipient and post, stored
      hashed only (``reply_keys``), so answering the email posts in the topic;
    - ``In-Reply-To`` (the post it answers, else the opening post) and ``References`` (the
      topic, then that post), so mail programs thread a topic's emails (their subjects stay
      the same per topic too);
    - ``List-Id`` naming the category, and ``Auto-Submitted: auto-generated`` with
      ``X-Auto-Response-Suppress`` so out-of-office responders do not answer into the forum.
      No ``Precedence``: it is non-standard and Auto-Submitted says it (RFC 3834)."""
    context = notification.context
    headers = {
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "OOF, AutoReply",
    }
    if context.get("category_slug"):
        headers["List-Id"] = f"<{context['category_slug']}.{mail_domain()}>"
    topic_id = context.get("topic_id")
    if topic_id:
        references = [topic_message_id(topic_id)]
        parent = context.get("reply_to_id") or context.get("opening_post_id")
        if parent and parent != context.get("post_id"):
            headers["In-Reply-To"] = post_message_id(parent)
            references.append(post_message_id(parent))
        else:
            headers["In-Reply-To"] = topic_message_id(topic_id)
        headers["References"] = " ".join(references)
    post = Post.objects.filter(pk=context.get("post_id"), state=Post.State.PUBLISHED).first()
    if post is not None:
        headers["Reply-To"] = reply_address(key=reply_key_issue(user=recipient, post=post))
    return headers
