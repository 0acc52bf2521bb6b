from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Needs assessments")
    default_auto_field = "django.db.models.BigAutoField"
    demo_seed = "assessments.demo.seed_assessments"
    # After the library and the practices: the report is published in the one, cites the other.
    demo_seed_last = "assessments.report.demo.seed_report"

    def ready(self) -> None:
        # Registers the assessments' actions with network.permissions, and their parts of the
        # personal-data export (with what deleting an account does): answers, interviews and
        # questionnaires (personal_data), invitations and their emails (personal_data_invitations);
        # visibility registers who sees a response's answers (RESPONSE_VIEW).
        from . import (  # noqa: F401
            permissions,
            personal_data,
            personal_data_invitations,
            visibility,
        )
