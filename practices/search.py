"""Finding practices: full-text search, facets with counts, sorting and pagination.

Every list of practices the public sees (the directory, feeds, exports, the JSON API) reads the
same GET parameters through this module, so a filtered view and its open outputs always agree:

    ?q=salud&country=MX&country=CO&theme=health&status=running&year=2023&results=yes
    &language=es&sort=newest&page=2

Within a facet the values are alternatives (OR); across facets they all apply (AND). Unknown
values are ignored. Each practice appears once, in the visitor's language when a live translation
exists, otherwise in its original language (flagged ``is_original_language_fallback``).

Facet counts follow the usual rule: the counts of a facet apply the query and every *other*
facet's filters, so a visitor sees how many results ticking one more value would add. Searching
reads the derived tables of ``practices.searchindex`` (an entry per live page with its facts, and
the listing of which version each language shows), never the page tree, and counts every facet
and the total in one SQL statement: the same handful of queries for 10 or 10,000 practices.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import PageViewRestriction

from network.countries import COUNTRY_CHOICES, country_name
from network.outreach.localization import page_urls_in_language

from .models import (
    PracticeGcmObjective,
    PracticePage,
    PracticeTargetGroup,
    PracticeTheme,
)
from .searchindex.models import PracticeSearchEntry, PracticeViewCount
from .searchindex.services import (
    DEFAULT_SEARCH_CONFIG,
    SEARCH_CONFIGS,
    listed_in_lookup,
    text_fold,
)
from .taxonomy import GCM_OBJECTIVES, TARGET_GROUPS, THEMES, label

PAGE_SIZE = 20
# What a result card reads (and what its address needs): the long sections stay in the database.
CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "translation_key",
    "locale__language_code",
    "authority__name",
    "summary",
    "place_name",
    "country",
    "is_illustrative",
    "first_published_at",
)
SEARCH_CONFIG_NAMES = sorted({*SEARCH_CONFIGS.values(), DEFAULT_SEARCH_CONFIG})
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
    facet: str
    search: "PracticeSearchParams" = field(repr=False, compare=False)

    @property
    def url(self) -> str:
        """The current search with this value ticked (or unticked when selected); built only
        when a template asks, since the form itself needs none."""
        values = self.search.filters.get(self.facet, [])
        toggled = [v for v in values if v != self.code] if self.selected else [*values, self.code]
        return f"?{self.search.encoded(filters={**self.search.filters, self.facet: toggled})}"

    @property
    def count_label(self) -> str:
        return ngettext("%(counter)s practice", "%(counter)s practices", self.count) % {
            "counter": self.count
        }


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
# A facet reads one column of the search entry (country, status...) or a classification table
# keyed by page (themes, target groups, GCM objectives). From that, it knows how to filter the
# ORM queryset of entries and how to test and count itself in the single SQL statement that
# counts every facet at once (see ``_facet_counts``). Only names from FACETS and table names are
# formatted into that SQL; what a visitor sends is always a bound parameter.
@dataclass(frozen=True)
class FacetSpec:
    name: str
    label: object
    clean: Callable[[str], str | None]
    options: Callable[[dict[str, int], set[str]], list[tuple[str, str]]]
    column: str = ""  # a column of PracticeSearchEntry...
    child: type | None = None  # ...or a classification model with page_id and code

    def apply(self, queryset: QuerySet, values: list[str]) -> QuerySet:
        if self.child is not None:
            return queryset.filter(
                page_id__in=self.child.objects.filter(code__in=values).values("page_id")
            )
        if self.column == "has_indicators":
            wanted = set(values)
            if len(wanted) == 1:
                return queryset.filter(has_indicators=wanted == {"yes"})
            return queryset
        if self.column == "start_year":
            return queryset.filter(start_year__in=[int(value) for value in values])
        return queryset.filter(**{f"{self.column}__in": values})

    def condition(self, values: list[str]) -> tuple[str, list]:
        """SQL testing a row of the matched set ``m`` against the selected values."""
        marks = ", ".join(["%s"] * len(values))
        if self.child is not None:
            table = self.child._meta.db_table
            return (
                f"EXISTS (SELECT 1 FROM {table} c WHERE c.page_id = m.page_id"  # noqa: S608
                f" AND c.code IN ({marks}))",
                list(values),
            )
        if self.column == "has_indicators":
            wanted = set(values)
            if len(wanted) == 1:
                return ("m.has_indicators" if wanted == {"yes"} else "NOT m.has_indicators"), []
            return "1 = 1", []
        if self.column == "start_year":
            return f"m.start_year IN ({marks})", [int(value) for value in values]
        return f"m.{self.column} IN ({marks})", list(values)

    def count_sql(self, where: str) -> str:
        """SQL counting the rows of ``f`` (matched set plus filter flags) per value."""
        if self.child is not None:
            table = self.child._meta.db_table
            return (
                f"SELECT '{self.name}', c.code, COUNT(DISTINCT c.page_id) FROM {table} c"  # noqa: S608
                f" WHERE c.page_id IN (SELECT f.page_id FROM f WHERE {where}) GROUP BY c.code"
            )
        if self.column == "has_indicators":
            value = "CASE WHEN f.has_indicators THEN 'yes' ELSE 'no' END"
        else:
            value = f"CAST(f.{self.column} AS TEXT)"
        # Names come from FACETS and the WHERE clause only names flags: nothing from the visitor.
        return f"SELECT '{self.name}', {value}, COUNT(*) FROM f WHERE {where} GROUP BY {value}"  # noqa: S608


def _child_facet(name, title, model, vocabulary) -> FacetSpec:
    codes = {term.code for term in vocabulary}

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
        options=options,
        child=model,
    )


_COUNTRIES = {code for code, _name in COUNTRY_CHOICES}
_STATUSES = dict(PracticePage.Status.choices)
_LANGUAGES = dict(settings.WAGTAIL_CONTENT_LANGUAGES)


def _clean_year(value: str) -> str | None:
    return value if value.isdigit() and int(value) in YEAR_RANGE else None


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
        options=lambda counts, selected: sorted(
            (
                (code, str(country_name(code)))
                for code in _COUNTRIES
                if counts.get(code) or code in selected
            ),
            key=lambda option: option[1].casefold(),
        ),
        column="country",
    ),
    _child_facet("theme", _("Theme"), PracticeTheme, THEMES),
    _child_facet("group", _("Target group"), PracticeTargetGroup, TARGET_GROUPS),
    _child_facet("gcm", _("GCM objective"), PracticeGcmObjective, GCM_OBJECTIVES),
    FacetSpec(
        name="status",
        label=_("Status"),
        clean=lambda value: value if value in _STATUSES else None,
        options=_listed(_STATUSES),
        column="status",
    ),
    FacetSpec(
        name="year",
        label=_("Start year"),
        clean=_clean_year,
        options=lambda counts, selected: [
            (year, year) for year in sorted(set(counts) | selected, reverse=True)
        ],
        column="start_year",
    ),
    FacetSpec(
        name="results",
        label=_("Results"),
        clean=lambda value: value if value in YES_NO else None,
        options=_listed(YES_NO),
        column="has_indicators",
    ),
    FacetSpec(
        name="language",
        label=_("Original language"),
        clean=lambda value: value if value in _LANGUAGES else None,
        options=_listed(_LANGUAGES),
        column="original_language",
    ),
]
FACETS_BY_NAME = {spec.name: spec for spec in FACETS}
# The columns of the matched set that the facet statement reads.
_MATCHED_COLUMNS = ["page_id", *(spec.column for spec in FACETS if spec.column)]


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
def _listed_entries(*, language: str) -> QuerySet[PracticeSearchEntry]:
    """The search entries of the practices a visitor reading ``language`` sees, one version each
    (see ``services.practice_listing_refresh``), without those under a view restriction (one
    query for those)."""
    entries = PracticeSearchEntry.objects.filter(listed_in__contains=listed_in_lookup(language))
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if restricted:
        private = Q()
        for path in restricted:
            private |= Q(page__path__startswith=path)
        entries = entries.exclude(private)
    return entries


def _text_query(query: str, *, prefix: str = "") -> SearchQuery:
    # Each entry is matched with the configuration of its own language (stemming + unaccent).
    return SearchQuery(query, config=F(f"{prefix}config"), search_type="websearch")


def _apply_query(entries: QuerySet, query: str) -> QuerySet:
    if not query:
        return entries
    if connection.vendor == "postgresql":
        # One condition per configuration (a constant query each), so that PostgreSQL uses the
        # GIN index instead of parsing the query again for every row with that row's config.
        match = Q()
        for config in SEARCH_CONFIG_NAMES:
            text = SearchQuery(query, config=config, search_type="websearch")
            match |= Q(config=config, search_vector=text)
        return entries.filter(match)
    for term in text_fold(query).split()[:QUERY_MAX_TERMS]:
        entries = entries.filter(folded_text__contains=term)
    return entries


def _apply_filters(entries: QuerySet, filters: dict[str, list[str]], *, skip: str = "") -> QuerySet:
    for name, values in filters.items():
        if name != skip:
            entries = FACETS_BY_NAME[name].apply(entries, values)
    return entries


def _ordered(queryset: QuerySet, *, sort: str, query: str, entry: str = "") -> QuerySet:
    """``queryset`` sorted; it holds search entries (``entry=""``) or the practice pages they
    belong to (``entry="search_entry__"``, the path from a page to its entry)."""
    newest = ("-first_published_at", "-page_id" if not entry else "-pk")
    if sort == "relevance" and query and connection.vendor == "postgresql":
        rank = SearchRank(F(f"{entry}search_vector"), _text_query(query, prefix=entry))
        return queryset.annotate(rank=rank).order_by("-rank", *newest)
    if sort == "most_viewed":
        views = PracticeViewCount.objects.filter(
            translation_key=OuterRef("translation_key")
        ).values("count")[:1]
        return queryset.annotate(views=Coalesce(Subquery(views), Value(0))).order_by(
            "-views", *newest
        )
    return queryset.order_by(*newest)


def _matching_entries(cleaned: PracticeSearchParams, *, language: str) -> tuple[QuerySet, QuerySet]:
    """(entries matching the text query, those also matching every filter)."""
    matched = _apply_query(_listed_entries(language=language), cleaned.query)
    return matched, _apply_filters(matched, cleaned.filters)


def practice_search_queryset(
    *, params: QueryDict, language: str
) -> tuple[QuerySet[PracticePage], PracticeSearchParams]:
    """The practices matching ``params`` in their display version for ``language``, sorted;
    used by every open output (feeds, exports, API)."""
    cleaned = practice_search_params(params=params)
    _matched, filtered = _matching_entries(cleaned, language=language)
    pages = _ordered(
        PracticePage.objects.filter(pk__in=filtered.values("page_id")),
        sort=cleaned.sort,
        query=cleaned.query,
        entry="search_entry__",
    )
    return pages.select_related("locale", "authority"), cleaned


def _facet_counts(
    matched: QuerySet, cleaned: PracticeSearchParams
) -> tuple[dict[str, dict[str, int]], int]:
    """Counts per value of every facet, plus the number of results, in one statement.

    The matched set (text query applied, no filter) is computed once as ``m``; ``f`` adds a flag
    per active filter; each facet then counts the rows that pass every *other* filter."""
    matched_sql, matched_params = (
        matched.order_by().values(*_MATCHED_COLUMNS).query.sql_with_params()
    )
    flags, flag_params = [], []
    for name, values in cleaned.filters.items():
        condition, params = FACETS_BY_NAME[name].condition(values)
        flags.append(f"({condition}) AS flag_{name}")
        flag_params.extend(params)

    def where(skip: str = "") -> str:
        parts = [f"f.flag_{name}" for name in cleaned.filters if name != skip]
        return " AND ".join(parts) or "1 = 1"

    branches = [spec.count_sql(where(spec.name)) for spec in FACETS]
    branches.append(f"SELECT '', '', COUNT(*) FROM f WHERE {where()}")  # noqa: S608
    columns = ", ".join(_MATCHED_COLUMNS)
    # Visitor input reaches this statement only as bound parameters (matched_params, flag_params).
    sql = (
        f"WITH m ({columns}) AS ({matched_sql}), "  # noqa: S608
        f"f AS (SELECT m.*{''.join(', ' + flag for flag in flags)} FROM m) "
        + " UNION ALL ".join(branches)
    )
    counts: dict[str, dict[str, int]] = {spec.name: {} for spec in FACETS}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, [*matched_params, *flag_params])
        for facet, code, number in cursor.fetchall():
            if not facet:
                total = number
            elif code not in ("", None):
                counts[facet][str(code)] = number
    return counts, total


def _facets(counts: dict[str, dict[str, int]], cleaned: PracticeSearchParams) -> list[Facet]:
    facets = []
    for spec in FACETS:
        selected = set(cleaned.filters.get(spec.name, []))
        facet_counts = counts[spec.name]
        options = []
        for code, option_label in spec.options(facet_counts, selected):
            options.append(
                FacetOption(
                    code=code,
                    label=option_label,
                    count=facet_counts.get(code, 0),
                    selected=code in selected,
                    facet=spec.name,
                    search=cleaned,
                )
            )
        facets.append(Facet(name=spec.name, label=str(spec.label), options=options))
    return facets


class _CountedPages:
    """What the paginator pages through: the sorted page ids, whose total is already known from
    the facet statement (so paginating costs no COUNT query)."""

    def __init__(self, ids: QuerySet, total: int) -> None:
        self.ids = ids
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[int]:
        return list(self.ids[window])


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


def _prepare(ids: list[int], *, language: str) -> list[PracticePage]:
    """The result cards' pages, in order, with what a card shows (three queries in all)."""
    if not ids:
        return []
    pages = (
        PracticePage.objects.filter(pk__in=ids)
        .select_related("locale", "authority")
        .only(*CARD_FIELDS)
    )
    by_id = {page.pk: page for page in pages}
    items = [by_id[pk] for pk in ids if pk in by_id]
    codes: dict[int, list[str]] = {}
    for row in PracticeTheme.objects.filter(page_id__in=ids).order_by("pk"):
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
    queries whatever the number of practices: view restrictions, the facet statement (counts
    and total), the page of ids, then the cards' pages, themes and addresses."""
    cleaned = practice_search_params(params=params)
    matched, filtered = _matching_entries(cleaned, language=language)
    counts, total = _facet_counts(matched, cleaned)
    ids = _ordered(filtered, sort=cleaned.sort, query=cleaned.query).values_list(
        "page_id", flat=True
    )
    page = Paginator(_CountedPages(ids, total), PAGE_SIZE).get_page(page_number)
    page.object_list = _prepare(list(page.object_list), language=language)
    facets = _facets(counts, cleaned)
    sort_options = [
        (code, str(name)) for code, name in SORTS.items() if code != "relevance" or cleaned.query
    ]
    return PracticeSearchResult(
        page=page,
        total=total,
        facets=facets,
        query=cleaned.query,
        sort=cleaned.sort,
        sort_options=sort_options,
        active_filters=_active_filters(facets),
        query_string=cleaned.encoded(),
    )
