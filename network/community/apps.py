from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "network.community"
    label = "community"
    demo_seed = "network.community.demo.seed_community"
    verbose_name = _("Community of practice")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the forum's actions with network.permissions, and its personal data
        # exporter (and what deleting an account does) with network.personal_data, and the
        # Celery task that forgets files chosen for posts never written.
        from . import attachment_tasks, permissions, personal_data  # noqa: F401
