"""The notifications section of a person's personal data export."""

from django.db.models import Q

from network import personal_data
from network.personal_data import iso_or_none

from .models import EmailDelivery, Notification, NotificationPreference


@personal_data.register(
    "notifications",
    covers=[
        "notifications.Notification",
        "notifications.NotificationPreference",
        "notifications.EmailDelivery",
    ],
)
def notifications_export(user) -> dict:
    return {
        "notifications": [
            {
                "kind": notification.kind,
                "event_key": notification.event_key,
                "context": notification.context,
                "url": notification.url,
                "created_at": iso_or_none(notification.created_at),
                "read_at": iso_or_none(notification.read_at),
            }
            for notification in Notification.objects.filter(recipient=user).order_by(
                "created_at", "id"
            )
        ],
        "email_preferences": [
            {
                "kind": preference.kind,
                "frequency": preference.frequency,
                "updated_at": iso_or_none(preference.updated_at),
            }
            for preference in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
        "emails": [
            {
                "kind": delivery.kind,
                "template": delivery.template_prefix,
                "address": delivery.to_address,
                "status": delivery.status,
                "sent_at": iso_or_none(delivery.sent_at),
                "created_at": iso_or_none(delivery.created_at),
            }
            # To the account, or to the address before it had one (an invitation).
            for delivery in EmailDelivery.objects.filter(
                Q(recipient=user) | Q(to_address__iexact=user.email)
            ).order_by("created_at", "id")
        ],
    }
