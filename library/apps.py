from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    label = "library"
    demo_seed = "library.demo.seed_library"
    verbose_name = _("Resource library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from base.cache import page_query_parameters_register
        from network.community.cards import card_resolver_register
        from network.community.ediscussions.summary import summary_publisher_register

        from .community_cards import resource_card
        from .ediscussion_summaries import summary_resource_publish
        from .selectors import FILTER_NAMES

        page_query_parameters_register(*FILTER_NAMES)
        card_resolver_register(name="library", resolve=resource_card)
        # E-discussions' consolidated summaries are published as resources.
        summary_publisher_register(publish=summary_resource_publish)
