"""Starting topics and replying: the one path by which a post is written, from the website or
from an email (``via``); editing and deleting posts.

Each write is decided by ``network.permissions.decide`` first (``PermissionDenied`` with the
translated reason otherwise), rendered once (``markdown.py``: sanitised HTML stored beside the
source), numbered in its topic under a row lock on the topic, and counted on the topic so that
lists never count posts. A post that becomes visible sends ``signals.post_published`` (watchers
and mentions are told from there).

A moderator editing or deleting someone else's post acts as a moderator: the moderation service
(``moderation.py``) asks for the reason, keeps it in the log and tells the author.
"""

from collections.abc import Sequence
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
from ..languages import language_detect
from ..models import (
    LANGUAGE_CODES,
    Category,
    EDiscussion,
    Post,
    PostAttachment,
    PostRevision,
    Topic,
    TopicWatch,
)
from ..selectors.notified import mention_handles_told
from ..visibility import facilitates
from . import moderation
from .attachments import attachments_attach, attachments_detach
from .hiding import post_hidden_set
from .limits import mentions_limit_check, posts_limit_check
from .rendering import post_mentions, post_render

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
    ediscussion = category.owning_ediscussion
    if (
        ediscussion is not None
        and ediscussion.moderation == ediscussion.Moderation.APPROVAL
        and not facilitates(user=author, ediscussion=ediscussion)
    ):
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


def _mentions_added(*, post: Post, mentioned: tuple[str, ...]) -> tuple[str, ...]:
    """Those of ``mentioned`` whom the text of ``post`` before the edit did not mention (read
    again now, so that an edit keeping a name mentions nobody new)."""
    if not mentioned:
        return ()
    before = set(post_mentions(post=post))
    return tuple(name for name in mentioned if name not in before)


@transaction.atomic
def tray_post_create(
    *,
    author: User,
    ediscussion: EDiscussion,
    source: str,
    language: str | None = None,
    via: str = Post.Via.EMAIL,
    attachments: Sequence[PostAttachment] = (),
) -> Written:
    """A contribution waiting in an e-discussion's tray for its facilitators, who give it to a
    question or split it (an email to a week's address naming no single question, one that
    arrived after the close): written like a reply but held, in the hidden tray topic, so that
    only the facilitators and moderators read it and nobody is notified. Decided by
    ``ediscussion.tray_send`` (taking part; open or closed); refused above the author's rate
    limits."""
    _refuse_unless(author, permissions.EDISCUSSION_TRAY_SEND, ediscussion)
    if ediscussion.tray_id is None:
        raise ValidationError(_("This e-discussion has no place for unassigned contributions."))
    topic = Topic.objects.select_for_update().select_related("category").get(pk=ediscussion.tray_id)
    source = _source_clean(source)
    posts_limit_check(user=author)
    rendered = post_render(source=source, author=author, category=topic.category)
    number = topic.last_post_number + 1
    post = Post.objects.create(
        topic=topic,
        number=number,
        author=author,
        source=source,
        html=rendered.html,
        language=_language_of(language=language, source=source, author=author),
        state=Post.State.HELD,
        via=via,
        created_at=timezone.now(),
    )
    Topic.objects.filter(pk=topic.pk).update(last_post_number=number)
    attachments_attach(post=post, attachments=attachments)
    signals.post_created.send(sender=Post, post=post)
    return Written(post=post)


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
    moderation log keeps and its author is told (``moderation.post_edit_record``).
    ``language=None`` keeps the post's language unless the text changed
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
    # Someone else's post: the rule lets only its category's moderators this far.
    by_moderator = post.author_id != editor.pk
    if by_moderator:
        reason = moderation.reason_clean(reason, required=True)
    else:
        reason = " ".join((reason or "").split())
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
    mentions_added = _mentions_added(post=post, mentioned=rendered.mentions)
    mentions_limit_check(
        user=editor,
        mentioned=rendered.mentions,
        told=mention_handles_told(post=post) if mentions_added else (),
    )
    now = timezone.now()
    revision = PostRevision.objects.create(
        post=post,
        source=post.source,
        html=post.html,
        title=topic.title if post.is_opening else "",
        editor=editor,
        reason=reason[:300],
        created_at=now,
    )
    post.source, post.html, post.language, post.edited_at = (
        source,
        rendered.html,
        new_language,
        now,
    )
    fields = ["source", "html", "language", "edited_at"]
    if mentions_added and post.is_published:
        # Told by the fan-out after the commit, or by its sweep if that task is lost.
        post.mentions_pending_at = now
        fields.append("mentions_pending_at")
    post.save(update_fields=fields)
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
        moderation.post_edit_record(moderator=editor, post=post, reason=reason, revision=revision)
    if post.is_published:
        signals.post_edited.send(
            sender=Post, post=post, mentioned=rendered.mentions, mentions_added=mentions_added
        )
    if post.is_opening and (title_changed or new_tags is not None):
        signals.topic_changed.send(sender=Post, post=post)
    return post


@transaction.atomic
def post_delete(*, user: User, post: Post, reason: str = "") -> Post:
    """Delete a post softly: it is hidden (its text kept for moderators, who may restore it)
    and the topic's counters are counted again (``hiding.post_hidden_set``). Deleting the
    opening post hides the topic. Deleting someone else's post (the rule lets only its
    category's moderators) is a moderator's action: ``moderation.post_remove`` asks for the
    reason, logs it and tells the author."""
    topic = Topic.objects.select_for_update().select_related("category").get(pk=post.topic_id)
    post = Post.objects.select_for_update().get(pk=post.pk)
    post.topic = topic
    _refuse_unless(user, permissions.POST_DELETE, post)
    if post.author_id != user.pk:
        return moderation.post_remove(moderator=user, post=post, reason=reason).post
    reason = " ".join((reason or "").split())
    post_hidden_set(post=post, by=user, reason=reason or _("Deleted by its author."))
    return post
