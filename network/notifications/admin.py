from django.contrib import admin

from .models import EmailDelivery, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "event_key", "created_at", "read_at", "email_pending"]
    list_filter = ["kind", "email_pending"]
    search_fields = ["recipient__email", "event_key"]
    raw_id_fields = ["recipient", "delivery"]
    date_hierarchy = "created_at"


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    list_display = ["key", "recipient", "to_address", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["key", "recipient__email", "to_address"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["created_at", "updated_at"]
    # A direct email's context may hold a secret link until it is sent.
    exclude = ["context"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "frequency", "updated_at"]
    list_filter = ["kind", "frequency"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
