from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    label = "outreach"
    demo_seed = "outreach.demo.seed_outreach"
    verbose_name = _("Outreach site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from base.cache import page_query_parameters_register
        from base.signals import invalidate_on_change

        from . import permissions, personal_data  # noqa: F401  (its rules and its export)
        from .models import NewsCategory

        invalidate_on_change(NewsCategory)
        # The news filters and the events' past/upcoming switch (selectors.py).
        page_query_parameters_register("category", "type", "when")
