"""Keep search entries in step with publishing (decoupled from the practice models)."""

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
        services.practice_search_entry_delete(page_id=instance.pk)
