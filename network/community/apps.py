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
        # the CMS, the notification by which moderators' actions reach members, the personal
        # data exporter (and what deleting an account does), inbound mail's tasks and its
        # receiver of anymail's inbound signal, and the Celery task that forgets files chosen
        # for posts never written.
        from . import (  # noqa: F401
            admin_permissions,
            attachment_tasks,
            inbound_tasks,
            moderation_kinds,
            permissions,
            personal_data,
        )
