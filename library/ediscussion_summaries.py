"""An e-discussion's consolidated summary published as a resource of the library: a resource
of type "consolidated summary" under the library of its language (else the default language's),
its PDF attached, with a translation in each other language's library for each translation of
the summary. Registered from ``LibraryConfig.ready`` with the e-discussions
(``network.community.ediscussions.summary.summary_publisher_register``): the community, in a
lower layer, never imports the library."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from base.localization import page_urls_by_language
from network.community.ediscussions.summary import (
    PublishedResource,
    SummaryPublication,
    SummaryVersion,
)

from .models import THEME_CHOICES, ResourceLibraryPage, ResourcePage, ResourceTheme, ResourceType
from .services import library_document_create, resource_publish

SLUG_MAX = 70


def _libraries() -> dict[str, ResourceLibraryPage]:
    """The library index of each language (the first one found, by position in the tree)."""
    libraries: dict[str, ResourceLibraryPage] = {}
    for library in ResourceLibraryPage.objects.live().select_related("locale").order_by("path"):
        libraries.setdefault(library.locale.language_code, library)
    return libraries


def _free_slug(parent: Page, title: str) -> str:
    base = (slugify(title)[:SLUG_MAX] or "consolidated-summary").strip("-")
    slug, counter = base, 2
    taken = set(parent.get_children().values_list("slug", flat=True))
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _document(version: SummaryVersion):
    return library_document_create(
        title=version.title, file_name=version.file_name, content=version.pdf
    )


def summary_resource_publish(publication: SummaryPublication) -> PublishedResource:
    """Publish ``publication`` as a library resource: the first version (the facilitator's
    language) under that language's library, else the default language's; each other version
    as its translation in its language's library, when there is one. ``ValidationError`` when
    the site has no library at all."""
    libraries = _libraries()
    source_version, *translations = publication.versions
    library = libraries.get(source_version.language) or libraries.get(settings.LANGUAGE_CODE)
    if library is None:
        raise ValidationError(_("The site has no resource library to publish the summary in."))
    known = {code for code, _label in THEME_CHOICES}
    themes = [code for code in publication.themes if code in known]
    source = resource_publish(
        library=library,
        title=source_version.title,
        slug=_free_slug(library, source_version.title),
        summary=source_version.abstract,
        resource_type=ResourceType.CONSOLIDATED_SUMMARY,
        document_language=source_version.language,
        year=publication.year,
        themes=themes,
        document=_document(source_version),
    )
    for version in translations:
        translated_library = libraries.get(version.language)
        if translated_library is None or translated_library.locale_id == library.locale_id:
            continue
        page = ResourcePage(
            title=version.title,
            slug=_free_slug(translated_library, version.title),
            summary=version.abstract,
            resource_type=ResourceType.CONSOLIDATED_SUMMARY,
            document_language=version.language,
            year=publication.year,
            document=_document(version),
            locale=translated_library.locale,
            translation_key=source.translation_key,
        )
        page.themes = [ResourceTheme(code=code) for code in themes]
        Page.objects.get(pk=translated_library.pk).add_child(instance=page)
        page.save_revision().publish()
    return PublishedResource(page_id=source.pk, page_urls=page_urls_by_language(source))
