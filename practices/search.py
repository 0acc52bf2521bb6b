"""The one search path of practices: filters, visibility, order, facet counts and pages.

Every list of practices the public sees (the directory, the map, the latest and related
practices, feeds, CSV/XLSX exports, the JSON API) gets its practices from this module, so a
filtered view and its open outputs always agree:

    ?q=salud&country=MX&country=CO&theme=health&status=running&year=2023&results=yes
    &language=es&sort=newest&page=2

Within a facet the values are alternatives (OR); across facets they all apply (AND). Unknown
values are ignored. Each practice appears once, in the visitor's language when a live translation
exists, otherwise in its original language (flagged ``is_original_language_fallback``).

This module alone decides
- which practices a visitor may see (``_listed_entries``: the listed version for the language,
  nothing under a view restriction),
- how a filter applies (the ``FacetSpec`` table),
- the order (``_ordered``: newest, most viewed, best match).

Everything runs in SQL over the narrow ``PracticeSearchEntry`` table (per-language GIN index on
PostgreSQL, an FTS5 table beside it on SQLite): there is no per-process copy of the practices.
Words find the practices holding any of them, those holding all of them first (``_text_match``).
Facet counts follow the usual rule (a facet's counts apply the query and every *other* facet's
filters); they are assembled from counting units (see ``_counted``) kept in the shared Django
cache under a key made of the search generation token (changed in the transaction of every
publish, unpublish, restriction or move), the language, the folded query and one set of
filters, with an expiry; the units missing are counted from compressed bitmaps of the entries
holding each facet value, also kept in the shared cache under the token (``_sets``). "Most
viewed" reads the entries' ``views``, which only the scheduled ranking task writes
(``practice_search.services.practice_views_rank``): every worker and node orders alike.
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from pyroaring import BitMap, FrozenBitMap
from wagtail.models import Page

from base.localization import page_urls_in_language
from network.countries import COUNTRY_CHOICES, countries_sorted, country_name
from network.inputs import integer_parse, text_clean, text_fold, values_parse
from network.search_text import TextMatch, search_terms
from network.visibility import visible_id_q
from practice_search.models import PracticeSearchEntry, PracticeSearchGeneration
from practice_search.services import SEARCH_TEXT_TABLE, delimited_lookup, delimited_values
from taxonomy.terms import GCM_OBJECTIVES, TARGET_GROUPS, THEMES, label

from .models import (
    PracticeGcmObjective,
    PracticeIndexPage,
    PracticePage,
    PracticeTargetGroup,
    PracticeTheme,
)

T = TypeVar("T")

PAGE_SIZE = 20
CACHE_VERSION = "v2"  # change when what the cache keeps changes shape or meaning
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

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)

    @property
    def is_open(self) -> bool:
        """Whether the facet's group starts open: the first ones, and any with a value ticked."""
        return self.name in OPEN_FACETS or bool(self.selected_count)


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
        query = overrides.get("query", self.query)
        if query:
            pairs.append(("q", query))
        filters = overrides.get("filters", self.filters)
        for spec in FACETS:
            pairs.extend((spec.name, value) for value in filters.get(spec.name, []))
        sort = overrides.get("sort", self.sort)
        if sort != _default_sort(query) and (sort != "relevance" or query):
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
    params: PracticeSearchParams | None = None  # what was asked, cleaned

    @property
    def items(self) -> list["PracticeCard"]:
        return list(self.page.object_list)

    @property
    def query_suffix(self) -> str:
        """``?`` and the current filters, query and sort, or nothing: for other addresses."""
        return f"?{self.query_string}" if self.query_string else ""

    @property
    def suggestions(self) -> list[tuple[str, str]]:
        """When nothing is found, (what to try, its address relative to the directory): the
        words without the filters, the filters without the words. (No word alone is offered:
        a practice holding any of the words is found already.)"""
        params = self.params
        if params is None or self.total or not (params.query and params.filters):
            return []
        return [
            (
                _("“%(words)s” without filters") % {"words": params.query},
                f"?{params.encoded(filters={})}",
            ),
            (_("These filters without words"), f"?{params.encoded(query='')}"),
        ]


# -- Facets -------------------------------------------------------------------------------------
# A facet reads one column of the search entry (country, status...) or the classification codes
# copied onto it as ",health,housing," (themes, target groups, GCM objectives; the classification
# tables keyed by page hold the same codes). From that, it knows how to filter the ORM queryset
# of entries (``match``, used by every output) and which of its values an entry holds (``source``
# and ``held``, from which the counting sets are built); a filter keeps the entries holding one of
# its values, in SQL and in the sets alike (tests/practices/test_search_path.py). Only names
# from FACETS and table names are formatted into that SQL; what a visitor sends is always a
# bound parameter.
@dataclass(frozen=True)
class FacetSpec:
    name: str
    label: object
    clean: Callable[[str], str | None]
    options: Callable[[dict[str, int], set[str]], list[tuple[str, str]]]
    column: str = ""  # a column of PracticeSearchEntry...
    child: type | None = None  # ...or a classification model with page_id and code,
    codes: str = ""  # whose codes the entry keeps in this column

    def match(self, values: list[str]) -> Q:
        """The entries holding one of ``values`` (the one definition of this filter)."""
        if self.codes:
            match = Q()
            for value in values:
                match |= Q(**{f"{self.codes}__contains": delimited_lookup(value)})
            return match
        if self.column == "has_indicators":
            wanted = set(values)
            return Q(has_indicators=wanted == {"yes"}) if len(wanted) == 1 else Q()
        if self.column == "start_year":
            return Q(start_year__in=[int(value) for value in values])
        return Q(**{f"{self.column}__in": values})

    @property
    def source(self) -> str:
        """The entry column this facet counts."""
        return self.codes or self.column

    def held(self, value) -> list[str]:
        """The values of this facet that an entry holds, given its ``source`` column read as
        text: the codes of ",health,housing,", "yes" or "no" for the indicators, the year..."""
        if self.codes:
            return delimited_values(value)
        if self.column == "has_indicators":
            # The column read as text: "true"/"false" (PostgreSQL) or "1"/"0" (SQLite).
            return ["yes" if str(value).lower() in {"true", "1"} else "no"]
        return [] if value in ("", None) else [str(value)]


def _child_facet(name, title, model, vocabulary, column) -> FacetSpec:
    known = {term.code for term in vocabulary}

    def options(counts, selected):
        return [
            (term.code, str(term.label))
            for term in vocabulary
            if counts.get(term.code) or term.code in selected
        ]

    return FacetSpec(
        name=name,
        label=title,
        clean=lambda value: value if value in known else None,
        options=options,
        child=model,
        codes=column,
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
        options=lambda counts, selected: countries_sorted(
            code for code in _COUNTRIES if counts.get(code) or code in selected
        ),
        column="country",
    ),
    _child_facet("theme", _("Theme"), PracticeTheme, THEMES, "theme_codes"),
    _child_facet("group", _("Target group"), PracticeTargetGroup, TARGET_GROUPS, "group_codes"),
    _child_facet("gcm", _("GCM objective"), PracticeGcmObjective, GCM_OBJECTIVES, "gcm_codes"),
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
# The facets whose group starts open (the others open when a value is ticked, or on demand).
OPEN_FACETS = {"country", "theme"}


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


# -- Visibility ---------------------------------------------------------------------------------
def _listed_entries(*, language: str) -> QuerySet[PracticeSearchEntry]:
    """The search entries of the practices a visitor reading ``language`` sees, one version each
    (see ``services.practice_listing_refresh``), of the practices anyone may see
    (``network.visibility``: the directory and its outputs are shared by every visitor)."""
    return PracticeSearchEntry.objects.filter(
        visible_id_q(field="page_id"), listed_in__contains=delimited_lookup(language)
    )


# -- Text matching ------------------------------------------------------------------------------
# A practice matches a query when it holds any of the query's terms (``network.search_text``:
# stop words dropped, accents and case folded), and "best match" puts those holding all of them
# first: the rank is the number of terms held plus a relevance below 1 (PostgreSQL's ``ts_rank``
# of title, summary and body, normalised to rank / (rank + 1); SQLite's ``bm25`` likewise). One
# expression decides both the match (the list, the facet counts and the result count all filter
# with it, through ``_text_filtered``) and the rank.
# How much more a word of the title or summary counts than one of the body, in SQLite's bm25
# (PostgreSQL weighs its A and B labels 1.0 and 0.4).
HEADING_WEIGHT = 2.5


def _text_match(terms: list[str], *, rank: bool, prefix: str = "") -> TextMatch:
    """An entry's match of the terms of a query, or its rank (``network.search_text.TextMatch``:
    its language's configuration on PostgreSQL; on SQLite the entry's page id in the FTS5 table
    ``practice_search.services.SEARCH_TEXT_TABLE``)."""
    return TextMatch(
        terms,
        rank=rank,
        config=F(f"{prefix}config"),
        vector=F(f"{prefix}search_vector"),
        rowid=F(f"{prefix}page_id"),
        fts_table=SEARCH_TEXT_TABLE,
        heading_weight=HEADING_WEIGHT,
    )


def _text_filtered(entries: QuerySet, query: str) -> QuerySet:
    """The search entries among ``entries`` that match ``query`` (all of them without one;
    none when it holds no word but stop words). The one definition of a text match: the list,
    the facet counts and the result count all read it."""
    if not query:
        return entries
    terms = search_terms(query)
    if not terms:
        return entries.none()
    return entries.filter(_text_match(terms, rank=False))


# -- Filters and order --------------------------------------------------------------------------
def _apply_filters(entries: QuerySet, filters: dict[str, list[str]], *, skip: str = "") -> QuerySet:
    for name, values in filters.items():
        if name != skip:
            entries = entries.filter(FACETS_BY_NAME[name].match(values))
    return entries


def _ordered(queryset: QuerySet, *, sort: str, query: str, entry: str = "") -> QuerySet:
    """``queryset`` sorted; it holds search entries (``entry=""``) or the practice pages they
    belong to (``entry="search_entry__"``, the path from a page to its entry). Ties always end
    newest first, then by page id, so that pages never repeat or skip a practice."""
    # Live entries always have a first publication date (index practice_search_newest).
    newest = (f"-{entry}first_published_at", f"-{entry}page_id")
    terms = search_terms(query) if sort == "relevance" else []
    if terms:
        rank = _text_match(terms, rank=True, prefix=entry)
        return queryset.annotate(rank=rank).order_by("-rank", *newest)
    if sort == "most_viewed":
        # Copied onto the entries only by the scheduled ranking task: one order for every worker
        # and node.
        return queryset.order_by(f"-{entry}views", *newest)
    return queryset.order_by(*newest)


def _filtered_entries(cleaned: PracticeSearchParams, *, language: str) -> QuerySet:
    """The entries matching the text query and every filter."""
    return _apply_filters(
        _text_filtered(_listed_entries(language=language), cleaned.query), cleaned.filters
    )


def practice_search_queryset(
    *, params: QueryDict, language: str, sort: str = ""
) -> tuple[QuerySet[PracticePage], PracticeSearchParams]:
    """The practices matching ``params`` in their display version for ``language``, sorted as
    asked (or by ``sort`` when given: feeds are always newest first); used by every open output
    (feeds, exports, API)."""
    cleaned = practice_search_params(params=params)
    filtered = _filtered_entries(cleaned, language=language)
    pages = _ordered(
        PracticePage.objects.filter(pk__in=filtered.values("page_id")),
        sort=sort or cleaned.sort,
        query=cleaned.query,
        entry="search_entry__",
    )
    return pages.select_related("locale", "authority"), cleaned


# -- Facet counts (shared cache) ----------------------------------------------------------------
def _search_token() -> str | None:
    """The search generation token: it changes, in the same transaction, with every change to
    the entries or to what hides them. One indexed single-row query."""
    return PracticeSearchGeneration.objects.filter(pk=1).values_list("token", flat=True).first()


def _cache_key(kind: str, token: str, language: str, detail: str) -> str:
    digest = hashlib.sha256(detail.encode()).hexdigest()[:32]
    return f"practices:search:{CACHE_VERSION}:{kind}:{token}:{language}:{digest}"


# What a search read from the shared cache in one round-trip, by key (None: not there).
Fetched = dict[str, object]


def _fetched(keys: Iterable[str | None]) -> Fetched:
    """Read ``keys`` (None ones skipped) in one round-trip."""
    wanted = [key for key in keys if key is not None]
    found = cache.get_many(wanted) if wanted else {}
    return {key: found.get(key) for key in wanted}


def _cached(
    key: str | None,
    build: Callable[[], T],
    *,
    seconds: int | None = None,
    fetched: Fetched | None = None,
) -> T:
    """``build()``, kept in the shared cache under ``key`` (None: not cacheable) for ``seconds``
    (default ``PRACTICE_SEARCH_CACHE_SECONDS``); read from ``fetched`` when it was read already.
    A cache that is down answers as a miss (``network.redis_cache``), so the value is then
    computed."""
    if key is None:
        return build()
    found = fetched[key] if fetched is not None and key in fetched else cache.get(key)
    if found is not None:
        return found
    value = build()
    cache.set(key, value, seconds or settings.PRACTICE_SEARCH_CACHE_SECONDS)
    return value


# Facet counts follow the usual rule: the counts of a facet apply the text query and every *other*
# facet's filters. They are assembled from "units": the counts of every facet value among the
# entries that match the query and one set of filters, plus their number. A search with filters
# F reads its results' number and its unselected facets from the unit of F, and each selected
# facet X from the unit of F without X. Units are what the shared cache keeps, so one unit serves
# many searches: every sort and page, every search that lifts the same filter, and the unit
# without filters serves each search with one filter. The units a search lacks are counted from
# the sets (``_units_count``): no statement runs over the entries but the text search's own.
Unit = tuple[dict[str, dict[str, int]], int]


def _unit_filters(cleaned: PracticeSearchParams, *, without: str = "") -> dict[str, list[str]]:
    return {name: sorted(values) for name, values in cleaned.filters.items() if name != without}


# The sets counting reads: for each language, the entries listed in it that anyone may see; for
# each facet value, the entries holding it. Each is a compressed bitmap of page ids (pyroaring,
# CRoaring's bindings), built in one read of the entries and kept in the shared cache under the
# generation token, so every worker and node counts from the same sets and a change is counted
# the moment it commits.
@dataclass(frozen=True)
class _Sets:
    listed: dict[str, BitMap]  # language -> entries listed in it, visible to everyone
    values: dict[str, dict[str, BitMap]]  # facet -> value -> entries holding it


def _sets_build() -> dict[str, bytes]:
    """The sets, serialised, from one statement: the visible entries grouped by each counted
    column in turn (and by the languages listing them), with the ids of each group, so that the
    database does the grouping and Python only turns each group's ids into a bitmap."""
    sources = ["listed_in", *(spec.source for spec in FACETS)]
    entries_sql, params = (
        PracticeSearchEntry.objects.filter(visible_id_q(field="page_id"))
        .order_by()
        .values("page_id", *sources)
        .query.sql_with_params()
    )
    ids = (
        "string_agg(CAST(e.page_id AS text), ',')"
        if connection.vendor == "postgresql"
        else "group_concat(e.page_id)"
    )
    # Only column names from FACETS are formatted in; parameters stay bound.
    groups = " UNION ALL ".join(
        f"SELECT {index}, CAST(e.{source} AS text), {ids} FROM e GROUP BY e.{source}"  # noqa: S608
        for index, source in enumerate(sources)
    )
    statement = f"WITH e AS ({entries_sql}) {groups}"
    parts: dict[str, list[BitMap]] = {}
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for index, value, members in cursor.fetchall():
            group = BitMap(map(int, str(members).split(",")))
            if index == 0:
                names = [f"listed:{code}" for code in delimited_values(value)]
            else:
                spec = FACETS[index - 1]
                names = [f"{spec.name}:{held}" for held in spec.held(value)]
            for name in names:
                parts.setdefault(name, []).append(group)
    return {name: BitMap.union(*groups).serialize() for name, groups in parts.items()}


def _sets_serialised(token: str | None) -> dict[str, bytes]:
    """The sets of ``token``, serialised: from the shared cache, where the task run after every
    change of the token (``facet_sets_warm``) puts them; built here only when it has not yet (or
    the cache lost them: ~50 ms at 10,000 practices, ~450 ms at 100,000)."""
    key = None if token is None else _cache_key("sets", token, "", "")
    return _cached(key, _sets_build, seconds=settings.PRACTICE_SEARCH_SETS_SECONDS)


# The sets of the latest token this process read, deserialised: (token, sets). Keyed by the
# token that every search reads from the database, so a process never counts from sets older
# than the entries (a change replaces the token in the same transaction); the one copy is
# replaced when the token changes, so it holds ~0.3 MB at 10,000 practices, ~1.3 MB at 100,000.
# It spares every search the transfer and decoding of the sets (about a millisecond at 10,000,
# several at 100,000). This is the one per-process copy the search keeps: see the practices
# section of docs/architecture.md.
_sets_latest: tuple[str, _Sets] | None = None


def _sets(token: str | None) -> _Sets:
    global _sets_latest  # one reference, replaced whole: safe across threads
    latest = _sets_latest
    if token is not None and latest is not None and latest[0] == token:
        return latest[1]
    listed: dict[str, BitMap] = {}
    values: dict[str, dict[str, BitMap]] = {spec.name: {} for spec in FACETS}
    for name, data in _sets_serialised(token).items():
        kind, _colon, value = name.partition(":")
        bitmap = FrozenBitMap.deserialize(data)
        if kind == "listed":
            listed[value] = bitmap
        else:
            values[kind][value] = bitmap
    sets = _Sets(listed=listed, values=values)
    if token is not None:
        _sets_latest = (token, sets)
    return sets


def facet_sets_warm() -> None:
    """Build the counting sets of the current generation token into the shared cache, unless
    they are there already (idempotent; run by a task after every change of the token, so that
    visitors find them built)."""
    token = _search_token()
    if token is not None:
        _sets_serialised(token)


def _text_key(query: str, *, language: str, token: str | None) -> str | None:
    if not query or token is None:
        return None
    return _cache_key("text", token, language, _query_key(query))


def _matched_set(
    query: str, *, language: str, sets: _Sets, token: str | None, fetched: Fetched | None = None
) -> BitMap:
    """The entries a visitor reading ``language`` sees that match ``query``: the language's
    listed set, narrowed by the text search (the database's index) when there is a query."""
    listed = sets.listed.get(language, BitMap())
    if not query:
        return listed

    def build() -> bytes:
        entries = PracticeSearchEntry.objects.filter(listed_in__contains=delimited_lookup(language))
        return BitMap(_text_filtered(entries, query).values_list("page_id", flat=True)).serialize()

    key = _text_key(query, language=language, token=token)
    return listed & BitMap.deserialize(_cached(key, build, fetched=fetched))


def _units_count(
    matched: BitMap, sets: _Sets, filters: dict[str, list[str]], wanted: list[list[str]]
) -> list[Unit]:
    """The unit of each set of facet names in ``wanted`` (each applying those of ``filters``)
    among ``matched``: a filter keeps the entries holding one of its values (the union of their
    sets, as ``FacetSpec.match`` says in SQL), and a value's count is the size of its set's
    intersection with what the filters keep."""
    kept = {
        name: BitMap.union(*(sets.values[name].get(value, BitMap()) for value in values))
        for name, values in filters.items()
    }
    units: list[Unit] = []
    for unit in wanted:
        base = matched
        for name in unit:
            base = base & kept[name]
        counts = {
            spec.name: {
                value: number
                for value, members in sets.values[spec.name].items()
                if (number := base.intersection_cardinality(members))
            }
            for spec in FACETS
        }
        units.append((counts, len(base)))
    return units


def _query_key(query: str) -> str:
    # Every configuration folds case and accents: "Migración" and "migracion" match alike.
    return " ".join(text_fold(query).split())


def _units_needed(cleaned: PracticeSearchParams) -> dict[str, dict[str, list[str]]]:
    # A unit is named by the facets it filters on (all of them share the search's values).
    needed = {"": _unit_filters(cleaned)}
    for name in cleaned.filters:
        needed[name] = _unit_filters(cleaned, without=name)
    return needed


def _unit_keys(
    cleaned: PracticeSearchParams, *, language: str, token: str | None
) -> dict[str, str]:
    if token is None:
        return {}
    query = _query_key(cleaned.query)
    return {
        name: _cache_key("unit", token, language, json.dumps([query, filters], sort_keys=True))
        for name, filters in _units_needed(cleaned).items()
    }


def _counted(
    cleaned: PracticeSearchParams,
    *,
    language: str,
    token: str | None,
    fetched: Fetched | None = None,
) -> tuple[dict[str, dict[str, int]], int]:
    """(the counts of every facet's values, the number of results among ``matched``), assembled
    from the units in the shared cache (read now, or already in ``fetched``) and those counted
    now (which the cache then keeps)."""
    needed = _units_needed(cleaned)
    keys = _unit_keys(cleaned, language=language, token=token)
    if fetched is None:
        fetched = _fetched(keys.values())
    units: dict[str, Unit] = {
        name: fetched[key] for name, key in keys.items() if fetched.get(key) is not None
    }
    missing = [name for name in needed if name not in units]  # each a different set of filters
    if missing:
        sets = _sets(token)
        matched = _matched_set(
            cleaned.query, language=language, sets=sets, token=token, fetched=fetched
        )
        wanted = [list(needed[name]) for name in missing]
        counted = _units_count(matched, sets, cleaned.filters, wanted)
        units.update(zip(missing, counted, strict=True))
        fresh = {keys[name]: units[name] for name in missing if name in keys}
        if fresh:
            cache.set_many(fresh, settings.PRACTICE_SEARCH_CACHE_SECONDS)
    counts, total = units[""]
    assembled = {
        spec.name: units[spec.name][0][spec.name] if spec.name in units else counts[spec.name]
        for spec in FACETS
    }
    return assembled, total


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


# -- Result cards -------------------------------------------------------------------------------
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
    # In the vocabulary's order.
    theme_codes: tuple[str, ...]
    is_illustrative: bool
    is_original_language_fallback: bool
    # The practice across its language versions (what an editor's choice is matched on).
    translation_key: object = None

    @property
    def theme_labels(self) -> list[str]:
        """The themes' names, in the active language."""
        return [label(THEMES, code) for code in self.theme_codes]


# What a card shows, all copied onto the search entry: a page of results is one read.
_CARD_FIELDS = (
    "page_id",
    "language",
    "country",
    "path",
    "title",
    "slug",
    "summary",
    "place",
    "is_illustrative",
    "theme_codes",
    "translation_key",
)
# Themes on a card in the vocabulary's order.
_THEME_ORDER = {term.code: index for index, term in enumerate(THEMES)}


def _directories_key(*, language: str, token: str | None) -> str | None:
    return None if token is None else _cache_key("directories", token, language, "")


def _directory_urls(
    *, language: str, token: str | None, fetched: Fetched | None = None
) -> dict[str, str]:
    """The address, for a visitor reading ``language``, of every practice directory (a handful
    of pages) by tree path; kept in the shared cache until the entries or a directory change."""

    def build() -> dict[str, str]:
        parents = list(PracticeIndexPage.objects.select_related("locale"))
        urls = page_urls_in_language(parents, language=language)
        return {parent.path: urls[parent.pk] for parent in parents if urls.get(parent.pk)}

    return _cached(_directories_key(language=language, token=token), build, fetched=fetched)


def _cards(
    entries: QuerySet, *, language: str, token: str | None = None, fetched: Fetched | None = None
) -> list[PracticeCard]:
    """The cards of ``entries`` (an ordered, sliced queryset of search entries), in order: one
    query on the entries alone (each keeps what its card shows, so sorting never joins the page
    tables); the directory addresses come from the shared cache."""
    rows = list(entries.values(*_CARD_FIELDS))
    if not rows:
        return []
    directories = _directory_urls(language=language, token=token, fetched=fetched)
    cards = []
    for row in rows:
        directory = directories.get(row["path"][: -Page.steplen])
        codes = sorted(
            delimited_values(row["theme_codes"]),
            key=lambda code: _THEME_ORDER.get(code, len(_THEME_ORDER)),
        )
        cards.append(
            PracticeCard(
                page_id=row["page_id"],
                title=row["title"],
                listing_url=f"{directory}{row['slug']}/" if directory else "",
                summary=row["summary"],
                place=row["place"],
                country_label=country_name(row["country"]) if row["country"] else "",
                language_code=row["language"],
                theme_codes=tuple(codes),
                is_illustrative=row["is_illustrative"],
                is_original_language_fallback=row["language"] != language,
                translation_key=row["translation_key"],
            )
        )
    return cards


class _CountedEntries:
    """What the paginator pages through: the sorted entries, whose total is already known from
    the facet counts (so paginating costs no COUNT query); a page is one LIMIT/OFFSET read."""

    def __init__(
        self,
        entries: QuerySet,
        total: int,
        *,
        language: str,
        token: str | None,
        fetched: Fetched | None = None,
    ):
        self.entries = entries
        self.total = total
        self.language = language
        self.token = token
        self.fetched = fetched

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[PracticeCard]:
        return _cards(
            self.entries[window], language=self.language, token=self.token, fetched=self.fetched
        )


# -- Entry points -------------------------------------------------------------------------------
def practice_country_counts(
    *, params: QueryDict, language: str
) -> tuple[dict[str, int], PracticeSearchParams]:
    """How many practices match ``params`` in each country, ignoring the country filter itself
    (the counts of the Country facet), with the cleaned parameters (the map)."""
    cleaned = practice_search_params(params=params)
    counts, _total = _counted(cleaned, language=language, token=_search_token())
    return counts["country"], cleaned


def practice_search(
    *, params: QueryDict, language: str, page_number: int | str = 1
) -> PracticeSearchResult:
    """One page (20) of the practices matching ``params``, with facet counts for the current
    result set, the active filters and the addresses that change them (the directory).

    Queries: the generation token, the text search's matches when the shared cache has
    neither the counts nor those matches, the ids of the page (LIMIT/OFFSET) and what their
    cards show: the same number for 10 or 100,000 practices."""
    cleaned = practice_search_params(params=params)
    token = _search_token()
    # Everything the search may find in the shared cache, in one round-trip: its units, the
    # text search's matches and the directories' addresses.
    fetched = _fetched(
        [
            *_unit_keys(cleaned, language=language, token=token).values(),
            _text_key(cleaned.query, language=language, token=token),
            _directories_key(language=language, token=token),
        ]
    )
    counts, total = _counted(cleaned, language=language, token=token, fetched=fetched)
    filtered = _filtered_entries(cleaned, language=language)
    ordered = _ordered(filtered, sort=cleaned.sort, query=cleaned.query)
    entries = _CountedEntries(ordered, total, language=language, token=token, fetched=fetched)
    page = Paginator(entries, PAGE_SIZE).get_page(page_number)
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
        params=cleaned,
    )


def practices_latest(*, roots: Iterable[str], language: str, limit: int) -> list[PracticeCard]:
    """The ``limit`` most recently published practices under the pages at ``roots`` (tree
    paths), each in the version listed for ``language``."""
    under = Q()
    for root in roots:
        under |= Q(page__path__startswith=root)
    if not under:
        return []
    entries = _ordered(_listed_entries(language=language).filter(under), sort="newest", query="")
    return _cards(entries[:limit], language=language, token=_search_token())


def practices_of_authority(*, authority_id: int, language: str, limit: int) -> list[PracticeCard]:
    """The ``limit`` most recently published practices of the member authority
    ``authority_id`` that anyone may see, each in the version listed for ``language``."""
    entries = _listed_entries(language=language).filter(page__authority_id=authority_id)
    entries = _ordered(entries, sort="newest", query="")
    return _cards(entries[:limit], language=language, token=_search_token())


def practices_sharing(
    *, codes: dict[str, list[str]], exclude_key, language: str, limit: int
) -> list[PracticeCard]:
    """The practices sharing the most of ``codes`` (facet name -> codes, classification facets
    only), then the newest, the practice with translation key ``exclude_key`` left out."""
    score = Value(0)
    having = Q()
    for name, facet_codes in codes.items():
        if not facet_codes:
            continue
        child = FACETS_BY_NAME[name].child
        shared = (
            child.objects.filter(page_id=OuterRef("page_id"), code__in=facet_codes)
            .order_by()
            .values("page_id")
            .annotate(number=Count("pk"))
            .values("number")
        )
        score = score + Coalesce(Subquery(shared), Value(0))
        having |= Q(page_id__in=child.objects.filter(code__in=facet_codes).values("page_id"))
    if not having:
        return []
    entries = (
        _listed_entries(language=language)
        .filter(having)
        .exclude(translation_key=exclude_key)
        .annotate(shared=score)
    )
    newest = _ordered(entries, sort="newest", query="").query.order_by
    return _cards(
        entries.order_by("-shared", *newest)[:limit], language=language, token=_search_token()
    )


def practices_for_codes(
    *, codes: Iterable[str], language: str, limit: int
) -> dict[str, list[PracticeCard]]:
    """For each theme or target-group code of ``codes``, the ``limit`` newest practices holding
    it that anyone may see, each in the version listed for ``language`` (newest first). A fixed
    number of queries whatever the number of codes: one per classification (each code's newest
    ranked in SQL), then the cards."""
    wanted = sorted(set(codes))
    if not wanted or limit < 1:
        return {}
    listed = _listed_entries(language=language)
    newest = [F("page__search_entry__first_published_at").desc(), F("page_id").desc()]
    ranked: list[tuple[str, int]] = []
    for name in ("theme", "group"):
        child = FACETS_BY_NAME[name].child
        ranked += (
            child.objects.filter(code__in=wanted, page_id__in=listed.values("page_id"))
            .annotate(rank=Window(RowNumber(), partition_by=[F("code")], order_by=newest))
            .filter(rank__lte=limit)
            .values_list("code", "page_id")
        )
    if not ranked:
        return {}
    cards = _cards(
        _ordered(
            listed.filter(page_id__in={page_id for _code, page_id in ranked}),
            sort="newest",
            query="",
        ),
        language=language,
        token=_search_token(),
    )
    order = {card.page_id: index for index, card in enumerate(cards)}
    by_id = {card.page_id: card for card in cards}
    found: dict[str, list[PracticeCard]] = {}
    for code, page_id in sorted(ranked, key=lambda pair: order.get(pair[1], len(order))):
        if page_id in by_id:
            found.setdefault(code, []).append(by_id[page_id])
    return found


def practices_chosen(*, translation_keys: list, language: str) -> list[PracticeCard]:
    """The practices of ``translation_keys`` (chosen by an editor, in that order) that anyone
    may see, each in the version listed for ``language``; the others are left out."""
    if not translation_keys:
        return []
    chosen_order = Case(
        *(
            When(translation_key=key, then=Value(index))
            for index, key in enumerate(translation_keys)
        ),
        output_field=IntegerField(),
    )
    entries = (
        _listed_entries(language=language)
        .filter(translation_key__in=translation_keys)
        .order_by(chosen_order, "page_id")
    )
    return _cards(entries, language=language, token=_search_token())
