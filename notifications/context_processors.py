from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import notification_unread_count


def unread(request: HttpRequest) -> dict:
    """``unread_notifications_count`` for signed-in people. Lazy: the single COUNT query runs
    only on pages that actually show the number."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications_count": SimpleLazyObject(lambda: notification_unread_count(user=user))
    }
