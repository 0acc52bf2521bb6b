from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Needs assessments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the assessments' actions with network.permissions, and their personal data
        # exporter (with what deleting an account does to answers given).
        from . import permissions, personal_data  # noqa: F401
