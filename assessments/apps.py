from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Needs assessments")
    default_auto_field = "django.db.models.BigAutoField"
    demo_seed = "assessments.demo.seed_assessments"

    def ready(self) -> None:
        # Registers the assessments' actions with network.permissions, and the invitations'
        # part of the personal-data export and of account deletion.
        from . import permissions, personal_data_invitations  # noqa: F401
