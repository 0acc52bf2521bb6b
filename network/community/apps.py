from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "network.community"
    label = "community"
    demo_seed = "network.community.demo.seed_community"
    verbose_name = _("Community of practice")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the forum's actions with network.permissions, who manages categories in
        # the CMS, and the notification by which moderators' actions reach members.
        # The forum activity of a member authority, on its public page.
        from network.authority_page import authority_section_register

        from . import admin_permissions, moderation_kinds, permissions  # noqa: F401
        from .selectors.directory import authority_forum_section

        # Keeps the search index in step with the forum's signals (its receivers).
        from .services import search_index  # noqa: F401

        authority_section_register(name="forum_activity", build=authority_forum_section)
