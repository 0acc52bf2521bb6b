from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "network.community"
    label = "community"
    demo_seed = "network.community.demo.seed_community"
    # After the library's demo: the finished e-discussion's summary is published there.
    demo_seed_last = "network.community.ediscussions.demo.seed_ediscussions"
    verbose_name = _("Community of practice")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the forum's actions with network.permissions, who manages categories in
        # the CMS, the notification by which moderators' actions reach members, the personal
        # data exporter (and what deleting an account does), inbound mail's tasks and its
        # receiver of anymail's inbound signal, the Celery task that forgets files chosen for
        # posts never written, and the receivers that keep the search index in step with the
        # forum's signals, and those that tell watchers and mentioned members of new posts
        # (services/notify.py); e-discussions' personal data exporter, receivers and beat task,
        # and the notification of their consolidated summaries.
        from network.authority_page import authority_section_register

        from . import (  # noqa: F401
            admin_permissions,
            attachment_tasks,
            inbound_tasks,
            moderation_kinds,
            permissions,
            personal_data,
            receivers,
        )
        from .cards import card_resolver_register
        from .ediscussions import personal_data as ediscussion_personal_data  # noqa: F401
        from .ediscussions import receivers as ediscussion_receivers  # noqa: F401
        from .ediscussions import summary_kinds  # noqa: F401
        from .ediscussions import tasks as ediscussion_tasks  # noqa: F401
        from .selectors.directory import authority_forum_section
        from .selectors.reading import topic_link_card
        from .services import search_index  # noqa: F401

        # The forum activity of a member authority, on its public page.
        authority_section_register(name="forum_activity", build=authority_forum_section)
        # Links to public topics in posts become cards.
        card_resolver_register(name="topics", resolve=topic_link_card)
