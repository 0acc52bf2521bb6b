from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeSearchConfig(AppConfig):
    name = "practice_search"
    label = "practice_search"
    verbose_name = _("Practice search")

    def ready(self) -> None:
        import uuid

        from base.cache import register_view_counter

        from . import signals  # noqa: F401
        from .services import practice_view_record

        # Views of practice pages served from the anonymous page cache count too.
        register_view_counter(
            "practice", lambda key: practice_view_record(translation_key=uuid.UUID(key))
        )
