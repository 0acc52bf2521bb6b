from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Good practices")
    demo_seed = "practices.demo.seed_practices"

    def ready(self) -> None:
        from base.cache import page_query_parameters_register
        from base.sections import home_section_register
        from network.authority_page import authority_section_register
        from network.community.cards import card_resolver_register

        from .community_cards import practice_card
        from .search import FACETS
        from .selectors import authority_practices, practices_latest

        def latest_practices(*, home, request):
            return practices_latest(home=home, limit=3)

        home_section_register(name="latest_practices", build=latest_practices)
        authority_section_register(name="practices", build=authority_practices)
        page_query_parameters_register("q", "sort", *(spec.name for spec in FACETS))
        card_resolver_register(name="practices", resolve=practice_card)
