from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "network.community"
    label = "community"
    verbose_name = _("Community of practice")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The forum's actions registered with network.permissions; inbound mail's tasks for the
        # workers and its receiver of anymail's inbound signal.
        from . import inbound_tasks, permissions  # noqa: F401
