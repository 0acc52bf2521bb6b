"""Demo content of the resource library: an index page in each language and about ten resources
with small real PDF files written at seed time. Idempotent: pages are looked up by slug within
their parent and documents by title, and only created when missing."""

from django.conf import settings
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from .demo_content import LIBRARY, PUBLISHER, RESOURCES
from .models import ResourceLibraryPage, ResourcePage, ResourceTheme
from .pdf import minimal_pdf
from .services import library_document_create, resource_publish

DEFAULT = settings.LANGUAGE_CODE


class _LibrarySeeder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.created = 0

    def homes(self) -> dict[str, Page]:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        if site is None:
            return {}
        root = site.root_page
        return {
            page.locale.language_code: page
            for page in root.get_translations(inclusive=True).select_related("locale")
        }

    def _add(self, parent: Page, page: Page) -> Page:
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def libraries(self, homes: dict[str, Page]) -> dict[str, ResourceLibraryPage]:
        source = ResourceLibraryPage.objects.child_of(homes[DEFAULT]).first()
        if source is None:
            source = self._add(
                homes[DEFAULT],
                ResourceLibraryPage(**LIBRARY[DEFAULT], locale=homes[DEFAULT].locale),
            )
        libraries = {DEFAULT: source}
        for code, home in homes.items():
            if code == DEFAULT or code not in LIBRARY:
                continue
            translated = source.get_translation_or_none(home.locale)
            if translated is None:
                translated = self._add(
                    home,
                    ResourceLibraryPage(
                        **LIBRARY[code], locale=home.locale, translation_key=source.translation_key
                    ),
                )
            libraries[code] = translated
        return libraries

    def document(self, *, title: str, slug: str, summary: str):
        document = get_document_model().objects.filter(title=title).order_by("pk").first()
        if document is None:
            content = minimal_pdf(
                title=title,
                lines=[summary[:90], summary[90:180], "", "Convive - demo document"],
            )
            document = library_document_create(
                title=title, file_name=f"{slug}.pdf", content=content
            )
        return document

    def resource(self, spec: dict, libraries: dict[str, ResourceLibraryPage]) -> None:
        common = dict(spec["common"])
        themes = common.pop("themes")
        english = spec[DEFAULT]
        shared = {
            **common,
            # Invented documents: visitors are told so on the page and in listings.
            "is_illustrative": True,
            "document": self.document(
                title=english["title"], slug=english["slug"], summary=english["summary"]
            ),
        }
        source = ResourcePage.objects.child_of(libraries[DEFAULT]).filter(slug=english["slug"])
        source = source.first()
        if source is None:
            source = resource_publish(
                library=libraries[DEFAULT],
                **english,
                **shared,
                publisher=PUBLISHER[DEFAULT],
                themes=themes,
            )
            self.created += 1
        for code, fields in spec.items():
            if code in {DEFAULT, "common"} or code not in libraries:
                continue
            library = libraries[code]
            if source.get_translation_or_none(library.locale) is None:
                translated = ResourcePage(
                    **fields,
                    **shared,
                    publisher=PUBLISHER[code],
                    locale=library.locale,
                    translation_key=source.translation_key,
                )
                translated.themes = [ResourceTheme(code=theme) for theme in themes]
                self._add(library, translated)


def seed_library(*, stdout) -> None:
    """Create the demo library (index pages in every language, ~10 resources with PDF files, a
    few translated). Anything that already exists is left as it is."""
    seeder = _LibrarySeeder(stdout)
    with transaction.atomic():
        homes = seeder.homes()
        if DEFAULT not in homes:
            stdout.write("Resource library: no home page in the default language; skipped.")
            return
        libraries = seeder.libraries(homes)
        for spec in RESOURCES:
            seeder.resource(spec, libraries)
    indexes, resources = ResourceLibraryPage.objects.count(), ResourcePage.objects.count()
    stdout.write(
        f"Resource library: {seeder.created} page(s) created, {indexes + resources} in all "
        f"({indexes} library index pages, {resources} resources)."
    )
