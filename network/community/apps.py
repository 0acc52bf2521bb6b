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
        # the CMS, and the notification by which moderators' actions reach members; inbound
        # mail's tasks for the workers and its receiver of anymail's inbound signal; the
        # receivers that tell watchers and mentioned members of new posts (services/notify.py).
        from . import (  # noqa: F401
            admin_permissions,
            inbound_tasks,
            moderation_kinds,
            permissions,
            receivers,
        )
