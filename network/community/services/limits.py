"""Rate limits on writing in the forum, per member, counted in the database over a sliding
window (the last hour, the last day) so that every worker and node agrees without a shared
counter. Members without any published post yet get stricter figures; moderators none.

Each refusal is a ``ValidationError`` whose message says what the limit is and when writing
works again, shown on the form above what the member typed (nothing is lost).
"""

from collections.abc import Collection
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.models import User

from ..models import Post, Topic
from ..visibility import is_forum_moderator

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def is_new_member(*, user: User) -> bool:
    """Whether ``user`` has not published anything in the forum yet."""
    return not Post.objects.filter(author=user, state=Post.State.PUBLISHED).exists()


def _minutes_until(moment) -> int:
    return max(1, int((moment - timezone.now()).total_seconds() // 60) + 1)


def posts_limit_check(*, user: User, starting_topic: bool = False) -> None:
    """Refuse a post (a reply, or an opening post when ``starting_topic``) above the member's
    limits."""
    if is_forum_moderator(user):
        return
    new = is_new_member(user=user)
    now = timezone.now()
    per_hour = (
        settings.FORUM_LIMIT_NEW_POSTS_PER_HOUR if new else settings.FORUM_LIMIT_POSTS_PER_HOUR
    )
    recent = Post.objects.filter(author=user, created_at__gt=now - HOUR).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    if recent["count"] >= per_hour:
        minutes = _minutes_until(recent["oldest"] + HOUR)
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ngettext(
                    "You have written %(limit)s posts in the last hour, the most allowed. "
                    "Please try again in %(minutes)s minute; what you wrote is kept below.",
                    "You have written %(limit)s posts in the last hour, the most allowed. "
                    "Please try again in %(minutes)s minutes; what you wrote is kept below.",
                    minutes,
                )
                % {"limit": per_hour, "minutes": minutes}
            },
            code="rate_limit",
        )
    if not starting_topic:
        return
    per_day = (
        settings.FORUM_LIMIT_NEW_TOPICS_PER_DAY if new else settings.FORUM_LIMIT_TOPICS_PER_DAY
    )
    started = Topic.objects.filter(author=user, created_at__gt=now - DAY).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    if started["count"] >= per_day:
        hours = max(1, round((started["oldest"] + DAY - now).total_seconds() / 3600))
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ngettext(
                    "You have started %(limit)s topics in the last day, the most allowed. "
                    "Please try again in about %(hours)s hour, or reply in an existing topic; "
                    "what you wrote is kept below.",
                    "You have started %(limit)s topics in the last day, the most allowed. "
                    "Please try again in about %(hours)s hours, or reply in an existing topic; "
                    "what you wrote is kept below.",
                    hours,
                )
                % {"limit": per_day, "hours": hours}
            },
            code="rate_limit",
        )


def mentions_limit_check(
    *, user: User, mentioned: tuple[str, ...], told: Collection[str] = ()
) -> None:
    """Refuse a post that mentions more members than the member may notify at once; for an
    edit, ``told`` are those the post already told of a mention: together with whom it
    mentions now, they may not pass the limit either (swapping names edit after edit would
    reach anyone)."""
    if is_forum_moderator(user):
        return
    limit = (
        settings.FORUM_LIMIT_NEW_MENTIONS_PER_POST
        if is_new_member(user=user)
        else settings.FORUM_LIMIT_MENTIONS_PER_POST
    )
    reached = len(set(mentioned) | set(told))
    if len(mentioned) <= limit < reached:
        raise ValidationError(
            {
                "source": ngettext(
                    "This post has already told %(told)s member they were mentioned, and a "
                    "post may tell at most %(limit)s, edits included. Remove the @ before the "
                    "names you added.",
                    "This post has already told %(told)s members they were mentioned, and a "
                    "post may tell at most %(limit)s, edits included. Remove the @ before the "
                    "names you added.",
                    len(told),
                )
                % {"told": len(told), "limit": limit}
            },
            code="rate_limit",
        )
    if len(mentioned) > limit:
        raise ValidationError(
            {
                "source": _(
                    "This post mentions %(count)s members; a post may mention at most "
                    "%(limit)s. Remove the @ before some names."
                )
                % {"count": len(mentioned), "limit": limit}
            },
            code="rate_limit",
        )
