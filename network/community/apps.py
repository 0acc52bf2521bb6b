from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "network.community"
    label = "community"
    verbose_name = _("Community of practice")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the forum's actions with network.permissions.
        # The forum activity of a member authority, on its public page.
        from network.authority_page import authority_section_register

        from . import permissions  # noqa: F401
        from .selectors.directory import authority_forum_section

        # Keeps the search index in step with the forum's signals.
        from .services import search_index  # noqa: F401

        authority_section_register(name="forum_activity", build=authority_forum_section)
