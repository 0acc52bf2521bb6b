from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "network.community"
    label = "community"
    verbose_name = _("Community of practice")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the forum's actions with network.permissions.
        from . import permissions  # noqa: F401

        # Keeps the search index in step with the forum's signals.
        from .services import search_index  # noqa: F401
