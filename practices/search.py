"""Finding practices: full-text search, facets with counts, sorting and pagination.

Every list of practices the public sees (the directory, feeds, exports, the JSON API) reads the
same GET parameters through this module, so a filtered view and its open outputs always agree:

    ?q=salud&country=MX&country=CO&theme=health&status=running&year=2023&results=yes
    &language=es&sort=newest&page=2

Within a facet the values are alternatives (OR); across facets they all apply (AND). Unknown
values are ignored. Each practice appears once, in the visitor's language when a live translation
exists, otherwise in its original language (flagged ``is_original_language_fallback``).

Facet counts follow the usual rule: the counts of a facet apply the query and every *other*
facet's filters, so a visitor sees how many results ticking one more value would add. One GROUP
BY query per facet, whatever the number of practices.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from network.countries import COUNTRY_CHOICES, country_name
from network.outreach.localization import page_urls_in_language

from .models import (
    PracticeGcmObjective,
    PracticePage,
    PracticeTargetGroup,
    PracticeTheme,
)
from .searchindex.models import PracticeViewCount
from .searchindex.services import text_fold
from .taxonomy import GCM_OBJECTIVES, TARGET_GROUPS, THEMES, label

PAGE_SIZE = 20
QUERY_MAX_LENGTH = 200
QUERY_MAX_TERMS = 8
YEAR_RANGE = range(1950, 2101)

SORTS = {
    "relevance": _("Best match"),
    "newest": _("Newest first"),
    "most_viewed": _("Most viewed"),
}
YES_NO = {"yes": _("With result indicators"), "no": _("Without result indicators")}


# -- Results ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FacetOption:
    code: str
    label: str
    count: int
    selected: bool
    url: str  # the current search with this value ticked (or unticked when selected)


@dataclass(frozen=True)
class Facet:
    name: str  # the GET parameter
    label: str
    options: list[FacetOption]

    @property
    def field_id(self) -> str:
        return f"facet-{self.name}"


@dataclass(frozen=True)
class ActiveFilter:
    facet: str
    facet_label: str
    code: str
    label: str
    remove_url: str


@dataclass
class PracticeSearchParams:
    """The cleaned parameters of a search: only known values survive."""

    filters: dict[str, list[str]] = field(default_factory=dict)
    query: str = ""
    sort: str = "newest"

    def encoded(self, **overrides) -> str:
        """The parameters as a query string (no leading ``?``), stable order, page excluded."""
        pairs: list[tuple[str, str]] = []
        if self.query:
            pairs.append(("q", self.query))
        filters = overrides.get("filters", self.filters)
        for spec in FACETS:
            pairs.extend((spec.name, value) for value in filters.get(spec.name, []))
        sort = overrides.get("sort", self.sort)
        if sort != _default_sort(self.query):
            pairs.append(("sort", sort))
        return urlencode(pairs)


@dataclass
class PracticeSearchResult:
    page: PaginatorPage  # object_list: PracticePage objects in their display version
    total: int
    facets: list[Facet]
    query: str
    sort: str
    sort_options: list[tuple[str, str]]
    active_filters: list[ActiveFilter]
    query_string: str  # the current filters, query and sort, to append to other addresses

    @property
    def items(self) -> list[PracticePage]:
        return list(self.page.object_list)


# -- Facets -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FacetSpec:
    name: str
    label: object
    clean: Callable[[str], str | None]
    apply: Callable[[QuerySet, list[str]], QuerySet]
    counts: Callable[[QuerySet], dict[str, int]]
    options: Callable[[dict[str, int], set[str]], list[tuple[str, str]]]


def _field_counts(field_name: str) -> Callable[[QuerySet], dict[str, int]]:
    def counts(queryset: QuerySet) -> dict[str, int]:
        rows = queryset.order_by().values(field_name).annotate(n=Count("pk"))
        return {str(row[field_name]): row["n"] for row in rows if row[field_name] not in ("", None)}

    return counts


def _child_facet(name, title, model, vocabulary) -> FacetSpec:
    codes = {term.code for term in vocabulary}

    def apply(queryset, values):
        return queryset.filter(pk__in=model.objects.filter(code__in=values).values("page_id"))

    def counts(queryset):
        rows = (
            model.objects.filter(page_id__in=queryset.order_by().values("pk"))
            .values("code")
            .annotate(n=Count("page_id", distinct=True))
            .order_by()
        )
        return {row["code"]: row["n"] for row in rows}

    def options(counts, selected):
        return [
            (term.code, str(term.label))
            for term in vocabulary
            if counts.get(term.code) or term.code in selected
        ]

    return FacetSpec(
        name=name,
        label=title,
        clean=lambda value: value if value in codes else None,
        apply=apply,
        counts=counts,
        options=options,
    )


_COUNTRIES = {code for code, _name in COUNTRY_CHOICES}
_STATUSES = dict(PracticePage.Status.choices)
_LANGUAGES = dict(settings.WAGTAIL_CONTENT_LANGUAGES)


def _clean_year(value: str) -> str | None:
    return value if value.isdigit() and int(value) in YEAR_RANGE else None


def _apply_results(queryset, values):
    wanted = set(values)
    if wanted == {"yes"}:
        return queryset.filter(search_entry__has_indicators=True)
    if wanted == {"no"}:
        return queryset.exclude(search_entry__has_indicators=True)
    return queryset


def _count_results(queryset):
    rows = (
        queryset.order_by()
        .values(flag=Coalesce(F("search_entry__has_indicators"), Value(False)))
        .annotate(n=Count("pk"))
    )
    return {("yes" if row["flag"] else "no"): row["n"] for row in rows}


def _count_years(queryset):
    rows = (
        queryset.order_by()
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(n=Count("pk"))
    )
    return {str(row["year"]): row["n"] for row in rows if row["year"]}


def _listed(mapping: dict) -> Callable[[dict[str, int], set[str]], list[tuple[str, str]]]:
    def options(counts, selected):
        return [
            (code, str(name))
            for code, name in mapping.items()
            if counts.get(code) or code in selected
        ]

    return options


FACETS: list[FacetSpec] = [
    FacetSpec(
        name="country",
        label=_("Country"),
        clean=lambda value: value.upper() if value.upper() in _COUNTRIES else None,
        apply=lambda queryset, values: queryset.filter(country__in=values),
        counts=_field_counts("country"),
        options=lambda counts, selected: sorted(
            (
                (code, str(country_name(code)))
                for code in _COUNTRIES
                if counts.get(code) or code in selected
            ),
            key=lambda option: option[1].casefold(),
        ),
    ),
    _child_facet("theme", _("Theme"), PracticeTheme, THEMES),
    _child_facet("group", _("Target group"), PracticeTargetGroup, TARGET_GROUPS),
    _child_facet("gcm", _("GCM objective"), PracticeGcmObjective, GCM_OBJECTIVES),
    FacetSpec(
        name="status",
        label=_("Status"),
        clean=lambda value: value if value in _STATUSES else None,
        apply=lambda queryset, values: queryset.filter(status__in=values),
        counts=_field_counts("status"),
        options=_listed(_STATUSES),
    ),
    FacetSpec(
        name="year",
        label=_("Start year"),
        clean=_clean_year,
        apply=lambda queryset, values: queryset.filter(
            start_date__year__in=[int(v) for v in values]
        ),
        counts=_count_years,
        options=lambda counts, selected: [
            (year, year) for year in sorted(set(counts) | selected, reverse=True)
        ],
    ),
    FacetSpec(
        name="results",
        label=_("Results"),
        clean=lambda value: value if value in YES_NO else None,
        apply=_apply_results,
        counts=_count_results,
        options=_listed(YES_NO),
    ),
    FacetSpec(
        name="language",
        label=_("Original language"),
        clean=lambda value: value if value in _LANGUAGES else None,
        apply=lambda queryset, values: queryset.filter(original_language__in=values),
        counts=_field_counts("original_language"),
        options=_listed(_LANGUAGES),
    ),
]
FACETS_BY_NAME = {spec.name: spec for spec in FACETS}


# -- Reading parameters -------------------------------------------------------------------------
def _default_sort(query: str) -> str:
    return "relevance" if query else "newest"


def practice_search_params(*, params: QueryDict) -> PracticeSearchParams:
    """Keep the known values of ``params`` (deduplicated, in order); drop everything else."""
    filters: dict[str, list[str]] = {}
    for spec in FACETS:
        values: list[str] = []
        for raw in params.getlist(spec.name)[:50]:
            value = spec.clean(str(raw).strip())
            if value is not None and value not in values:
                values.append(value)
        if values:
            filters[spec.name] = values
    query = " ".join(str(params.get("q", "")).split())[:QUERY_MAX_LENGTH]
    sort = str(params.get("sort", ""))
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = _default_sort(query)
    return PracticeSearchParams(filters=filters, query=query, sort=sort)


# -- Querying -----------------------------------------------------------------------------------
def _displayed_practices(*, language: str) -> QuerySet[PracticePage]:
    """Live, public practices, one version each: the visitor's language, else the original
    language, else the default language."""
    live = PracticePage.objects.live().public()
    in_language = live.filter(locale__language_code=language).values("translation_key")
    in_original = live.filter(locale__language_code=F("original_language")).values(
        "translation_key"
    )
    untranslated = ~Q(translation_key__in=in_language)
    fallback = Q(locale__language_code=F("original_language")) | (
        ~Q(translation_key__in=in_original) & Q(locale__language_code=settings.LANGUAGE_CODE)
    )
    return live.filter(Q(locale__language_code=language) | (untranslated & fallback))


def _text_query(query: str) -> SearchQuery:
    # Each entry is matched with the configuration of its own language (stemming + unaccent).
    return SearchQuery(query, config=F("search_entry__config"), search_type="websearch")


def _apply_query(queryset: QuerySet, query: str) -> QuerySet:
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(search_entry__search_vector=_text_query(query))
    for term in text_fold(query).split()[:QUERY_MAX_TERMS]:
        queryset = queryset.filter(search_entry__folded_text__contains=term)
    return queryset


def _apply_filters(
    queryset: QuerySet, filters: dict[str, list[str]], *, skip: str = ""
) -> QuerySet:
    for name, values in filters.items():
        if name != skip:
            queryset = FACETS_BY_NAME[name].apply(queryset, values)
    return queryset


def _ordered(queryset: QuerySet, *, sort: str, query: str) -> QuerySet:
    newest = ("-first_published_at", "-pk")
    if sort == "relevance" and query and connection.vendor == "postgresql":
        rank = SearchRank(F("search_entry__search_vector"), _text_query(query))
        return queryset.annotate(rank=rank).order_by("-rank", *newest)
    if sort == "most_viewed":
        views = PracticeViewCount.objects.filter(
            translation_key=OuterRef("translation_key")
        ).values("count")[:1]
        return queryset.annotate(views=Coalesce(Subquery(views), Value(0))).order_by(
            "-views", *newest
        )
    return queryset.order_by(*newest)


def practice_search_queryset(
    *, params: QueryDict, language: str
) -> tuple[QuerySet[PracticePage], PracticeSearchParams]:
    """The practices matching ``params`` in their display version for ``language``, sorted;
    used by the directory and by every open output (feeds, exports, API)."""
    cleaned = practice_search_params(params=params)
    base = _apply_query(_displayed_practices(language=language), cleaned.query)
    queryset = _apply_filters(base, cleaned.filters)
    queryset = _ordered(queryset, sort=cleaned.sort, query=cleaned.query)
    return queryset.select_related("locale", "authority"), cleaned


def _facets(base: QuerySet, cleaned: PracticeSearchParams) -> list[Facet]:
    facets = []
    for spec in FACETS:
        selected = set(cleaned.filters.get(spec.name, []))
        counts = spec.counts(_apply_filters(base, cleaned.filters, skip=spec.name))
        options = []
        for code, option_label in spec.options(counts, selected):
            values = cleaned.filters.get(spec.name, [])
            toggled = [v for v in values if v != code] if code in selected else [*values, code]
            filters = {**cleaned.filters, spec.name: toggled}
            options.append(
                FacetOption(
                    code=code,
                    label=option_label,
                    count=counts.get(code, 0),
                    selected=code in selected,
                    url=f"?{cleaned.encoded(filters=filters)}",
                )
            )
        facets.append(Facet(name=spec.name, label=str(spec.label), options=options))
    return facets


def _active_filters(facets: Iterable[Facet]) -> list[ActiveFilter]:
    return [
        ActiveFilter(
            facet=facet.name,
            facet_label=facet.label,
            code=option.code,
            label=option.label,
            remove_url=option.url,
        )
        for facet in facets
        for option in facet.options
        if option.selected
    ]


def _prepare(items: list[PracticePage], *, language: str) -> list[PracticePage]:
    """Attach what a result card shows (two or three queries in all)."""
    if not items:
        return items
    codes: dict[int, list[str]] = {}
    for row in PracticeTheme.objects.filter(page_id__in=[item.pk for item in items]).order_by("pk"):
        codes.setdefault(row.page_id, []).append(row.code)
    urls = page_urls_in_language(items, language=language)
    for item in items:
        item.theme_labels = [label(THEMES, code) for code in codes.get(item.pk, [])]
        item.listing_url = urls.get(item.pk) or item.get_url()
        item.is_original_language_fallback = item.locale.language_code != language
        item.in_other_language = item.is_original_language_fallback
    return items


def practice_search(
    *, params: QueryDict, language: str, page_number: int = 1
) -> PracticeSearchResult:
    """One page (20) of the practices matching ``params``, with facet counts for the current
    result set, the active filters and the addresses that change them. A fixed number of
    queries whatever the number of practices."""
    cleaned = practice_search_params(params=params)
    base = _apply_query(_displayed_practices(language=language), cleaned.query)
    queryset = _ordered(
        _apply_filters(base, cleaned.filters), sort=cleaned.sort, query=cleaned.query
    ).select_related("locale", "authority")
    page = Paginator(queryset, PAGE_SIZE).get_page(page_number)
    page.object_list = _prepare(list(page.object_list), language=language)
    facets = _facets(base, cleaned)
    sort_options = [
        (code, str(name)) for code, name in SORTS.items() if code != "relevance" or cleaned.query
    ]
    return PracticeSearchResult(
        page=page,
        total=page.paginator.count,
        facets=facets,
        query=cleaned.query,
        sort=cleaned.sort,
        sort_options=sort_options,
        active_filters=_active_filters(facets),
        query_string=cleaned.encoded(),
    )
