"""Build library pages in tests: an index under a home page and resources with themes, optionally
translated (sharing the translation key, as wagtail-localize links them)."""

from wagtail.models import Locale, Page, Site

from library.models import ResourceLibraryPage, ResourcePage, ResourceTheme
from tests.factories import LibraryDocumentFactory


def homes() -> dict[str, Page]:
    root = Site.objects.get(is_default_site=True).root_page
    return {
        page.locale.language_code: page.specific
        for page in root.get_translations(inclusive=True).select_related("locale")
    }


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def library(home: Page, *, slug: str = "library", title: str = "Resource library", **fields):
    return publish(home, ResourceLibraryPage(title=title, slug=slug, **fields))


def translate_library(source: ResourceLibraryPage, home: Page, *, code: str, slug: str):
    return publish(
        home,
        ResourceLibraryPage(
            title=f"{source.title} ({code})",
            slug=slug,
            locale=Locale.objects.get(language_code=code),
            translation_key=source.translation_key,
        ),
    )


def resource(
    parent: Page, *, slug: str, themes: tuple[str, ...] = ("education",), **fields
) -> ResourcePage:
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("summary", f"Summary of {slug}")
    fields.setdefault("resource_type", "report")
    fields.setdefault("document_language", "en")
    fields.setdefault("year", 2024)
    if "document" not in fields and "external_url" not in fields:
        fields["document"] = LibraryDocumentFactory(title=fields["title"])
    page = ResourcePage(slug=slug, **fields)
    page.themes = [ResourceTheme(code=code) for code in themes]
    return publish(parent, page)


def translate(source: ResourcePage, parent: Page, *, code: str, slug: str, **fields):
    """A translation of ``source`` under ``parent`` with the same shared fields and themes."""
    shared = {
        name: getattr(source, name)
        for name in (
            "resource_type",
            "document_language",
            "year",
            "publisher",
            "publisher_organisation",
            "document",
            "external_url",
        )
    }
    fields.setdefault("title", f"{source.title} [{code}]")
    fields.setdefault("summary", f"{source.summary} [{code}]")
    page = ResourcePage(
        slug=slug,
        locale=Locale.objects.get(language_code=code),
        translation_key=source.translation_key,
        **shared,
        **fields,
    )
    page.themes = [ResourceTheme(code=theme.code) for theme in source.themes.all()]
    return publish(parent, page)
