from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Good practices")
    demo_seed = "practices.demo.seed_practices"

    def ready(self) -> None:
        from base.sections import home_section_register

        from .selectors import practices_latest

        def latest_practices(*, home, request):
            return practices_latest(home=home, limit=3)

        home_section_register(name="latest_practices", build=latest_practices)
