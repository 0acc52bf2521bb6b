"""Reads of what the forum's fan-out already told (``services/notify.py``)."""

from notifications.models import Notification

from ..models import Post
from ..services.notify import FORUM_MENTION, event_key


def mention_handles_told(*, post: Post) -> set[str]:
    """The handles of the members told they were mentioned in ``post`` (one query)."""
    return set(
        Notification.objects.filter(kind=FORUM_MENTION, event_key=event_key(post)).values_list(
            "recipient__handle", flat=True
        )
    )
