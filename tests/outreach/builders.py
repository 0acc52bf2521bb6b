"""Build outreach pages in tests: a page in English, optionally with translations that share
its translation key (as wagtail-localize or copy_for_translation would link them)."""

from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from outreach.models import (
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def homes() -> dict[str, HomePage]:
    """The home pages created by the data migration, by language."""
    root = Site.objects.get(is_default_site=True).root_page
    return {
        page.locale.language_code: page.specific
        for page in root.get_translations(inclusive=True).select_related("locale")
    }


def add_page(parent: Page, page: Page, *, publish: bool = True) -> Page:
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def translate(page: Page, parent: Page, *, code: str, publish: bool = True, **fields) -> Page:
    """A translation of ``page`` under ``parent`` (a translation of page's parent)."""
    model = page.specific_class
    values = {
        field.name: getattr(page.specific, field.name)
        for field in model._meta.fields
        if field.name
        not in {
            "id",
            "page_ptr",
            "path",
            "depth",
            "numchild",
            "url_path",
            "locale",
            "translation_key",
            "live",
            "latest_revision",
            "live_revision",
            "content_type",
            "draft_title",
            "first_published_at",
            "last_published_at",
            "latest_revision_created_at",
            "locked",
            "locked_at",
            "locked_by",
            "owner",
            "has_unpublished_changes",
        }
    }
    values.update(fields)
    translated = model(**values, locale=locale(code), translation_key=page.translation_key)
    return add_page(parent, translated, publish=publish)


def news_index(home: Page, *, slug: str = "news", title: str = "News") -> NewsIndexPage:
    return add_page(home, NewsIndexPage(title=title, slug=slug, show_in_menus=True))


def news_page(index: Page, *, slug: str, title: str = "", days_ago: int = 0, **fields) -> NewsPage:
    fields.setdefault("summary", f"Summary of {slug}")
    return add_page(
        index,
        NewsPage(
            title=title or slug.replace("-", " ").capitalize(),
            slug=slug,
            date=timezone.localdate() - timedelta(days=days_ago),
            **fields,
        ),
    )


def event_index(home: Page, *, slug: str = "events", title: str = "Events") -> EventIndexPage:
    return add_page(home, EventIndexPage(title=title, slug=slug, show_in_menus=True))


def event_page(
    index: Page,
    *,
    slug: str,
    starts_in: timedelta = timedelta(days=7),
    start: datetime | None = None,
    **fields,
):
    """An event starting ``starts_in`` from now, or at ``start`` (an aware datetime)."""
    start = start or timezone.now() + starts_in
    fields.setdefault("summary", f"Summary of {slug}")
    fields.setdefault("end", start + timedelta(hours=2))
    return add_page(
        index,
        EventPage(title=fields.pop("title", slug.capitalize()), slug=slug, start=start, **fields),
    )


def campaign_index(home: Page) -> CampaignIndexPage:
    return add_page(home, CampaignIndexPage(title="Campaigns", slug="campaigns"))


def campaign_page(index: Page, *, slug: str, **fields) -> CampaignPage:
    fields.setdefault("summary", f"Summary of {slug}")
    fields.setdefault("key_message", "Migration enriches us.")
    return add_page(index, CampaignPage(title=fields.pop("title", slug), slug=slug, **fields))


def standard_page(parent: Page, *, slug: str, title: str = "", **fields) -> StandardPage:
    return add_page(parent, StandardPage(title=title or slug.capitalize(), slug=slug, **fields))
