"""Keep search entries in step with publishing (decoupled from the practice models)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from network.models import LocalAuthority
from practices.models import PracticeIndexPage, PracticePage

from . import services


@receiver(page_published)
def _practice_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        services.practice_search_entry_refresh(page=instance)
    elif isinstance(instance, PracticeIndexPage):
        # A directory's address (its slug) is part of every result card's link.
        services.search_generation_bump()


@receiver(page_unpublished)
def _practice_unpublished(sender, instance, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        services.practice_search_entry_delete(
            page_id=instance.pk, translation_key=instance.translation_key
        )
    elif isinstance(instance, PracticeIndexPage):
        services.search_generation_bump()


@receiver(post_delete, sender=PracticePage)
def _practice_deleted(sender, instance, **kwargs) -> None:
    # The entry went with the page (cascade), its indexed text goes too; another version may
    # now be the listed one.
    services.search_text_delete(page_ids=[instance.pk])
    services.practice_listing_refresh(translation_key=instance.translation_key)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
def _finder_facts_changed(sender, **kwargs) -> None:
    # A restriction added or lifted or a site re-rooted (cards link to addresses): the finders'
    # counts and cards are stale.
    services.search_generation_bump()


@receiver(post_page_move)
def _page_moved(sender, instance, **kwargs) -> None:
    # Moved under or out of a restriction, and with it the tree paths of every page below it
    # (the cards' directories).
    services.practice_entries_paths_refresh(under=instance.path)


@receiver(post_save, sender=LocalAuthority)
def _authority_saved(sender, instance, **kwargs) -> None:
    # Result cards show a member authority's name.
    services.practice_entries_authority_refresh(authority_id=instance.pk)


@receiver(post_delete, sender=LocalAuthority)
def _authority_deleted(sender, instance, **kwargs) -> None:
    # Its practices now name no authority (SET_NULL): their cards show the place named on them.
    services.practice_entries_authority_refresh(deleted_name=instance.name)
