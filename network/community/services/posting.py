"""Starting topics and replying: the one path by which a post is written, from the website or
from an email (``via``).

Each write is decided by ``network.permissions.decide`` first (``PermissionDenied`` with the
translated reason otherwise), rendered once (``markdown.py``: sanitised HTML stored beside the
source), numbered in its topic under a row lock on the topic, and counted on the topic so that
lists never count posts. A post that becomes visible sends ``signals.post_published`` (watchers
and mentions are told from there).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import decide

from .. import permissions, signals
from ..cards import card_for_url
from ..languages import language_detect
from ..markdown import MentionTarget, Rendered, markdown_render
from ..models import LANGUAGE_CODES, Category, Post, Topic, TopicWatch

TITLE_MIN_LENGTH = 8
SOURCE_MAX_LENGTH = 30_000


@dataclass(frozen=True)
class Written:
    post: Post
    mentioned: tuple[str, ...] = ()


def _refuse_unless(user: User, action: str, obj) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def _mention_targets(usernames: list[str]) -> dict[str, MentionTarget]:
    """The active members whose handles are among ``usernames`` (one query), as mention
    links."""
    from django.urls import reverse

    found = {
        user.handle: user
        for user in User.objects.filter(
            handle__in={name.lower() for name in usernames}, is_active=True
        ).only("handle", "first_name", "last_name")
    }
    targets = {}
    for typed in usernames:
        user = found.get(typed.lower())
        if user is not None:
            targets[typed] = MentionTarget(
                username=user.handle,
                display_name=user.get_full_name() or user.handle,
                url=reverse("community:member", kwargs={"handle": user.handle}),
            )
    return targets


def post_render(*, source: str, author: User | None) -> Rendered:
    """The stored HTML of a post: links of members who have not yet published anything are
    nofollowed, like every link to another site."""
    is_new = (
        author is None
        or not Post.objects.filter(author=author, state=Post.State.PUBLISHED).exists()
    )
    return markdown_render(
        source=source,
        nofollow_all=is_new,
        mention_resolver=_mention_targets,
        card_resolver=card_for_url,
    )


def _source_clean(source: str) -> str:
    source = (source or "").strip()
    if not source:
        raise ValidationError({"source": _("Write something first.")})
    if len(source) > SOURCE_MAX_LENGTH:
        raise ValidationError(
            {
                "source": _("A post may be at most %(limit)s characters long.")
                % {"limit": f"{SOURCE_MAX_LENGTH:,}"}
            }
        )
    return source


def _language_of(*, language: str | None, source: str, author: User) -> str:
    """The language chosen, else the one detected, else the author's."""
    if language in LANGUAGE_CODES:
        return language
    fallback = author.preferred_language if author.preferred_language in LANGUAGE_CODES else "en"
    return language_detect(text=source, default=fallback)


def needs_approval(*, author: User, category: Category) -> bool:
    """A new member's first post in a category that holds first posts waits for a moderator."""
    if not category.approve_first_posts:
        return False
    return not Post.objects.filter(author=author, state=Post.State.PUBLISHED).exists()


def _watch_as(*, user: User, topic: Topic, reason: str) -> None:
    """Starting or replying watches the topic, unless the member chose otherwise before."""
    TopicWatch.objects.get_or_create(
        user=user, topic=topic, defaults={"level": TopicWatch.Level.WATCHING, "reason": reason}
    )


def _published(post: Post, mentioned: tuple[str, ...]) -> None:
    signals.post_published.send(sender=Post, post=post, mentioned=mentioned)


@transaction.atomic
def topic_create(
    *,
    author: User,
    category: Category,
    title: str,
    source: str,
    language: str | None = None,
    tags: list[str] | None = None,
    via: str = Post.Via.WEB,
    held: bool = False,
) -> Written:
    """Start a topic: the topic and its opening post (number 1). ``held``: wait for a
    moderator whatever the category says (an email the trimmer was unsure of)."""
    _refuse_unless(author, permissions.TOPIC_START, category)
    title = " ".join((title or "").split())
    if len(title) < TITLE_MIN_LENGTH:
        raise ValidationError(
            {
                "title": _("Give the topic a title of at least %(n)s characters.")
                % {"n": TITLE_MIN_LENGTH}
            }
        )
    source = _source_clean(source)
    rendered = post_render(source=source, author=author)
    held = held or needs_approval(author=author, category=category)
    now = timezone.now()
    topic = Topic.objects.create(
        category=category,
        title=title[:200],
        slug=slugify(title)[:80] or "topic",
        author=author,
        language=_language_of(language=language, source=source, author=author),
        created_at=now,
        last_post_at=now,
        last_post_number=1,
        is_held=held,
    )
    if tags:
        topic.tags.set([tag.strip()[:100] for tag in tags if tag.strip()][:10])
    post = Post.objects.create(
        topic=topic,
        number=1,
        author=author,
        source=source,
        html=rendered.html,
        language=topic.language,
        state=Post.State.HELD if held else Post.State.PUBLISHED,
        via=via,
        created_at=now,
    )
    _watch_as(user=author, topic=topic, reason=TopicWatch.Reason.STARTED)
    if not held:
        _published(post, rendered.mentions)
    return Written(post=post, mentioned=rendered.mentions)


@transaction.atomic
def reply_create(
    *,
    author: User,
    topic: Topic,
    source: str,
    reply_to: Post | None = None,
    language: str | None = None,
    via: str = Post.Via.WEB,
    held: bool = False,
) -> Written:
    """Reply in a topic, to the topic or to one of its posts (``reply_to``). ``held``: wait
    for a moderator whatever the category says (an email the trimmer was unsure of)."""
    # The lock numbers concurrent replies one after the other.
    topic = Topic.objects.select_for_update().select_related("category").get(pk=topic.pk)
    _refuse_unless(author, permissions.REPLY, topic)
    if reply_to is not None and reply_to.topic_id != topic.pk:
        raise ValidationError(_("You can only reply to a post of the same topic."))
    source = _source_clean(source)
    rendered = post_render(source=source, author=author)
    held = held or needs_approval(author=author, category=topic.category)
    now = timezone.now()
    number = topic.last_post_number + 1
    post = Post.objects.create(
        topic=topic,
        number=number,
        author=author,
        reply_to=reply_to,
        source=source,
        html=rendered.html,
        language=_language_of(language=language, source=source, author=author),
        state=Post.State.HELD if held else Post.State.PUBLISHED,
        via=via,
        created_at=now,
    )
    changes = {"last_post_number": number}
    if not held:
        changes.update(last_post_at=now, reply_count=F("reply_count") + 1)
    Topic.objects.filter(pk=topic.pk).update(**changes)
    _watch_as(user=author, topic=topic, reason=TopicWatch.Reason.REPLIED)
    if not held:
        _published(post, rendered.mentions)
    return Written(post=post, mentioned=rendered.mentions)
