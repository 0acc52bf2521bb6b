"""Who may read what in the forum: the one rule, in SQL.

Every output that shows forum content (category and topic pages, the latest, top and unanswered
lists, feeds, search, the sitemap, digests, notifications, exports, link cards, the moderation
queue) filters with these functions and nothing else, so a private space stays invisible
everywhere. A category is readable when:

- it is public (anyone, anonymous visitors included);
- it is for members and the reader is a signed-in, active person;
- it is private and the reader belongs to a group granted ``can_see`` on it, or takes part in
  the e-discussion it holds (invited, joined or facilitating: a private e-discussion is read by
  its participants, and by coordinators acting with the second factor, who facilitate every
  e-discussion); superusers who passed the second factor in this session read everything.

A topic is listed when its category is readable and it is neither hidden nor waiting for
approval. Its page also opens for its author and for the category's moderators, who see what
others do not (held and hidden posts), marked as such.

Moderators (the moderator role, or a coordinator or superuser acting with two-factor) moderate
the readable categories their ``ModeratorScope`` rows name, or every readable one when they have
none.
Outputs shared between visitors (cached pages, feeds) use the anonymous rule, ``user=None``.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from network.roles import Role
from network.selectors import user_has_role

from .models import Category, CategoryGrant, ModeratorScope, Post, Space, Topic

Visitor = AbstractBaseUser | AnonymousUser | None


def _signed_in(user: Visitor) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def categories_readable_q(*, user: Visitor = None, prefix: str = "") -> Q:
    """Matches the rows whose category (``prefix`` reaches it from another table, e.g.
    ``"category__"``) ``user`` may read."""
    public = Q(**{f"{prefix}access": Category.Access.PUBLIC})
    if not _signed_in(user):
        return public
    if _superuser_acting(user):
        return Q()
    return (
        public
        | Q(**{f"{prefix}access": Category.Access.MEMBERS})
        | (
            Q(**{f"{prefix}access": Category.Access.PRIVATE})
            & _private_readers_q(user=user, prefix=prefix)
        )
    )


def _superuser_acting(user: Visitor) -> bool:
    """A superuser reads and writes everywhere once they passed the second factor in this
    session; with a password alone they are an ordinary member (``network.permissions``)."""
    return user.is_superuser and bool(getattr(user, "second_factor_passed", False))


def _granted_q(*, user: Visitor, prefix: str, right: str = "can_see") -> Q:
    category_id = f"{prefix}id" if prefix else "pk"
    grants = CategoryGrant.objects.filter(
        category_id=OuterRef(category_id), group__user=user, **{right: True}
    )
    return Q(Exists(grants))


def _private_readers_q(*, user: Visitor, prefix: str) -> Q:
    """Matches the private categories ``user`` reads: granted to a group of theirs, or holding
    an e-discussion they take part in (or any e-discussion, for a coordinator acting with the
    second factor: they facilitate every one)."""
    from .models import EDiscussion

    category_id = f"{prefix}id" if prefix else "pk"
    if _coordinator_acting(user):
        ediscussions = EDiscussion.objects.filter(category_id=OuterRef(category_id))
    else:
        ediscussions = EDiscussion.objects.filter(
            category_id=OuterRef(category_id), participants__user=user
        )
    return _granted_q(user=user, prefix=prefix) | Q(Exists(ediscussions))


def categories_readable(*, user: Visitor = None) -> QuerySet[Category]:
    return Category.objects.filter(categories_readable_q(user=user))


def category_is_readable(*, user: Visitor, category: Category) -> bool:
    return categories_readable(user=user).filter(pk=category.pk).exists()


def category_grants(*, user: Visitor, category: Category, right: str) -> bool:
    """Does a group of ``user`` hold ``right`` (``can_see``, ``can_reply``, ``can_start``) on
    ``category``?"""
    if not _signed_in(user):
        return False
    if _superuser_acting(user):
        return True
    return CategoryGrant.objects.filter(
        category=category, group__user=user, **{right: True}
    ).exists()


def spaces_readable(*, user: Visitor = None) -> QuerySet[Space]:
    """The private spaces in which ``user`` may read at least one category."""
    readable = categories_readable(user=user).filter(space=OuterRef("pk"))
    return Space.objects.filter(Exists(readable))


def topics_listed_q(*, user: Visitor = None, prefix: str = "") -> Q:
    """Matches the rows whose topic (through ``prefix``, e.g. ``"topic__"``) appears in lists,
    feeds and search for ``user``."""
    return categories_readable_q(user=user, prefix=f"{prefix}category__") & Q(
        **{f"{prefix}is_hidden": False, f"{prefix}is_held": False}
    )


def topics_listed(*, user: Visitor = None) -> QuerySet[Topic]:
    return Topic.objects.filter(topics_listed_q(user=user))


def posts_listed_q(*, user: Visitor = None, prefix: str = "") -> Q:
    """Matches the published posts of listed topics: what search, feeds, digests and exports
    may show ``user``."""
    return topics_listed_q(user=user, prefix=f"{prefix}topic__") & Q(
        **{f"{prefix}state": Post.State.PUBLISHED}
    )


def posts_listed(*, user: Visitor = None) -> QuerySet[Post]:
    return Post.objects.filter(posts_listed_q(user=user))


def is_moderator(user: Visitor) -> bool:
    """Does ``user`` moderate anything: as a forum moderator, or as the facilitator of an
    e-discussion (its category only)?"""
    if not _signed_in(user):
        return False
    return is_forum_moderator(user) or _facilitating(user=user).exists()


def is_forum_moderator(user: Visitor) -> bool:
    """The moderator role, or a coordinator who passed two-factor in this session, or a
    superuser."""
    if not _signed_in(user):
        return False
    if user_has_role(user=user, role=Role.MODERATOR) and not user.is_superuser:
        return True
    # Superusers and coordinators act with the second factor in this session (as in
    # network.permissions.acting_as); a password alone opens nothing beyond a member's.
    if user.is_superuser or user_has_role(user=user, role=Role.COORDINATOR):
        return bool(getattr(user, "second_factor_passed", False))
    return False


def categories_moderated_q(*, user: Visitor, prefix: str = "") -> Q:
    """Matches the rows whose category ``user`` moderates: as a moderator (all readable
    categories, or those their scopes name), and as the facilitator of an e-discussion (its
    category). Nothing for anyone else."""
    if not _signed_in(user):
        return Q(pk__in=[])
    readable = categories_readable_q(user=user, prefix=prefix)
    category_id = f"{prefix}id" if prefix else "pk"
    facilitated = Q(
        Exists(_facilitating(user=user).filter(ediscussion__category=OuterRef(category_id)))
    )
    if not is_forum_moderator(user):
        return readable & facilitated
    if _superuser_acting(user) or not ModeratorScope.objects.filter(user=user).exists():
        return readable
    scoped = ModeratorScope.objects.filter(user=user, category_id=OuterRef(category_id))
    return readable & (Q(Exists(scoped)) | facilitated)


def categories_moderated(*, user: Visitor) -> QuerySet[Category]:
    return Category.objects.filter(categories_moderated_q(user=user))


def moderates(*, user: Visitor, category: Category) -> bool:
    return is_moderator(user) and categories_moderated(user=user).filter(pk=category.pk).exists()


# -- E-discussions ------------------------------------------------------------------------------
# An e-discussion is read by whoever reads its category, once it is scheduled; before, by its
# facilitators only. Its facilitators moderate its category (the queue, approval, hiding).


def _facilitating(*, user: Visitor):
    from .models import Participant

    return Participant.objects.filter(user=user, role=Participant.Role.FACILITATOR)


def facilitates(*, user: Visitor, category: Category | None = None, ediscussion=None) -> bool:
    """Is ``user`` a facilitator of ``ediscussion`` (or of the one ``category`` belongs to)? A
    coordinator acting with the second factor, or a superuser, facilitates every one."""
    if not _signed_in(user):
        return False
    if _superuser_acting(user) or _coordinator_acting(user):
        return True
    rows = _facilitating(user=user)
    if ediscussion is not None:
        return rows.filter(ediscussion=ediscussion).exists()
    return rows.filter(ediscussion__category=category).exists()


def _coordinator_acting(user: Visitor) -> bool:
    return user_has_role(user=user, role=Role.COORDINATOR) and bool(
        getattr(user, "second_factor_passed", False)
    )


def ediscussions_readable_q(*, user: Visitor = None, prefix: str = "") -> Q:
    """Matches the e-discussions (through ``prefix``) ``user`` may read."""
    readable = categories_readable_q(user=user, prefix=f"{prefix}category__")
    scheduled = Q(**{f"{prefix}is_scheduled": True})
    if not _signed_in(user):
        return readable & scheduled
    if _superuser_acting(user) or _coordinator_acting(user):
        return readable
    ediscussion_id = f"{prefix}id" if prefix else "pk"
    facilitated = Q(
        Exists(_facilitating(user=user).filter(ediscussion_id=OuterRef(ediscussion_id)))
    )
    return readable & (scheduled | facilitated)


def ediscussions_readable(*, user: Visitor = None):
    from .models import EDiscussion

    return EDiscussion.objects.filter(ediscussions_readable_q(user=user))


def topic_is_readable(*, user: Visitor, topic: Topic) -> bool:
    """May ``user`` open this topic's page? Listed topics for their readers; a hidden or held
    one for its author and the category's moderators too."""
    if not category_is_readable(user=user, category=topic.category):
        return False
    if not (topic.is_hidden or topic.is_held):
        return True
    if _signed_in(user) and topic.author_id == user.pk:
        return True
    return moderates(user=user, category=topic.category)


def posts_readable_q(*, user: Visitor, moderator: bool) -> Q:
    """Within a topic ``user`` may read: which posts they see in full. Moderators see every
    post; others the published ones and their own held ones (hidden posts show as a line
    saying they were removed, drawn by the page, never their text)."""
    if moderator:
        return Q()
    published = Q(state=Post.State.PUBLISHED)
    if _signed_in(user):
        return published | Q(state=Post.State.HELD, author=user)
    return published


def category_readers_q(*, category: Category, prefix: str = "") -> Q:
    """Matches the people (rows of the user model, or rows reaching it through ``prefix``, e.g.
    ``"user__"``) who may read ``category``: the rule above seen from the people's side, for
    mentions and notifications, so that nobody hears of a private space's post."""
    active = Q(**{f"{prefix}is_active": True})
    if category.access != Category.Access.PRIVATE:
        return active
    user_id = f"{prefix}id" if prefix else "pk"
    grants = CategoryGrant.objects.filter(
        category=category, can_see=True, group__user=OuterRef(user_id)
    )
    from .models import Participant

    participating = Participant.objects.filter(
        ediscussion__category=category, user=OuterRef(user_id)
    )
    return active & (
        Q(**{f"{prefix}is_superuser": True}) | Q(Exists(grants)) | Q(Exists(participating))
    )
