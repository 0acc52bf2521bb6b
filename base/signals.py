"""Keep the anonymous page cache fresh: any change to what pages show drops it."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import page_cache_clear


def connect() -> None:
    from network.models import LocalAuthority

    page_published.connect(page_cache_clear, dispatch_uid="outreach_cache_published")
    page_unpublished.connect(page_cache_clear, dispatch_uid="outreach_cache_unpublished")
    # Deleting a page of any type deletes its wagtailcore.Page row too.
    post_delete.connect(page_cache_clear, sender=Page, dispatch_uid="outreach_cache_page_deleted")
    # Moving a page changes addresses; a restriction hides pages; sites and locales route them.
    post_page_move.connect(page_cache_clear, dispatch_uid="outreach_cache_page_moved")
    for model in (LocalAuthority, PageViewRestriction, Site, Locale):
        invalidate_on_change(model)
    # A deleted image or document disappears from the pages that showed or linked it.
    for model in (get_image_model(), get_document_model()):
        post_delete.connect(
            page_cache_clear, sender=model, dispatch_uid=f"outreach_cache_del_{model}"
        )


def invalidate_on_change(model) -> None:
    """Drop the cached pages whenever a row of ``model`` is saved or deleted: for models whose
    rows pages show (an app connects its own from its ``ready()``)."""
    post_save.connect(page_cache_clear, sender=model, dispatch_uid=f"outreach_cache_{model}")
    post_delete.connect(page_cache_clear, sender=model, dispatch_uid=f"outreach_cache_del_{model}")
