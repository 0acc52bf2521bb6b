"""Finding practices: full-text search, facets with counts, sorting and pagination.

Every list of practices the public sees (the directory, feeds, exports, the JSON API) reads the
same GET parameters through this module, so a filtered view and its open outputs always agree:

    ?q=salud&country=MX&country=CO&theme=health&status=running&year=2023&results=yes
    &language=es&sort=newest&page=2

Within a facet the values are alternatives (OR); across facets they all apply (AND). Unknown
values are ignored. Each practice appears once, in the visitor's language when a live translation
exists, otherwise in its original language (flagged ``is_original_language_fallback``).

Facet counts follow the usual rule: the counts of a facet apply the query and every *other*
facet's filters, so a visitor sees how many results ticking one more value would add. The
directory filters, counts and orders on the worker's in-memory facet index
(``practice_search.finder``, bitmaps rebuilt after each publish); the open outputs filter
the search entries in SQL (``practice_search_queryset``) with the same ``FacetSpec`` values.
Both read the derived tables of ``practice_search``, never the page tree: the same handful
of queries for 10 or 10,000 practices.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.countries import COUNTRY_CHOICES, country_name
from network.inputs import integer_parse, text_clean, values_parse
from network.visibility import visible_q
from practice_search.finder import (
    CHILD_FACETS,
    COLUMN_FACETS,
    FinderSnapshot,
    LanguageIndex,
    finder_snapshot,
    set_positions,
    text_filtered,
    text_rank,
)
from practice_search.models import PracticeSearchEntry, PracticeViewCount
from practice_search.services import listed_in_lookup
from taxonomy.terms import GCM_OBJECTIVES, TARGET_GROUPS, THEMES, label

from .models import PracticePage

PAGE_SIZE = 20
QUERY_MAX_LENGTH = 200
YEAR_RANGE = range(1950, 2101)

SORTS = {
    "relevance": _("Best match"),
    "newest": _("Newest first"),
    "most_viewed": _("Most viewed"),
}
YES_NO = {"yes": _("With result indicators"), "no": _("Without result indicators")}


# -- Results ------------------------------------------------------------------------------------
def practice_count_label(count: int) -> str:
    """ "1 practice", "12 practices"... in the active language."""
    return _count_label(translation.get_language(), count)


@lru_cache(maxsize=2048)
def _count_label(language: str, count: int) -> str:
    # The same few numbers recur on every page: translate each once per language.
    return ngettext("%(counter)s practice", "%(counter)s practices", count) % {"counter": count}


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
        return practice_count_label(self.count)


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
    page: PaginatorPage  # object_list: PracticeCard, each in the version listed for the visitor
    total: int
    facets: list[Facet]
    query: str
    sort: str
    sort_options: list[tuple[str, str]]
    active_filters: list[ActiveFilter]
    query_string: str  # the current filters, query and sort, to append to other addresses

    @property
    def items(self) -> list["PracticeCard"]:
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
    year = integer_parse(value, minimum=YEAR_RANGE.start, maximum=YEAR_RANGE.stop - 1)
    return None if year is None else str(year)


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
        column=COLUMN_FACETS["country"],
    ),
    _child_facet("theme", _("Theme"), CHILD_FACETS["theme"], THEMES),
    _child_facet("group", _("Target group"), CHILD_FACETS["group"], TARGET_GROUPS),
    _child_facet("gcm", _("GCM objective"), CHILD_FACETS["gcm"], GCM_OBJECTIVES),
    FacetSpec(
        name="status",
        label=_("Status"),
        clean=lambda value: value if value in _STATUSES else None,
        options=_listed(_STATUSES),
        column=COLUMN_FACETS["status"],
    ),
    FacetSpec(
        name="year",
        label=_("Start year"),
        clean=_clean_year,
        options=lambda counts, selected: [
            (year, year) for year in sorted(set(counts) | selected, reverse=True)
        ],
        column=COLUMN_FACETS["year"],
    ),
    FacetSpec(
        name="results",
        label=_("Results"),
        clean=lambda value: value if value in YES_NO else None,
        options=_listed(YES_NO),
        column=COLUMN_FACETS["results"],
    ),
    FacetSpec(
        name="language",
        label=_("Original language"),
        clean=lambda value: value if value in _LANGUAGES else None,
        options=_listed(_LANGUAGES),
        column=COLUMN_FACETS["language"],
    ),
]
FACETS_BY_NAME = {spec.name: spec for spec in FACETS}


# -- Reading parameters -------------------------------------------------------------------------
def _default_sort(query: str) -> str:
    return "relevance" if query else "newest"


def practice_search_params(*, params: QueryDict) -> PracticeSearchParams:
    """Keep the known values of ``params`` (deduplicated, in order, a bounded number per facet);
    drop everything else, NUL and other control characters in the query included."""
    filters: dict[str, list[str]] = {}
    for spec in FACETS:
        values = values_parse(params, spec.name, clean=spec.clean)
        if values:
            filters[spec.name] = values
    query = text_clean(params.get("q", ""), max_length=QUERY_MAX_LENGTH)
    sort = str(params.get("sort", ""))
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = _default_sort(query)
    return PracticeSearchParams(filters=filters, query=query, sort=sort)


# -- Querying -----------------------------------------------------------------------------------
def _listed_entries(*, language: str) -> QuerySet[PracticeSearchEntry]:
    """The search entries of the practices a visitor reading ``language`` sees, one version each
    (see ``services.practice_listing_refresh``), of the practices anyone may see
    (``network.visibility``: the directory and its outputs are shared by every visitor)."""
    return PracticeSearchEntry.objects.filter(
        visible_q(prefix="page__"), listed_in__contains=listed_in_lookup(language)
    )


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
        return queryset.annotate(rank=text_rank(query, prefix=entry)).order_by("-rank", *newest)
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
    matched = text_filtered(_listed_entries(language=language), cleaned.query)
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


@dataclass(frozen=True)
class PracticeCard:
    """What a result card shows of one practice, in the version listed for the visitor."""

    page_id: int
    title: str
    listing_url: str
    summary: str
    place: str
    country_label: str
    language_code: str
    theme_labels: list[str]
    is_illustrative: bool
    is_original_language_fallback: bool


class _OrderedResults:
    """The positions (in the language index) of the results, in the chosen order, computed only
    as far as the requested page: what the paginator pages through."""

    def __init__(self, order: Iterable[int] | None, bitmap: int, total: int) -> None:
        self.order = order  # None: newest first, the order of the bits
        self.bitmap = bitmap
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[int]:
        if self.order is None:
            ordered = set_positions(self.bitmap)
        else:
            bits = bin(self.bitmap)[:1:-1]
            size = len(bits)
            ordered = (p for p in self.order if p < size and bits[p] == "1")
        return list(islice(ordered, window.start, window.stop))


def _order(
    index: LanguageIndex, cleaned: PracticeSearchParams, matches: tuple[int, ...] | None
) -> Iterable[int] | None:
    if cleaned.sort == "most_viewed":
        return index.most_viewed()
    if cleaned.sort == "relevance" and matches is not None and connection.vendor == "postgresql":
        positions = index.positions
        return (positions[page_id] for page_id in matches if page_id in positions)
    return None


def practice_cards(
    positions: Iterable[int], *, index: LanguageIndex, snapshot: FinderSnapshot, language: str
) -> list[PracticeCard]:
    """The cards of the practices at ``positions`` of ``index``, from the snapshot (no query)."""
    cards = []
    for position in positions:
        page_id = index.page_ids[position]
        facts = snapshot.cards[page_id]
        directory = snapshot.directory_urls.get((language, facts.parent_path))
        cards.append(
            PracticeCard(
                page_id=page_id,
                title=facts.title,
                listing_url=f"{directory}{facts.slug}/" if directory else "",
                summary=facts.summary,
                place=facts.place,
                country_label=country_name(facts.country) if facts.country else "",
                language_code=facts.language,
                theme_labels=[label(THEMES, c) for c in snapshot.theme_codes.get(page_id, [])],
                is_illustrative=facts.is_illustrative,
                is_original_language_fallback=facts.language != language,
            )
        )
    return cards


def _text_matches(
    cleaned: PracticeSearchParams, snapshot: FinderSnapshot
) -> tuple[int, ...] | None:
    """The ids of the entries matching the search words, best first (None without words)."""
    return snapshot.text_matches(cleaned.query) if cleaned.query else None


def _counted(
    cleaned: PracticeSearchParams, *, index: LanguageIndex, matches: tuple[int, ...] | None
) -> tuple[dict[str, dict[str, int]], int]:
    """(the counts of every facet's values, the bitmap of the results)."""
    matched = index.everything if matches is None else index.bitmap_of(matches)
    selected = {name: index.selection(name, values) for name, values in cleaned.filters.items()}
    counts: dict[str, dict[str, int]] = {}
    for spec in FACETS:
        # A facet's counts apply the query and every *other* facet's filters.
        base = matched
        for name, bitmap in selected.items():
            if name != spec.name:
                base &= bitmap
        counts[spec.name] = {
            code: number
            for code, bitmap in index.values.get(spec.name, {}).items()
            if (number := (base & bitmap).bit_count())
        }
    results = matched
    for bitmap in selected.values():
        results &= bitmap
    return counts, results


def practice_country_counts(
    *, params: QueryDict, language: str
) -> tuple[dict[str, int], PracticeSearchParams]:
    """How many practices match ``params`` in each country, ignoring the country filter itself
    (the counts of the Country facet), with the cleaned parameters."""
    cleaned = practice_search_params(params=params)
    snapshot = finder_snapshot()
    counts, _results = _counted(
        cleaned, index=snapshot.index(language), matches=_text_matches(cleaned, snapshot)
    )
    return counts["country"], cleaned


def practice_search(
    *, params: QueryDict, language: str, page_number: int | str = 1
) -> PracticeSearchResult:
    """One page (20) of the practices matching ``params``, with facet counts for the current
    result set, the active filters and the addresses that change them.

    Filtering, counting and the newest-first order run on this worker's in-memory facet index
    (``searchindex.finder``), which also holds what the cards show; the database answers the
    index's freshness check and the text match of words not seen since the last publish: at
    most two queries, whatever the number of practices."""
    cleaned = practice_search_params(params=params)
    snapshot = finder_snapshot()
    index = snapshot.index(language)
    matches = _text_matches(cleaned, snapshot)
    counts, results = _counted(cleaned, index=index, matches=matches)
    total = results.bit_count()
    ordered = _OrderedResults(_order(index, cleaned, matches), results, total)
    page = Paginator(ordered, PAGE_SIZE).get_page(page_number)
    page.object_list = practice_cards(
        list(page.object_list), index=index, snapshot=snapshot, language=language
    )
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
