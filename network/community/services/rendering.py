"""A post's stored HTML (``markdown.py``: sanitised HTML kept beside the source): written once
when a post is written or edited (``posting``), its mentions read again when a held post is
approved (``moderation``), previewed by the writing pages."""

from collections.abc import Callable

from django.urls import reverse

from network.models import User

from ..cards import card_for_url
from ..markdown import MentionTarget, Rendered, markdown_render
from ..models import Category, Post
from ..visibility import category_readers_q


def _mention_targets(
    usernames: list[str], *, category: Category | None = None
) -> dict[str, MentionTarget]:
    """The active members whose handles are among ``usernames`` (one query) and who may read
    ``category``, as mention links: a private space's post mentions nobody outside it (the
    name stays plain text, and nobody is told)."""
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


def post_mentions(*, post: Post) -> tuple[str, ...]:
    """The members ``post``'s text mentions, read again from its source as it would be
    written now (among its category's readers): for a post told later than written (approved
    from the queue, or by the fan-out's sweep)."""
    return post_render(
        source=post.source, author=post.author, category=post.topic.category
    ).mentions
