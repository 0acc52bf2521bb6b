"""The notifications section of a person's personal data export."""

from network import personal_data

from .models import Notification, NotificationPreference


def _iso(value) -> str | None:
    return value.isoformat() if value else None


@personal_data.register("notifications")
def notifications_export(user) -> dict:
    return {
        "notifications": [
            {
                "kind": notification.kind,
                "event_key": notification.event_key,
                "context": notification.context,
                "url": notification.url,
                "created_at": _iso(notification.created_at),
                "read_at": _iso(notification.read_at),
            }
            for notification in Notification.objects.filter(recipient=user).order_by(
                "created_at", "id"
            )
        ],
        "email_preferences": [
            {
                "kind": preference.kind,
                "frequency": preference.frequency,
                "updated_at": _iso(preference.updated_at),
            }
            for preference in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
    }
