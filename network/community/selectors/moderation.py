"""Reads of moderation: the queue and the log, always within the categories the moderator
moderates (``visibility.categories_moderated_q``), so that a scoped moderator sees only their
categories and nobody sees a private space they cannot read."""

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from network.models import User

from ..models import Category, Flag, InboundMail, ModerationAction, Post, Suspension
from ..visibility import categories_moderated, categories_moderated_q

OPEN = Q(resolved_at__isnull=True)


def categories_moderated_by(*, user: User) -> list[Category]:
    """The categories ``user`` moderates, in their order (for filters and the move form)."""
    return list(categories_moderated(user=user).order_by("position", "slug"))


def queue_posts(
    *, user: User, category_id: int | None = None, language: str = ""
) -> QuerySet[Post]:
    """What waits for a moderator: posts with open flags (whatever their state: a post hidden
    automatically after several flags waits here for review) and posts held for approval
    (new members' posts, topics held as a whole, unsure email replies), oldest first.

    Each post carries ``open_flags`` (with their reporters), ``open_flag_count``,
    ``held_mails`` (the received emails held with it, without their raw text, each with
    ``original_kept``: false once the retention purge emptied it) and its ``attachments`` (a
    held email's files wait with it)."""
    open_flags = Flag.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    posts = (
        Post.objects.filter(categories_moderated_q(user=user, prefix="topic__category__"))
        .filter(Q(state=Post.State.HELD) | Q(Exists(open_flags)))
        .annotate(
            open_flag_count=Count("flags", filter=Q(flags__resolved_at__isnull=True)),
            waiting_since=Coalesce(
                Min("flags__created_at", filter=Q(flags__resolved_at__isnull=True)),
                "created_at",
            ),
        )
        .select_related("topic__category", "author")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.filter(OPEN).select_related("reporter").order_by("id"),
                to_attr="open_flags",
            ),
            Prefetch(
                "inbound_mails",
                queryset=InboundMail.objects.filter(outcome=InboundMail.Outcome.HELD)
                .defer("raw")
                .annotate(original_kept=ExpressionWrapper(~Q(raw=b""), output_field=BooleanField()))
                .order_by("id"),
                to_attr="held_mails",
            ),
            "attachments",
        )
        .order_by("waiting_since", "id")
    )
    if category_id:
        posts = posts.filter(topic__category_id=category_id)
    if language:
        posts = posts.filter(language=language)
    return posts


def log_entries(
    *,
    user: User,
    action: str = "",
    actor_id: int | None = None,
    category_id: int | None = None,
) -> QuerySet[ModerationAction]:
    """The moderation log as ``user`` may read it: actions on topics of the categories they
    moderate, and actions on members (warnings, suspensions), newest first."""
    moderated = categories_moderated_q(user=user, prefix="topic__category__")
    entries = ModerationAction.objects.filter(moderated | Q(topic__isnull=True)).select_related(
        "actor", "member", "topic__category", "post"
    )
    if action:
        entries = entries.filter(action=action)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if category_id:
        entries = entries.filter(topic__category_id=category_id)
    return entries.order_by("-created_at", "-id")


def log_actors(*, user: User) -> list[User]:
    """The people who appear as moderators in the log ``user`` may read."""
    actor_ids = log_entries(user=user).exclude(actor=None).values("actor_id").distinct()
    return list(User.objects.filter(pk__in=actor_ids).order_by("first_name", "last_name", "pk"))


def member_record(*, user: User, member: User) -> dict:
    """What a moderator needs before warning or suspending a member: the running suspension
    and the latest actions concerning them that ``user`` may read in the log."""
    running = (
        Suspension.objects.filter(member=member, lifted_at__isnull=True, ends_at__gt=timezone.now())
        .order_by("-ends_at")
        .first()
    )
    history = list(log_entries(user=user).filter(member=member)[:20])
    return {"suspension": running, "history": history}
