from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Bounce, EmailDelivery, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "event_key", "created_at", "read_at", "email_pending"]
    list_filter = ["kind", "email_pending"]
    search_fields = ["recipient__email", "event_key"]
    raw_id_fields = ["recipient", "delivery"]
    date_hierarchy = "created_at"


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    """The outbox, read-only: its states are moved by the workers and the sweep; a person may
    only send failed emails again."""

    list_display = [
        "key",
        "kind",
        "recipient",
        "to_address",
        "status",
        "attempts",
        "next_attempt_at",
        "interrupted_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", ("interrupted_at", admin.EmptyFieldListFilter)]
    search_fields = ["key", "recipient__email", "to_address"]
    raw_id_fields = ["recipient"]
    # A direct email's context may hold a secret link until it is sent.
    exclude = ["context"]
    readonly_fields = [
        "key",
        "kind",
        "recipient",
        "to_address",
        "template_prefix",
        "language",
        "status",
        "attempts",
        "next_attempt_at",
        "enqueued_at",
        "claimed_at",
        "interrupted_at",
        "message_id",
        "sent_at",
        "last_error",
        "created_at",
        "updated_at",
    ]
    actions = ["send_again"]

    @admin.display(description=_("Message-ID"))
    def message_id(self, delivery: EmailDelivery) -> str:
        return delivery.message_id

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Send the selected failed emails again"))
    def send_again(self, request, queryset) -> None:
        count = services.deliveries_retry(delivery_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d failed email will be sent again.",
                "%(count)d failed emails will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "frequency", "updated_at"]
    list_filter = ["kind", "frequency"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(Bounce)
class BounceAdmin(admin.ModelAdmin):
    """Failed deliveries reported back, read-only. Deleting an address's hard bounces (once its
    owner fixed their mailbox) lets mail to it resume."""

    list_display = ["address", "hard", "status", "received_at"]
    list_filter = ["hard"]
    search_fields = ["address"]
    date_hierarchy = "received_at"
    readonly_fields = ["address", "hard", "status", "received_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
