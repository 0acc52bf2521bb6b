"""Starting topics and replying: the one path by which a post is written, from the website or
from an email (``via``).

Each write is decided by ``network.permissions.decide`` first (``PermissionDenied`` with the
translated reason otherwise), rendered once (``markdown.py``: sanitised HTML stored beside the
source), numbered in its topic under a row lock on the topic, and counted on the topic so that
lists never count posts. A post that becomes visible sends ``signals.post_published`` (watchers
and mentions are told from there).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import decide

from .. import permissions, signals
from ..cards import card_for_url
from ..languages import language_detect
from ..markdown import MentionTarget, Rendered, markdown_render
from ..models import (
    LANGUAGE_CODES,
    Category,
    ModerationAction,
    Post,
    PostAttachment,
    PostRevision,
    Topic,
    TopicWatch,
)
from ..visibility import category_readers_q, facilitates, moderates
from .attachments import attachments_attach, attachments_detach
from .limits import mentions_limit_check, posts_limit_check

TITLE_MIN_LENGTH = 8
SOURCE_MAX_LENGTH = 30_000
MAX_TAGS = 10


@dataclass(frozen=True)
class Written:
    post: Post
    mentioned: tuple[str, ...] = ()


def _refuse_unless(user: User, action: str, obj) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def _mention_targets(
    usernames: list[str], *, category: Category | None = None
) -> dict[str, MentionTarget]:
    """The active members whose handles are among ``usernames`` (one query) and who may read
    ``category``, as mention links: a private space's post mentions nobody outside it (the
    name stays plain text, and nobody is told)."""
    from django.urls import reverse

    members = User.objects.filter(handle__in={name.lower() for name in usernames}, is_active=True)
    if category is not None:
        members = members.filter(category_readers_q(category=category))
    found = {user.handle: user for user in members.only("handle", "first_name", "last_name")}
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


def _mention_resolver(category: Category | None) -> Callable[[list[str]], dict]:
    return lambda usernames: _mention_targets(usernames, category=category)


def post_render(*, source: str, author: User | None, category: Category | None = None) -> Rendered:
    """The stored HTML of a post: links of members who have not yet published anything are
    nofollowed, like every link to another site. Mentions resolve to the members who may read
    ``category`` (when given; the preview and every write give it)."""
    is_new = (
        author is None
        or not Post.objects.filter(author=author, state=Post.State.PUBLISHED).exists()
    )
    return markdown_render(
        source=source,
        nofollow_all=is_new,
        mention_resolver=_mention_resolver(category),
        card_resolver=card_for_url,
    )


def _title_clean(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) < TITLE_MIN_LENGTH:
        raise ValidationError(
            {
                "title": _("Give the topic a title of at least %(n)s characters.")
                % {"n": TITLE_MIN_LENGTH}
            }
        )
    return title[:200]


def tags_clean(tags: Sequence[str] | None) -> list[str]:
    """Distinct tags (case-insensitively), trimmed, at most ``MAX_TAGS`` of them."""
    cleaned: list[str] = []
    for tag in tags or ():
        tag = " ".join(str(tag).split())[:100]
        if tag and tag.casefold() not in {known.casefold() for known in cleaned}:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": _("A topic may have at most %(n)s tags.") % {"n": MAX_TAGS}})
    return cleaned


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
    """A new member's first post in a category that holds first posts waits for a moderator;
    so does every contribution to an e-discussion moderated before publication (but its
    facilitators')."""
    from ..models import EDiscussion

    moderated = EDiscussion.objects.filter(
        category=category, moderation=EDiscussion.Moderation.APPROVAL
    )
    if moderated.exists() and not facilitates(user=author, category=category):
        return True
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
    attachments: Sequence[PostAttachment] = (),
    held: bool = False,
) -> Written:
    """Start a topic: the topic and its opening post (number 1), with the author's pending
    ``attachments``. Refused above the author's rate limits (``limits.py``). ``held``: wait
    for a moderator whatever the category says (an email the trimmer was unsure of)."""
    _refuse_unless(author, permissions.TOPIC_START, category)
    title = _title_clean(title)
    source = _source_clean(source)
    tags = tags_clean(tags)
    posts_limit_check(user=author, starting_topic=True)
    rendered = post_render(source=source, author=author, category=category)
    mentions_limit_check(user=author, mentioned=rendered.mentions)
    held = held or needs_approval(author=author, category=category)
    now = timezone.now()
    topic = Topic.objects.create(
        category=category,
        title=title,
        slug=slugify(title)[:80] or "topic",
        author=author,
        language=_language_of(language=language, source=source, author=author),
        created_at=now,
        last_post_at=now,
        last_post_number=1,
        is_held=held,
    )
    if tags:
        topic.tags.set(tags)
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
    attachments_attach(post=post, attachments=attachments)
    _watch_as(user=author, topic=topic, reason=TopicWatch.Reason.STARTED)
    signals.post_created.send(sender=Post, post=post)
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
    attachments: Sequence[PostAttachment] = (),
    held: bool = False,
) -> Written:
    """Reply in a topic, to the topic or to one of its posts (``reply_to``), with the author's
    pending ``attachments``. Refused above the author's rate limits (``limits.py``).
    ``held``: wait for a moderator whatever the category says (an email the trimmer was unsure
    of)."""
    # The lock numbers concurrent replies one after the other.
    topic = Topic.objects.select_for_update().select_related("category").get(pk=topic.pk)
    _refuse_unless(author, permissions.REPLY, topic)
    if reply_to is not None and reply_to.topic_id != topic.pk:
        raise ValidationError(_("You can only reply to a post of the same topic."))
    source = _source_clean(source)
    posts_limit_check(user=author)
    rendered = post_render(source=source, author=author, category=topic.category)
    mentions_limit_check(user=author, mentioned=rendered.mentions)
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
    attachments_attach(post=post, attachments=attachments)
    _watch_as(user=author, topic=topic, reason=TopicWatch.Reason.REPLIED)
    signals.post_created.send(sender=Post, post=post)
    if not held:
        _published(post, rendered.mentions)
    return Written(post=post, mentioned=rendered.mentions)


def topic_counters_refresh(*, topic: Topic) -> None:
    """Count a topic's published replies and date its last published post again, after a post
    stopped or started being visible (deleted, hidden, restored, approved). The moderation
    services call it too."""
    published = Post.objects.filter(topic_id=topic.pk, state=Post.State.PUBLISHED).aggregate(
        replies=Count("pk", filter=Q(number__gt=1)), last=Max("created_at")
    )
    topic.reply_count = published["replies"]
    topic.last_post_at = published["last"] or topic.created_at
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=topic.reply_count, last_post_at=topic.last_post_at
    )


@transaction.atomic
def post_edit(
    *,
    editor: User,
    post: Post,
    source: str,
    language: str | None = None,
    title: str | None = None,
    tags: list[str] | None = None,
    reason: str = "",
    attachments_added: Sequence[PostAttachment] = (),
    attachments_removed: Sequence[int] = (),
) -> Post:
    """Change a post's text (and, for an opening post, its topic's title and tags), keeping
    the previous version as a ``PostRevision``. Authors edit within ``FORUM_EDIT_MINUTES``,
    moderators always; a moderator editing someone else's post gives a reason, which the
    moderation log keeps. ``language=None`` keeps the post's language unless the text changed
    (then it is detected again); an unknown code detects it. ``attachments_added`` are the
    editor's pending files to attach, ``attachments_removed`` ids of the post's files to
    delete."""
    # Only the post's row is locked: its author may be empty (an outer join cannot be locked).
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("topic__category", "author")
        .get(pk=post.pk)
    )
    topic = post.topic
    _refuse_unless(editor, permissions.POST_EDIT, post)
    by_moderator = post.author_id != editor.pk and moderates(user=editor, category=topic.category)
    reason = " ".join((reason or "").split())[:300]
    if by_moderator and not reason:
        raise ValidationError(
            {"reason": _("Say why you edit this member's post: the author will read it.")}
        )
    source = _source_clean(source)
    new_title = _title_clean(title) if post.is_opening and title is not None else topic.title
    new_tags = tags_clean(tags) if post.is_opening and tags is not None else None
    old_tags = sorted(topic.tags.names()) if new_tags is not None else None
    if language == "auto" or (language is None and source != post.source):
        fallback = post.author or editor
        new_language = _language_of(language=None, source=source, author=fallback)
    elif language in LANGUAGE_CODES:
        new_language = language
    else:
        new_language = post.language
    removed = set(attachments_removed) & set(post.attachments.values_list("pk", flat=True))
    changed = (
        bool(attachments_added)
        or bool(removed)
        or source != post.source
        or new_title != topic.title
        or new_language != post.language
        or (new_tags is not None and sorted(new_tags) != old_tags)
    )
    if not changed:
        return post
    rendered = post_render(source=source, author=post.author, category=topic.category)
    mentions_limit_check(user=editor, mentioned=rendered.mentions)
    now = timezone.now()
    PostRevision.objects.create(
        post=post,
        source=post.source,
        html=post.html,
        title=topic.title if post.is_opening else "",
        editor=editor,
        reason=reason,
        created_at=now,
    )
    post.source, post.html, post.language, post.edited_at = (
        source,
        rendered.html,
        new_language,
        now,
    )
    post.save(update_fields=["source", "html", "language", "edited_at"])
    attachments_detach(post=post, ids=removed)
    attachments_attach(post=post, attachments=attachments_added, uploader=editor)
    title_changed = new_title != topic.title
    if post.is_opening:
        topic.title = new_title
        topic.slug = slugify(new_title)[:80] or "topic"
        topic.language = new_language
        topic.save(update_fields=["title", "slug", "language"])
        if new_tags is not None:
            topic.tags.set(new_tags)
    if by_moderator:
        ModerationAction.objects.create(
            actor=editor,
            action=ModerationAction.Action.EDIT,
            topic=topic,
            post=post,
            member=post.author,
            reason=reason,
            details={"revision": post.revisions.values_list("pk", flat=True).first()},
        )
    if post.is_published:
        # ``mentioned``: whom the text mentions now (a receiver may tell those who are new).
        signals.post_edited.send(sender=Post, post=post, mentioned=rendered.mentions)
    if post.is_opening and (title_changed or new_tags is not None):
        signals.topic_changed.send(sender=Post, post=post)
    return post


@transaction.atomic
def post_delete(*, user: User, post: Post, reason: str = "") -> Post:
    """Delete a post softly: it is hidden (its text kept for moderators, who may restore it)
    and the topic's counters are counted again. Deleting the opening post hides the topic.
    A moderator deleting someone else's post gives a reason, which the moderation log keeps."""
    topic = Topic.objects.select_for_update().select_related("category").get(pk=post.topic_id)
    post = Post.objects.select_for_update().get(pk=post.pk)
    post.topic = topic
    _refuse_unless(user, permissions.POST_DELETE, post)
    by_moderator = post.author_id != user.pk
    reason = " ".join((reason or "").split())[:300]
    if by_moderator and not reason:
        raise ValidationError(
            {"reason": _("Say why you delete this member's post: the author will read it.")}
        )
    was_published = post.is_published
    post.state = Post.State.HIDDEN
    post.hidden_at = timezone.now()
    post.hidden_by = user
    post.hidden_reason = reason or _("Deleted by its author.")
    post.save(update_fields=["state", "hidden_at", "hidden_by", "hidden_reason"])
    topic_fields = []
    if topic.solution_id == post.pk:
        topic.solution = None
        topic_fields.append("solution")
    if post.is_opening and not topic.is_hidden:
        topic.is_hidden = True
        topic_fields.append("is_hidden")
    if topic_fields:
        topic.save(update_fields=topic_fields)
    topic_counters_refresh(topic=topic)
    if by_moderator:
        ModerationAction.objects.create(
            actor=user,
            action=ModerationAction.Action.HIDE,
            topic=topic,
            post=post,
            member=post.author,
            reason=reason,
        )
    if was_published:
        signals.post_hidden.send(sender=Post, post=post)
    if post.is_opening:
        signals.topic_changed.send(sender=Post, post=post)
    return post
