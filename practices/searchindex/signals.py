"""Keep search entries in step with publishing (decoupled from the practice models)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

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
