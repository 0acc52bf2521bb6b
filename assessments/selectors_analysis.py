"""Reads of the analysis: which answers are analysed (``Filters``, one rule) and every aggregate
the dashboard, its CSV and the report show, computed in SQL over the flat table
(``models.AnswerValue``), never by loading responses.

The unit is the local authority, each counted once, by its last submitted answer (its named
respondents' earlier answers are reviewed and exported, not counted twice): a choice's count is
the number of authorities choosing it, and its percentage is of the authorities that answered
the question. In a repeatable group a
count is also given per row ("rows"). Numbers are summarised over the answers themselves
(count, mean, minimum, quartiles, median, maximum; quartiles interpolated as Python's
``statistics.quantiles(method="inclusive")``).

Which answers: the responses the review rule lets into figures (approved ones, or every
submitted one when asked: ``visibility.responses_for_analysis``), narrowed by country, level
of government, population band, questionnaire version and the answer to one single-choice
question."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Avg,
    CharField,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat

from network.models import LocalAuthority

from .models import AnswerValue, Assessment, Element, Invitation, QuestionnaireVersion, Response
from .visibility import responses_for_analysis

Kind = Element.Kind

# What a figure can be broken down by, besides a single-choice question ("q:<key>").
COUNTRY, LEVEL, POPULATION_BAND, VERSION = "country", "level", "population_band", "version"
REVIEW_STATE = "review_state"
QUESTION_PREFIX = "q:"
_DIMENSION_FIELDS = {
    COUNTRY: "response__local_authority__country",
    LEVEL: "response__local_authority__level",
    POPULATION_BAND: "response__local_authority__population_band",
    VERSION: "response__version__number",
    REVIEW_STATE: "response__review_state",
}
CHOICE_KINDS = frozenset(
    {Kind.SELECT_ONE, Kind.SELECT_MULTIPLE, Kind.RANK, Kind.LIKERT, Kind.YES_NO}
)
NUMBER_KINDS = frozenset({Kind.INTEGER, Kind.DECIMAL, Kind.CALCULATE})
TEXT_KINDS = frozenset({Kind.TEXT, Kind.LONG_TEXT})
# The single-choice kinds a figure can be broken down or filtered by.
SINGLE_KINDS = frozenset({Kind.SELECT_ONE, Kind.LIKERT, Kind.YES_NO})


@dataclass(frozen=True)
class Filters:
    """Which submitted answers are analysed. Empty tuples filter nothing."""

    countries: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    population_bands: tuple[str, ...] = ()
    versions: tuple[int, ...] = ()
    # (question key, choice name): only authorities whose answer to that question is it.
    answer: tuple[str, str] | None = None
    # Every submitted answer, reviewed or not, instead of the approved ones only.
    include_all_submitted: bool = False


def responses_analysed(*, assessment: Assessment, filters: Filters) -> QuerySet[Response]:
    """The responses whose answers are analysed: those the review rule lets into figures
    (``visibility.responses_for_analysis``: approved, or every submitted one), one per
    authority, its last submitted (an authority whose named respondents answered too counts
    once), within ``filters``."""
    submitted = responses_for_analysis(
        assessment=assessment, include_all_submitted=filters.include_all_submitted
    )
    later = submitted.filter(local_authority=OuterRef("local_authority")).filter(
        Q(submitted_at__gt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), pk__gt=OuterRef("pk"))
    )
    responses = submitted.filter(~Exists(later))
    if filters.countries:
        responses = responses.filter(local_authority__country__in=filters.countries)
    if filters.levels:
        responses = responses.filter(local_authority__level__in=filters.levels)
    if filters.population_bands:
        responses = responses.filter(local_authority__population_band__in=filters.population_bands)
    if filters.versions:
        responses = responses.filter(version__number__in=filters.versions)
    if filters.answer:
        key, choice = filters.answer
        responses = responses.filter(
            Exists(
                AnswerValue.objects.filter(
                    response=OuterRef("pk"), key=key, repeat_key="", choice=choice
                )
            )
        )
    return responses


def values_analysed(*, assessment: Assessment, filters: Filters) -> QuerySet[AnswerValue]:
    """The flat answers of ``responses_analysed``."""
    return AnswerValue.objects.filter(
        assessment=assessment,
        response__in=responses_analysed(assessment=assessment, filters=filters).values("pk"),
    )


def dimension_expression(dimension: str):
    """The SQL expression of ``dimension`` on a flat answer (a question's: its top-level
    answer's choice in the same response)."""
    if dimension.startswith(QUESTION_PREFIX):
        return Subquery(
            AnswerValue.objects.filter(
                response=OuterRef("response"),
                key=dimension.removeprefix(QUESTION_PREFIX),
                repeat_key="",
            )
            .order_by("pk")
            .values("choice")[:1]
        )
    return F(_DIMENSION_FIELDS[dimension])


# -- Counts ----------------------------------------------------------------------------------------


@dataclass
class Counts:
    """A question's counts: authorities per choice (and per break-down value), the authorities
    that answered it (per break-down value), and in a repeatable group the rows too."""

    key: str
    answered: int = 0
    choices: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    rows_answered: int = 0
    # With a break-down: {(choice, value): authorities} and {value: authorities answering}.
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    answered_by: dict[str, int] = field(default_factory=dict)


def choice_counts(
    *,
    assessment: Assessment,
    keys: list[str],
    filters: Filters,
    by: str | None = None,
) -> dict[str, Counts]:
    """The counts of each choice question in ``keys``, broken down ``by`` a dimension when
    given: two queries (three with a break-down) whatever the number of questions."""
    values = values_analysed(assessment=assessment, filters=filters).filter(key__in=keys)
    # One response per authority (``responses_analysed``): counting responses counts authorities.
    authorities = Count("response", distinct=True)
    result = {key: Counts(key=key) for key in keys}
    for row in values.values("key", "choice").annotate(n=authorities, rows=Count("pk")):
        counts = result[row["key"]]
        counts.choices[row["choice"]] = row["n"]
        counts.rows[row["choice"]] = row["rows"]
    answered = values.values("key").annotate(
        n=authorities, rows=Count(_row_identity(), distinct=True)
    )
    for row in answered:
        result[row["key"]].answered = row["n"]
        result[row["key"]].rows_answered = row["rows"]
    if by:
        broken = values.annotate(by=dimension_expression(by))
        for row in broken.values("key", "choice", "by").annotate(n=authorities):
            result[row["key"]].cells[(row["choice"], _text(row["by"]))] = row["n"]
        for row in broken.values("key", "by").annotate(n=authorities):
            result[row["key"]].answered_by[_text(row["by"])] = row["n"]
    return result


def _row_identity():
    """One value per repeat row of a response (the row's answers share it)."""
    return Concat(
        Cast("response_id", CharField()),
        Value(":"),
        Cast("row", CharField()),
        output_field=CharField(),
    )


def _text(value) -> str:
    return "" if value is None else str(value)


# -- Numbers -------------------------------------------------------------------------------------


@dataclass
class Numbers:
    key: str
    count: int = 0
    mean: float | None = None
    minimum: float | None = None
    first_quartile: float | None = None
    median: float | None = None
    third_quartile: float | None = None
    maximum: float | None = None
    authorities: int = 0
    # Broken down: each value's own summary.
    by_value: dict[str, "Numbers"] = field(default_factory=dict)


def number_summaries(
    *, assessment: Assessment, keys: list[str], filters: Filters, by: str | None = None
) -> dict[str, Numbers]:
    """Count, mean, minimum, quartiles, median and maximum of each number question in
    ``keys`` (and, broken down ``by`` a dimension, of each of its values: ``by_value``): two
    queries, four with a break-down, whatever the number of questions (the quartiles from the
    ranked answers, reading only the ranks they need)."""
    values = (
        values_analysed(assessment=assessment, filters=filters)
        .filter(key__in=keys, number__isnull=False)
        .exclude(choice__gt="")
    )
    result = {key: Numbers(key=key) for key in keys}
    for row in values.values("key").annotate(**_NUMBER_AGGREGATES):
        _summarised(result[row["key"]], row)
    for group, (count, by_rank) in _ranks(values.values("key", "number")).items():
        _quartiles(result[group], count, by_rank)
    if by:
        broken = values.annotate(by=dimension_expression(by))
        for row in broken.values("key", "by").annotate(**_NUMBER_AGGREGATES):
            value = _text(row["by"])
            numbers = result[row["key"]].by_value.setdefault(value, Numbers(key=row["key"]))
            _summarised(numbers, row)
        grouped = broken.annotate(
            group=Concat(
                "key", Value(_GROUP_SEPARATOR), Cast("by", CharField()), output_field=CharField()
            )
        )
        for group, (count, by_rank) in _ranks(grouped.values("group", "number")).items():
            key, value = group.split(_GROUP_SEPARATOR, 1)
            _quartiles(result[key].by_value[value], count, by_rank)
    return result


# Between a question's key (letters, digits, underscores) and a break-down's value.
_GROUP_SEPARATOR = "|"
_NUMBER_AGGREGATES = {
    "count": Count("pk"),
    "mean": Avg("number"),
    "minimum": Min("number"),
    "maximum": Max("number"),
    "authorities": Count("response", distinct=True),
}


def _summarised(numbers: Numbers, row: dict) -> None:
    numbers.count, numbers.mean = row["count"], row["mean"]
    numbers.minimum, numbers.maximum = row["minimum"], row["maximum"]
    numbers.authorities = row["authorities"]


def _quartiles(numbers: Numbers, count: int, by_rank: dict[int, float]) -> None:
    numbers.first_quartile = _quantile(by_rank, count, 1)
    numbers.median = _quantile(by_rank, count, 2)
    numbers.third_quartile = _quantile(by_rank, count, 3)


def _ranks(values: QuerySet) -> dict[str, tuple[int, dict[int, float]]]:
    """{key: (count, {rank: number})} for the ranks quartiles need (from 1, in order)."""
    sql, params = values.query.sql_with_params()
    quote = connection.ops.quote_name
    needed = " OR ".join(
        f"rn = ((n - 1) * {k}) / 4 + 1 OR rn = ((n - 1) * {k}) / 4 + 2" for k in (1, 2, 3)
    )
    # Built from the queryset's own SQL (its values stay parameters) and constants only.
    query = (
        f"WITH base ({quote('k')}, {quote('v')}) AS ({sql}), "  # noqa: S608
        f"ranked AS (SELECT {quote('k')}, {quote('v')}, "
        f"ROW_NUMBER() OVER (PARTITION BY {quote('k')} ORDER BY {quote('v')}) AS rn, "
        f"COUNT(*) OVER (PARTITION BY {quote('k')}) AS n FROM base) "
        f"SELECT {quote('k')}, n, rn, {quote('v')} FROM ranked WHERE {needed}"
    )
    found: dict[str, tuple[int, dict[int, float]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for key, count, rank, number in cursor.fetchall():
            found.setdefault(key, (count, {}))[1][rank] = number
    return found


def _quantile(by_rank: dict[int, float], count: int, quarter: int) -> float | None:
    """The ``quarter``/4 quantile, interpolated between ranks (inclusive method)."""
    if not count:
        return None
    position = (count - 1) * quarter / 4
    low = int(position)
    below = by_rank[low + 1]
    if low + 2 > count:
        return below
    return below + (position - low) * (by_rank[low + 2] - below)


# -- Texts ----------------------------------------------------------------------------------------

# Words too common to tell anything, in the four languages.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "de",
        "del",
        "des",
        "du",
        "e",
        "el",
        "en",
        "et",
        "for",
        "from",
        "in",
        "is",
        "it",
        "la",
        "las",
        "le",
        "les",
        "los",
        "no",
        "não",
        "o",
        "of",
        "on",
        "or",
        "os",
        "para",
        "pas",
        "por",
        "que",
        "qui",
        "se",
        "the",
        "to",
        "um",
        "uma",
        "un",
        "una",
        "une",
        "y",
        "à",
        "às",
        "ao",
        "aos",
        "com",
        "da",
        "das",
        "do",
        "dos",
        "em",
        "na",
        "nas",
        "no",
        "nos",
        "ou",
        "pelo",
        "pela",
        "sur",
        "au",
        "aux",
        "ce",
        "ces",
        "est",
        "il",
        "ils",
        "elle",
        "elles",
        "nous",
        "vous",
        "this",
        "that",
        "with",
        "we",
        "our",
        "nuestro",
        "nuestra",
        "nosotros",
        "nós",
        "son",
        "sont",
        "ser",
        "être",
    ]
)
WORD_LIST_SIZE = 30
# Stripped from both ends of a word: punctuation of the four languages, dashes included.
_PUNCTUATION = ".,;:!?¿¡()\"'\u201c\u201d\u00ab\u00bb-\u2013\u2014/"


def word_counts(
    *, assessment: Assessment, key: str, filters: Filters, size: int = WORD_LIST_SIZE
) -> list[tuple[str, int]]:
    """The most frequent words of a text question's answers (each answer counts a word once),
    common words left out: one query, reading that question's texts only."""
    counter: Counter[str] = Counter()
    texts = (
        values_analysed(assessment=assessment, filters=filters)
        .filter(key=key)
        .exclude(text="")
        .values_list("text", flat=True)
    )
    for text in texts.iterator(chunk_size=500):
        words = {word.strip(_PUNCTUATION).lower() for word in text.split()}
        counter.update(w for w in words if len(w) > 2 and w not in STOP_WORDS and not w.isdigit())
    return counter.most_common(size)


# -- Response rates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    value: str
    invited: int
    answered: int

    @property
    def percent(self) -> float | None:
        return 100 * self.answered / self.invited if self.invited else None


def response_rates(*, assessment: Assessment, by: str) -> list[Rate]:
    """Authorities invited (an invitation not revoked) and authorities that submitted, per
    country or level of government (``by``): two queries."""
    field_name = {COUNTRY: "local_authority__country", LEVEL: "local_authority__level"}[by]
    invited = dict(
        Invitation.objects.filter(assessment=assessment, revoked_at__isnull=True)
        .values(field_name)
        .annotate(n=Count("local_authority", distinct=True))
        .values_list(field_name, "n")
    )
    answered = dict(
        Response.objects.filter(assessment=assessment, status=Response.Status.SUBMITTED)
        .values(field_name)
        .annotate(n=Count("local_authority", distinct=True))
        .values_list(field_name, "n")
    )
    return [
        Rate(value=value, invited=invited.get(value, 0), answered=answered.get(value, 0))
        for value in sorted(set(invited) | set(answered))
    ]


def filter_options(*, assessment: Assessment) -> dict[str, list]:
    """The values the filters offer: countries, levels, bands and versions with answers."""
    authorities = LocalAuthority.objects.filter(
        assessment_responses__assessment=assessment,
        assessment_responses__status=Response.Status.SUBMITTED,
    )
    return {
        COUNTRY: sorted(set(authorities.values_list("country", flat=True))),
        LEVEL: sorted(set(authorities.values_list("level", flat=True))),
        POPULATION_BAND: sorted(
            set(authorities.exclude(population_band="").values_list("population_band", flat=True))
        ),
        VERSION: sorted(
            set(
                QuestionnaireVersion.objects.filter(
                    responses__assessment=assessment,
                    responses__status=Response.Status.SUBMITTED,
                ).values_list("number", flat=True)
            )
        ),
    }
