from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from . import kinds, personal_data  # noqa: F401  (register kinds and the export)

        # Any app may declare its kinds in a ``notification_kinds.py`` module.
        autodiscover_modules("notification_kinds")
