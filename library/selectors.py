"""Reads for the resource library. Listings show each resource in the visitor's language, or
else in the default language, never both (the outreach site's fallback rule)."""

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils import translation
from django.utils.http import urlencode
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from base.localization import (
    children_of_translations_q,
    localized_queryset,
    page_urls_in_language,
)
from base.sites import page_url
from network.inputs import integer_parse, text_clean
from network.visibility import Visitor, pages_open_to, visible_pages
from taxonomy.terms import THEMES

from .models import DocumentLanguage, ResourcePage, ResourceTheme, ResourceType

LIBRARY_PAGE_SIZE = 20
RELATED_LIMIT = 4
THEME_LABELS = {term.code: term.label for term in THEMES}
# The GET parameters the listing understands.
FILTER_NAMES = ("type", "theme", "language", "year")
# A year written with four digits.
YEAR_MIN, YEAR_MAX = 1000, 9999


def theme_labels(*, codes: list[str]) -> list[dict]:
    """[{code, label}] for known theme codes, in the order given."""
    return [{"code": code, "label": THEME_LABELS[code]} for code in codes if code in THEME_LABELS]


def library_filters_parse(*, params: QueryDict) -> dict[str, str]:
    """The valid filters among GET ``params``; anything unknown or malformed is ignored."""
    raw = {name: text_clean(params.get(name) or "") for name in FILTER_NAMES}
    year = integer_parse(raw["year"], minimum=YEAR_MIN, maximum=YEAR_MAX)
    return {
        "type": raw["type"] if raw["type"] in ResourceType.values else "",
        "theme": raw["theme"] if raw["theme"] in THEME_LABELS else "",
        "language": raw["language"] if raw["language"] in DocumentLanguage.values else "",
        "year": "" if year is None else str(year),
    }


def _apply_filters(queryset: QuerySet, filters: dict[str, str], *, skip: str = "") -> QuerySet:
    if filters["type"] and skip != "type":
        queryset = queryset.filter(resource_type=filters["type"])
    if filters["language"] and skip != "language":
        queryset = queryset.filter(document_language=filters["language"])
    if filters["year"] and skip != "year":
        queryset = queryset.filter(year=int(filters["year"]))
    if filters["theme"] and skip != "theme":
        # A subquery rather than a join, so a resource never appears twice.
        tagged = ResourceTheme.objects.filter(code=filters["theme"]).values("page_id")
        queryset = queryset.filter(pk__in=tagged)
    return queryset


def resources_in_library(
    *, library: Page, language: str, user: Visitor = None
) -> QuerySet[ResourcePage]:
    """The resources of ``library`` (and of its translations) ``user`` may see, one per
    translation: the one in ``language`` where it exists, else the default-language one."""
    return localized_queryset(
        visible_pages(ResourcePage.objects.all(), user=user).filter(
            children_of_translations_q(library)
        ),
        language=language,
    )


def _counts(queryset: QuerySet, field: str) -> dict:
    rows = queryset.order_by().values(field).annotate(total=Count("pk"))
    return {row[field]: row["total"] for row in rows}


def library_facets(*, base: QuerySet, filters: dict[str, str]) -> dict[str, list[dict]]:
    """For each filter, its options with the number of results choosing that option would give
    (the other filters kept). Four queries whatever the size of the library."""
    type_counts = _counts(_apply_filters(base, filters, skip="type"), "resource_type")
    language_counts = _counts(_apply_filters(base, filters, skip="language"), "document_language")
    year_counts = _counts(_apply_filters(base, filters, skip="year"), "year")
    theme_rows = (
        ResourceTheme.objects.filter(
            page_id__in=_apply_filters(base, filters, skip="theme").values("pk")
        )
        .order_by()
        .values("code")
        .annotate(total=Count("page_id", distinct=True))
    )
    theme_counts = {row["code"]: row["total"] for row in theme_rows}

    def options(pairs, counts, selected):
        return [
            {
                "value": str(value),
                "label": label,
                "count": counts.get(value, 0),
                "selected": str(value) == selected,
            }
            for value, label in pairs
        ]

    years = sorted(year_counts, reverse=True)
    if filters["year"] and int(filters["year"]) not in year_counts:
        years = sorted([*years, int(filters["year"])], reverse=True)
    return {
        "type": options(ResourceType.choices, type_counts, filters["type"]),
        "theme": options(
            [(term.code, term.label) for term in THEMES], theme_counts, filters["theme"]
        ),
        "language": options(DocumentLanguage.choices, language_counts, filters["language"]),
        "year": options([(year, str(year)) for year in years], year_counts, filters["year"]),
    }


def _decorate(items: list[ResourcePage], *, request: HttpRequest | None, language: str) -> list:
    """Attach ``listing_url`` (the address in the visitor's language) and ``theme_list``."""
    urls = page_urls_in_language(items, language=language, request=request)
    for item in items:
        item.listing_url = urls.get(item.pk) or page_url(item, request)
        item.theme_list = theme_labels(codes=[theme.code for theme in item.themes.all()])
    return items


def resource_listing(*, library: Page, request: HttpRequest) -> dict:
    """One page (20) of the library's resources, newest first, filtered by ``?type=``,
    ``?theme=``, ``?language=`` and ``?year=`` (combinable), with the options' counts."""
    language = translation.get_language()
    filters = library_filters_parse(params=request.GET)
    base = resources_in_library(library=library, language=language, user=request.user)
    results = (
        _apply_filters(base, filters)
        .select_related("locale", "document", "publisher_organisation")
        .prefetch_related("themes")
        .order_by("-year", "-first_published_at", "-pk")
    )
    page_obj = Paginator(results, LIBRARY_PAGE_SIZE).get_page(request.GET.get("page"))
    items = _decorate(list(page_obj.object_list), request=request, language=language)
    selected = {name: value for name, value in filters.items() if value}
    return {
        "items": items,
        "page_obj": page_obj,
        "result_count": page_obj.paginator.count,
        "facets": library_facets(base=base, filters=filters),
        "filters": filters,
        "is_filtered": bool(selected),
        "filter_query": urlencode(selected),
    }


def resource_related(
    *, resource: ResourcePage, request: HttpRequest | None, limit: int = RELATED_LIMIT
) -> list[ResourcePage]:
    """Other resources of the same library sharing at least one theme, newest first."""
    codes = [theme.code for theme in resource.themes.all()]
    if not codes:
        return []
    language = translation.get_language()
    library = resource.get_parent()
    user = getattr(request, "user", None)
    queryset = (
        resources_in_library(library=library, language=language, user=user)
        .exclude(translation_key=resource.translation_key)
        .filter(pk__in=ResourceTheme.objects.filter(code__in=codes).values("page_id"))
        .select_related("locale", "document", "publisher_organisation")
        .prefetch_related("themes")
        .order_by("-year", "-first_published_at", "-pk")
    )
    return _decorate(list(queryset[:limit]), request=request, language=language)


def library_for_home(*, home: Page) -> Page | None:
    """The library index under ``home`` (used by other parts to link to it)."""
    from .models import ResourceLibraryPage

    return visible_pages(ResourceLibraryPage.objects.child_of(home), user=None).first()


def document_hidden(*, document: AbstractDocument, request: HttpRequest) -> bool:
    """Whether the library document must not be served to this visitor: it is the file of one
    or more resources and the visitor may open none of them (drafts, restricted resources)."""
    resources = ResourcePage.objects.filter(document=document)
    return resources.exists() and not pages_open_to(resources, request=request).exists()
