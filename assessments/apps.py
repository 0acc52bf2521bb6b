from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Needs assessments")
    default_auto_field = "django.db.models.BigAutoField"
    demo_seed = "assessments.demo.seed_assessments"

    def ready(self) -> None:
        # Registers the assessments' actions with network.permissions, and their parts of the
        # personal-data export (with what deleting an account does): answers, interviews and
        # questionnaires (personal_data), invitations and their emails (personal_data_invitations).
        from . import permissions, personal_data, personal_data_invitations  # noqa: F401
