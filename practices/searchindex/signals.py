"""Keep search entries in step with publishing (decoupled from the practice models)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import PracticePage

from . import services


@receiver(page_published)
def _practice_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        services.practice_search_entry_refresh(page=instance)


@receiver(page_unpublished)
def _practice_unpublished(sender, instance, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        services.practice_search_entry_delete(
            page_id=instance.pk, translation_key=instance.translation_key
        )


@receiver(post_delete, sender=PracticePage)
def _practice_deleted(sender, instance, **kwargs) -> None:
    # The entry went with the page (cascade); another version may now be the listed one.
    services.practice_listing_refresh(translation_key=instance.translation_key)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
def _visibility_changed(sender, **kwargs) -> None:
    # A restriction added or lifted, or a page moved under or out of one: the finder must show
    # or hide practices accordingly.
    services.search_generation_bump()
