from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeSearchConfig(AppConfig):
    name = "practices.searchindex"
    label = "practice_search"
    verbose_name = _("Practice search")

    def ready(self) -> None:
        from . import signals  # noqa: F401
