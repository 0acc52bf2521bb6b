"""Reads of the practice finder: an in-memory facet index of the search entries.

Counting facets in SQL means aggregating every matching row for every request: tens of
milliseconds at 10,000 practices, and the same again for the next click on a facet. Instead,
each worker process keeps a snapshot of the entries' facts as bitmaps (Python integers, one bit
per listed practice, practices numbered newest first), one per facet value and visitor language.
Filtering is then a few ANDs and ORs, a facet count is ``int.bit_count()`` and the newest-first
order is the order of the bits, whatever the number of practices.

The snapshot is rebuilt when ``PracticeSearchGeneration.token`` changes (on every publish,
unpublish, deletion, view restriction or page move), which each search reads: one indexed
single-row query. Full-text matching stays in the database (PostgreSQL's text search with the
configuration of each entry's language); the matches of a query are kept with the snapshot,
because a visitor who ticks facets or turns pages repeats the same words. "Most viewed" reads
the view counters at most once a minute.
"""

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from wagtail.models import Page

from base.localization import page_urls_in_language
from network.visibility import visible_q
from practices.models import PracticeGcmObjective, PracticeTargetGroup, PracticeTheme

from .models import PracticeSearchEntry, PracticeSearchGeneration, PracticeViewCount
from .services import DEFAULT_SEARCH_CONFIG, SEARCH_CONFIGS, text_fold

# The facets read from the entry's own columns, and those read from a classification table.
COLUMN_FACETS = {
    "country": "country",
    "status": "status",
    "year": "start_year",
    "results": "has_indicators",
    "language": "original_language",
}
CHILD_FACETS = {
    "theme": PracticeTheme,
    "group": PracticeTargetGroup,
    "gcm": PracticeGcmObjective,
}
SEARCH_CONFIG_NAMES = sorted({*SEARCH_CONFIGS.values(), DEFAULT_SEARCH_CONFIG})
QUERY_MAX_TERMS = 8
VIEWS_MAX_AGE = 60  # seconds: how stale the "most viewed" order may be


def _bitmap(positions: Iterable[int], size: int) -> int:
    buffer = bytearray(size // 8 + 1)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def set_positions(bitmap: int) -> Iterator[int]:
    """The positions of the set bits of ``bitmap``, lowest first."""
    bits = bin(bitmap)[:1:-1]  # bit i is character i
    position = bits.find("1")
    while position != -1:
        yield position
        position = bits.find("1", position + 1)


@dataclass
class LanguageIndex:
    """The practices listed for visitors reading one language (one version of each)."""

    language: str
    page_ids: list[int]  # by position: newest first
    positions: dict[int, int]  # page id -> position
    translation_keys: list[uuid.UUID | None]
    values: dict[str, dict[str, int]]  # facet -> value code -> bitmap
    _views: tuple[float, list[int]] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def everything(self) -> int:
        return (1 << len(self.page_ids)) - 1

    def bitmap_of(self, page_ids: Iterable[int]) -> int:
        positions = self.positions
        return _bitmap(
            (positions[page_id] for page_id in page_ids if page_id in positions),
            len(self.page_ids),
        )

    def selection(self, facet: str, codes: Iterable[str]) -> int:
        """The practices having any of ``codes`` for ``facet``."""
        values = self.values.get(facet, {})
        bitmap = 0
        for code in codes:
            bitmap |= values.get(code, 0)
        return bitmap

    def sharing_most(
        self, codes: dict[str, list[str]], *, exclude_key: uuid.UUID | None, limit: int
    ) -> list[int]:
        """Positions of the practices sharing the most of ``codes`` (facet -> value codes),
        then newest first; the practice with ``exclude_key`` left out. Counts are kept as bit
        planes (plane i holds bit i of every practice's count), so the work depends on the
        number of codes, not of practices."""
        planes: list[int] = []
        for facet, facet_codes in codes.items():
            for code in facet_codes:
                carry = self.values.get(facet, {}).get(code, 0)
                level = 0
                while carry:
                    if level == len(planes):
                        planes.append(0)
                    planes[level], carry = planes[level] ^ carry, planes[level] & carry
                    level += 1
        found: list[int] = []
        for score in range(sum(map(len, codes.values())), 0, -1):
            if score >> len(planes):
                continue
            having = self.everything
            for level, plane in enumerate(planes):
                having &= plane if score >> level & 1 else ~plane
            for position in set_positions(having):
                if self.translation_keys[position] != exclude_key:
                    found.append(position)
                    if len(found) == limit:
                        return found
        return found

    def most_viewed(self) -> list[int]:
        """Positions by views (all language versions together), then newest first."""
        stamp, order = self._views or (0.0, [])
        if time.monotonic() - stamp < VIEWS_MAX_AGE:
            return order
        with self._lock:
            views = dict(PracticeViewCount.objects.values_list("translation_key", "count"))
            order = sorted(
                range(len(self.page_ids)),
                key=lambda position: (-views.get(self.translation_keys[position], 0), position),
            )
            self._views = (time.monotonic(), order)
        return order


@dataclass
class FinderSnapshot:
    """Every visitor language's index, built from one read of the entries."""

    token: str | None
    languages: dict[str, LanguageIndex]
    directory_urls: dict[tuple[str, str], str]  # (visitor language, parent path) -> address
    theme_codes: dict[int, list[str]]  # page id -> theme codes, in the editor's order
    cards: dict[int, "CardFacts"]  # page id -> what its result card shows
    _matches: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def index(self, language: str) -> LanguageIndex:
        found = self.languages.get(language)
        if found is None:
            found = LanguageIndex(language, [], {}, [], {})
        return found

    def text_matches(self, query: str) -> tuple[int, ...]:
        """The page ids of every entry matching ``query``, best match first on PostgreSQL
        (then newest), newest first elsewhere; remembered for this snapshot."""
        found = self._matches.get(query)
        if found is not None:
            return found
        found = _text_matches(query)
        kept = settings.PRACTICE_SEARCH_MATCHES_KEPT
        with self._lock:
            self._matches[query] = found
            while len(self._matches) > kept:
                self._matches.popitem(last=False)
        return found


def text_rank(query: str, *, prefix: str = "") -> Case:
    """How well each entry matches ``query``, parsed with the configuration of the entry's own
    language (stemming and unaccent); ``prefix`` is the path from the queried model to the
    entry. One branch per configuration keeps each parsed query a constant, computed once per
    statement rather than once per row."""
    return Case(
        *(
            When(
                **{f"{prefix}config": config},
                then=SearchRank(
                    F(f"{prefix}search_vector"),
                    SearchQuery(query, config=config, search_type="websearch"),
                ),
            )
            for config in SEARCH_CONFIG_NAMES
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )


def text_filtered(entries: QuerySet, query: str) -> QuerySet:
    """The search entries among ``entries`` that match ``query`` (all of them without one)."""
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


def _text_matches(query: str) -> tuple[int, ...]:
    newest = (F("first_published_at").desc(nulls_last=True), "-page_id")
    matches = text_filtered(PracticeSearchEntry.objects.all(), query)
    if connection.vendor == "postgresql":
        matches = matches.annotate(rank=text_rank(query)).order_by("-rank", *newest)
    else:
        matches = matches.order_by(*newest)
    return tuple(matches.values_list("page_id", flat=True))


@dataclass(frozen=True)
class CardFacts:
    """What a result card shows of a listed practice version, whatever the visitor's language."""

    title: str
    slug: str
    parent_path: str
    summary: str
    place: str
    country: str
    language: str
    is_illustrative: bool


def _card_facts(row: dict) -> CardFacts:
    return CardFacts(
        title=row["page__title"],
        slug=row["page__slug"],
        parent_path=row["page__path"][: -Page.steplen],
        summary=row["page__summary"],
        place=row["page__authority__name"] or row["page__place_name"],
        country=row["country"],
        language=row["language"],
        is_illustrative=row["page__is_illustrative"],
    )


def _newest_first(row: dict) -> tuple:
    published: datetime | None = row["first_published_at"]
    return (published is None, -(published.timestamp() if published else 0), -row["page_id"])


def _build(token: str | None) -> FinderSnapshot:
    # One read of the listed entries anyone may see: their facts, and what their cards show.
    rows = list(
        PracticeSearchEntry.objects.exclude(listed_in="")
        .filter(visible_q(prefix="page__"))
        .values(
            "page_id",
            "first_published_at",
            "listed_in",
            "translation_key",
            "language",
            *COLUMN_FACETS.values(),
            "page__path",
            "page__title",
            "page__slug",
            "page__summary",
            "page__place_name",
            "page__authority__name",
            "page__is_illustrative",
        )
    )
    rows.sort(key=_newest_first)
    listed = {row["page_id"] for row in rows}
    codes: dict[str, dict[int, list[str]]] = {}
    for facet, model in CHILD_FACETS.items():
        by_page: dict[int, list[str]] = {}
        for page_id, code in model.objects.order_by("pk").values_list("page_id", "code"):
            if page_id in listed:
                by_page.setdefault(page_id, []).append(code)
        codes[facet] = by_page

    languages = {}
    for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        mark = f",{language},"
        chosen = [row for row in rows if mark in row["listed_in"]]
        page_ids = [row["page_id"] for row in chosen]
        members: dict[str, dict[str, list[int]]] = {
            facet: {} for facet in [*COLUMN_FACETS, *CHILD_FACETS]
        }
        for position, row in enumerate(chosen):
            for facet, column in COLUMN_FACETS.items():
                value = row[column]
                if facet == "results":
                    value = "yes" if value else "no"
                elif value in ("", None):
                    continue
                members[facet].setdefault(str(value), []).append(position)
            for facet, by_page in codes.items():
                for code in by_page.get(row["page_id"], ()):
                    members[facet].setdefault(code, []).append(position)
        size = len(chosen)
        languages[language] = LanguageIndex(
            language=language,
            page_ids=page_ids,
            positions={page_id: position for position, page_id in enumerate(page_ids)},
            translation_keys=[row["translation_key"] for row in chosen],
            values={
                facet: {code: _bitmap(positions, size) for code, positions in by_code.items()}
                for facet, by_code in members.items()
            },
        )

    parent_paths = {row["page__path"][: -Page.steplen] for row in rows}
    parents = list(Page.objects.filter(path__in=parent_paths).select_related("locale"))
    directory_urls = {}
    for language in languages:
        urls = page_urls_in_language(parents, language=language)
        for parent in parents:
            if urls.get(parent.pk):
                directory_urls[(language, parent.path)] = urls[parent.pk]
    return FinderSnapshot(
        token=token,
        languages=languages,
        directory_urls=directory_urls,
        theme_codes=codes["theme"],
        cards={row["page_id"]: _card_facts(row) for row in rows},
    )


_snapshot: FinderSnapshot | None = None
_build_lock = threading.Lock()


def _current_token() -> str | None:
    table = PracticeSearchGeneration._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 (a model's table)
        row = cursor.fetchone()
    return row[0] if row else None


def finder_snapshot() -> FinderSnapshot:
    """This worker's facet index, rebuilt first if the entries changed since it was built. One
    query when it is current."""
    global _snapshot
    token = _current_token()
    snapshot = _snapshot
    if token is not None and snapshot is not None and snapshot.token == token:
        return snapshot
    with _build_lock:
        if _snapshot is not None and token is not None and _snapshot.token == token:
            return _snapshot
        snapshot = _build(token)
        # Without a token (a database flushed by tests) nothing can tell when it goes stale.
        _snapshot = snapshot if token is not None else None
    return snapshot


def finder_snapshot_forget() -> None:
    """Drop this worker's snapshot (tests that roll the database back)."""
    global _snapshot
    _snapshot = None
