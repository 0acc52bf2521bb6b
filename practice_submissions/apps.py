from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeSubmissionsConfig(AppConfig):
    name = "practice_submissions"
    label = "practice_submissions"
    verbose_name = _("Practice submissions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's actions with network.permissions and its personal data
        # export, and deletes private files with their rows.
        from . import personal_data, rules, signals  # noqa: F401
