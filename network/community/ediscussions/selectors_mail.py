"""Reads for an e-discussion's emails: who hears of a week's questions, who is reminded, and
whether a contribution by email comes too late. Each in SQL, one query, whatever the number of
participants; who may read is ``visibility.category_readers_q`` (the one rule)."""

from datetime import datetime

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from network.models import User

from ..models import CategoryWatch, Topic
from ..visibility import category_readers_q
from .models import Contribution, EDiscussion, Nudge, Participant, Question, Week

Level = CategoryWatch.Level


def _taking_part_q(*, prefix: str = "") -> Q:
    """Participant rows of people taking part: joined, invited, or facilitating."""
    return (
        Q(**{f"{prefix}joined_at__isnull": False})
        | Q(**{f"{prefix}invited_at__isnull": False})
        | Q(**{f"{prefix}role": Participant.Role.FACILITATOR})
    )


def _category_level(ediscussion: EDiscussion, *, user_ref: str = "pk"):
    """Each person's watch level of the e-discussion's category ("" without a row)."""
    return Coalesce(
        Subquery(
            CategoryWatch.objects.filter(
                category_id=ediscussion.category_id, user=OuterRef(user_ref)
            ).values("level")[:1]
        ),
        Value(""),
        output_field=CharField(),
    )


def announcement_recipients(*, week: Week) -> QuerySet[User]:
    """Everyone told of ``week``'s questions, ordered by id, with ``category_level`` annotated:
    its participants (joined, invited, facilitating) and, for an e-discussion open to every
    member, the members watching its category; only those who may read its category now, never
    someone who muted it."""
    ediscussion = week.ediscussion
    taking_part = Participant.objects.filter(_taking_part_q(), ediscussion=ediscussion)
    candidates = Q(pk__in=taking_part.values("user_id"))
    if ediscussion.participation == EDiscussion.Participation.OPEN:
        watching = CategoryWatch.objects.filter(category_id=ediscussion.category_id).exclude(
            level=Level.MUTE
        )
        candidates |= Q(pk__in=watching.values("user_id"))
    return (
        User.objects.filter(candidates)
        .filter(category_readers_q(category=ediscussion.category))
        .annotate(category_level=_category_level(ediscussion))
        .exclude(category_level=Level.MUTE)
        .only("id", "email", "is_active", "handle", "preferred_language")
        .order_by("pk")
    )


def contributed_in_week_q(*, week: Week, next_opens_at: datetime | None) -> Q:
    """Matches participants who contributed during ``week``: to one of its questions, by its
    address (waiting in the tray), or to any question while it was the current week."""
    during = Q(created_at__gte=week.opens_at)
    if next_opens_at is not None:
        during &= Q(created_at__lt=next_opens_at)
    contributions = Contribution.objects.filter(
        Q(week_number=week.number) | during,
        ediscussion_id=week.ediscussion_id,
        participant=OuterRef("pk"),
    )
    return Q(Exists(contributions))


def week_next_opens_at(*, week: Week) -> datetime | None:
    """When the week after ``week`` opens (None for the last one)."""
    return (
        Week.objects.filter(ediscussion_id=week.ediscussion_id, number__gt=week.number)
        .order_by("number")
        .values_list("opens_at", flat=True)
        .first()
    )


def nudge_candidates(
    *, week: Week, taking_part_before: datetime | None = None
) -> QuerySet[Participant]:
    """The participants to remind of ``week``: taking part (joined or invited; facilitators are
    not reminded), still able to read the e-discussion, not muting its category, with no
    contribution during the week and no reminder for it yet; ordered by id, with their member.
    ``taking_part_before``: only those who joined or were invited by then (the scheduled
    reminder leaves out people who arrived after it was due)."""
    ediscussion = week.ediscussion
    participants = Participant.objects.filter(
        ediscussion=ediscussion, role=Participant.Role.PARTICIPANT
    ).filter(Q(joined_at__isnull=False) | Q(invited_at__isnull=False))
    if taking_part_before is not None:
        participants = participants.filter(
            Q(joined_at__lte=taking_part_before) | Q(invited_at__lte=taking_part_before)
        )
    nudged = Nudge.objects.filter(participant=OuterRef("pk"), week=week)
    return (
        participants.filter(category_readers_q(category=ediscussion.category, prefix="user__"))
        .annotate(category_level=_category_level(ediscussion, user_ref="user_id"))
        .exclude(category_level=Level.MUTE)
        .exclude(contributed_in_week_q(week=week, next_opens_at=week_next_opens_at(week=week)))
        .exclude(Exists(nudged))
        .select_related("user")
        .only(
            "id",
            "user__id",
            "user__email",
            "user__is_active",
            "user__handle",
            "user__preferred_language",
        )
        .order_by("pk")
    )


def question_of_topic(*, topic: Topic) -> Question | None:
    """The e-discussion question whose contributions ``topic`` holds, with its week and
    e-discussion (None for any other topic)."""
    return (
        Question.objects.filter(topic_id=topic.pk)
        .select_related("week__ediscussion__category", "topic")
        .first()
    )


def ediscussion_is_closed(*, ediscussion: EDiscussion, now: datetime) -> bool:
    """Closed, or past its end (beat closes it within a minute); ``not_closed_q`` in SQL."""
    return ediscussion.closed_at is not None or ediscussion.ends_at <= now


def not_closed_q(*, now: datetime, prefix: str = "") -> Q:
    """Matches the e-discussions (through ``prefix``) not closed at ``now``."""
    return Q(**{f"{prefix}closed_at__isnull": True, f"{prefix}ends_at__gt": now})


def is_late(*, question: Question | None, ediscussion: EDiscussion, now: datetime) -> bool:
    """Does a contribution arriving ``now`` come too late: the e-discussion is closed (or past
    its end), or its question (when it names one) takes no more contributions?"""
    if ediscussion_is_closed(ediscussion=ediscussion, now=now):
        return True
    if question is not None and question.topic is not None:
        return question.topic.is_closed or question.topic.is_archived
    return False


def weeks_to_nudge(*, now: datetime, opened_before: datetime) -> list[int]:
    """The ids of the current weeks (no later week opened yet) of scheduled e-discussions not
    closed at ``now``, published and opened before ``opened_before``."""
    later_opened = Week.objects.filter(
        ediscussion_id=OuterRef("ediscussion_id"), number__gt=OuterRef("number"), opens_at__lte=now
    )
    return list(
        Week.objects.filter(
            not_closed_q(now=now, prefix="ediscussion__"),
            published_at__isnull=False,
            opens_at__lte=opened_before,
            ediscussion__is_scheduled=True,
        )
        .exclude(Exists(later_opened))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
