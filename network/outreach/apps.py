from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "network.outreach"
    label = "outreach"
    verbose_name = _("Outreach site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import permissions, signals  # noqa: F401  (permissions registers its rules)

        signals.connect()
