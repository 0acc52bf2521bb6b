from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """The site's foundation: the base page class, language routing, SEO, caching and the view
    counter, which every app that publishes pages builds on."""

    name = "base"
    label = "base"
    verbose_name = _("Site foundation")
    default_auto_field = "django.db.models.BigAutoField"
    demo_seed = "base.demo.seed_site"

    def ready(self) -> None:
        from . import signals

        signals.connect()
