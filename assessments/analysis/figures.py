"""The figures of an assessment's analysis, one per question, as the dashboard, its CSV and
the report show them: the question's counts or numbers (``selectors_analysis``) with every
label in the reader's language, made into tables that are protected outside the assessment's
team (``suppression``) and drawn (``charts``). The page, the CSV and the report all read these
tables, so a figure gives the same numbers wherever it is shown.

- a single-choice question: a distribution (each authority in one cell); broken down, a
  crosstab with a row per break-down value and a column per answer;
- a multiple-choice question (ranking: the choices ranked at all), and any choice question in
  a repeatable group (an authority's rows may choose several): a distribution whose shares
  add up to more than 100%; broken down, one such distribution per break-down value;
- a number: its summary; a text: its most frequent words, for the team only.

Questions are those of the assessment's current questionnaire version; answers given to
earlier versions are counted under the same permanent keys."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from network.countries import country_name
from network.models import LocalAuthority
from taxonomy.terms import TARGET_GROUPS, THEMES

from ..answering.structure import Item, Section, VersionStructure
from ..models import Assessment, Element, Response, localised
from ..selectors_analysis import (
    CHOICE_KINDS,
    COUNTRY,
    LEVEL,
    NUMBER_KINDS,
    POPULATION_BAND,
    QUESTION_PREFIX,
    REVIEW_STATE,
    SINGLE_KINDS,
    TEXT_KINDS,
    VERSION,
    Counts,
    Filters,
    Numbers,
    choice_counts,
    number_summaries,
    word_counts,
)
from ..visibility import analysis_basis
from .charts import Figure as ChartFigure
from .charts import figure_of
from .suppression import (
    NumericSummary,
    Table1D,
    numbers_summary,
    suppressed_1d,
    suppressed_2d,
    unsuppressed_1d,
    unsuppressed_2d,
)

Kind = Element.Kind
CHOICES, NUMBERS, WORDS = "choices", "numbers", "words"


@dataclass
class Figure:
    """One question's figure: its counts (``CHOICES``), numbers (``NUMBERS``) or words
    (``WORDS``), and how it is shown (``charts``: a chart and its table, each protected outside
    the team). ``values`` are the break-down's (value, label) in order."""

    key: str
    kind: str
    label: str
    sensitive: bool = False
    # The repeatable group's label when the question is in one ("" else).
    repeat: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    multiple: bool = False
    counts: Counts | None = None
    numbers: Numbers | None = None
    words: list[tuple[str, int]] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)
    # What the page shows: a chart with its table, or (a multiple-choice question broken
    # down) one table per break-down value.
    charts: list[ChartFigure] = field(default_factory=list)
    per_value: list[tuple[str, Table1D]] = field(default_factory=list)
    # A number broken down: each value's summary.
    numbers_per_value: list[tuple[str, NumericSummary]] = field(default_factory=list)
    # What the chart's ids start with: unique on the page (a report may show a question twice).
    id_prefix: str = "figure"

    @property
    def chart_id(self) -> str:
        return f"{self.id_prefix}-{self.key}"


def _label(texts: dict, structure: VersionStructure, language: str) -> str:
    return localised(texts, language=language, source=structure.version.source_language).text


def choice_labels(item: Item, structure: VersionStructure, language: str) -> list[tuple[str, str]]:
    """(name, label) of a question's choices in order; "other" last when it offers it."""
    if item.kind == Kind.YES_NO and not item.choices:
        labels = [("yes", _("Yes")), ("no", _("No"))]
    else:
        labels = [
            (choice.name, _label(choice.label, structure, language) or choice.name)
            for choice in item.choices
        ]
    if item.element.or_other and "other" not in dict(labels):
        labels.append(("other", _("Other")))
    return labels


def dimension_labels(
    dimension: str, values: list[str], structure: VersionStructure, language: str
) -> list[tuple[str, str]]:
    """(value, label) of a break-down's values, in a reader's order."""
    if dimension == COUNTRY:
        named = [(value, country_name(value)) for value in values]
        return sorted(named, key=lambda pair: pair[1])
    if dimension == LEVEL:
        labels = dict(LocalAuthority.Level.choices)
        return [(v, str(labels.get(v, v))) for v in _in_order(values, labels)]
    if dimension == POPULATION_BAND:
        labels = dict(LocalAuthority.PopulationBand.choices)
        return [(v, str(labels.get(v, v))) for v in _in_order(values, labels)]
    if dimension == REVIEW_STATE:
        labels = dict(Response.ReviewState.choices)
        return [(v, str(labels.get(v, v))) for v in _in_order(values, labels)]
    if dimension == VERSION:
        return [
            (value, _("Version %(number)s") % {"number": value})
            for value in sorted(values, key=lambda v: int(v) if v.isdigit() else 0)
        ]
    item = structure.by_key.get(dimension.removeprefix(QUESTION_PREFIX))
    known = choice_labels(item, structure, language) if item else []
    names = dict(known)
    ordered = [name for name, _label in known if name in values]
    ordered += sorted(value for value in values if value not in names)
    return [(value, names.get(value, value or _("No answer"))) for value in ordered]


def _in_order(values: list[str], labels: dict) -> list[str]:
    order = list(labels)
    return sorted(values, key=lambda v: (order.index(v) if v in order else len(order), v))


def subgroups(structure: VersionStructure) -> list[tuple[str, str]]:
    """(taxonomy code, label) of the themes and target groups the questionnaire's questions
    and sections are tagged with (women and girls, children and adolescents, indigenous
    peoples...), target groups first, in the taxonomy's order."""
    used = {tag for item in structure.items() for tag in item.element.tags or []}
    return [(term.code, str(term.label)) for term in (*TARGET_GROUPS, *THEMES) if term.code in used]


def subgroup_section(structure: VersionStructure, code: str) -> Section:
    """A page of every question tagged ``code`` (a section tagged with it brings all its
    questions), in the questionnaire's order."""
    items: list[Item] = []
    inside: set[int] = set()
    for item in structure.items():
        if id(item) in inside:
            continue
        if code in (item.element.tags or []):
            items.append(item)
            inside.update(id(child) for child in item.walk())
    return Section(key=f"subgroup-{code}", item=None, items=items)


def breakdown_questions(structure: VersionStructure, language: str) -> list[tuple[str, str]]:
    """("q:<key>", label) of the top-level single-choice questions, which a figure can be broken
    down or filtered by."""
    return [
        (QUESTION_PREFIX + item.key, _label(item.element.label, structure, language) or item.key)
        for item in structure.items()
        if item.kind in SINGLE_KINDS and item.repeat is None
    ]


def section_figures(
    *,
    assessment: Assessment,
    structure: VersionStructure,
    section: Section,
    filters: Filters,
    by: str | None,
    language: str,
    protect: bool,
) -> list[Figure]:
    """The figures of ``section``'s questions, protected when ``protect`` (for readers outside
    the assessment's team, who are not shown the words of texts): a fixed number of queries
    (two for the counts, four with a break-down, two for the numbers), plus one per text
    question inside the team."""
    return question_figures(
        assessment=assessment,
        structure=structure,
        items=list(section.walk()),
        filters=filters,
        by=by,
        language=language,
        protect=protect,
    )


def question_figures(
    *,
    assessment: Assessment,
    structure: VersionStructure,
    items: list[Item],
    filters: Filters,
    by: str | None,
    language: str,
    protect: bool,
    id_prefix: str = "figure",
) -> list[Figure]:
    """The figures of ``items`` (questions of ``structure``, in order), as ``section_figures``
    makes them: the dashboard's sections and the report's chosen questions go through here."""
    with_words = not protect
    figures: list[Figure] = []
    choice_keys: list[str] = []
    number_keys: list[str] = []
    for item in items:
        figure = _figure_of(item, structure, language, with_words)
        if figure is None:
            continue
        figure.id_prefix = id_prefix
        figures.append(figure)
        if figure.kind == CHOICES:
            choice_keys.append(figure.key)
        elif figure.kind == NUMBERS:
            number_keys.append(figure.key)
    counts = (
        choice_counts(assessment=assessment, keys=choice_keys, filters=filters, by=by)
        if choice_keys
        else {}
    )
    numbers = (
        number_summaries(assessment=assessment, keys=number_keys, filters=filters, by=by)
        if number_keys
        else {}
    )
    values: set[str] = set()
    for figure in figures:
        if figure.kind == CHOICES:
            figure.counts = counts[figure.key]
            values.update(figure.counts.answered_by)
        elif figure.kind == NUMBERS:
            figure.numbers = numbers[figure.key]
            values.update(figure.numbers.by_value)
        elif figure.kind == WORDS:
            figure.words = word_counts(assessment=assessment, key=figure.key, filters=filters)
    if by:
        labelled = dimension_labels(by, sorted(values), structure, language)
        for figure in figures:
            if figure.kind == CHOICES:
                figure.values = [pair for pair in labelled if pair[0] in figure.counts.answered_by]
            elif figure.kind == NUMBERS:
                figure.values = [pair for pair in labelled if pair[0] in figure.numbers.by_value]
    notes = analysis_basis(include_all_submitted=filters.include_all_submitted)
    for figure in figures:
        _shown(figure, protect=protect, by=by, notes=notes)
    return figures


def _choice_order(figure: Figure) -> tuple[list[str], dict[str, str]]:
    """The choices in the list's order, then any answer no longer offered (an earlier
    version's), so that the counts add up."""
    labels = dict(figure.choices)
    names = [name for name, _label in figure.choices]
    names += sorted(name for name in figure.counts.choices if name not in labels)
    return names, {name: labels.get(name, name) for name in names}


def _shown(figure: Figure, *, protect: bool, by: str | None, notes: str) -> None:
    """The figure's tables and charts, protected when ``protect`` (outside the team)."""
    if figure.kind == NUMBERS:
        summary = _summary(figure.numbers, protect=protect)
        figure.numbers_per_value = [
            (label, _summary(figure.numbers.by_value[value], protect=protect))
            for value, label in figure.values
        ]
        figure.charts = [
            figure_of(figure_id=figure.chart_id, heading=figure.label, table=summary, notes=notes)
        ]
        return
    if figure.kind != CHOICES:
        return
    counts = figure.counts
    names, labels = _choice_order(figure)
    multiple = figure.multiple or bool(figure.repeat)
    if by and figure.values and not multiple:
        values = [value for value, _label in figure.values]
        make = suppressed_2d if protect else unsuppressed_2d
        table = make(
            counts={
                (value, name): counts.cells.get((name, value), 0)
                for value in values
                for name in names
            },
            rows=values,
            columns=names,
            row_labels=dict(figure.values),
            column_labels=labels,
        )
        figure.charts = [
            figure_of(figure_id=figure.chart_id, heading=figure.label, table=table, notes=notes)
        ]
        return
    figure.charts = [
        figure_of(
            figure_id=figure.chart_id,
            heading=figure.label,
            notes=notes,
            table=_distribution(
                {name: counts.choices.get(name, 0) for name in names},
                counts.answered,
                labels,
                multiple=multiple,
                protect=protect,
            ),
        )
    ]
    if by and multiple:
        figure.per_value = [
            (
                value_label,
                _distribution(
                    {name: counts.cells.get((name, value), 0) for name in names},
                    counts.answered_by.get(value, 0),
                    labels,
                    multiple=True,
                    protect=protect,
                ),
            )
            for value, value_label in figure.values
        ]


def _summary(numbers, *, protect: bool) -> NumericSummary:
    """A number's summary, protected by the authorities that answered (a repeatable group's
    rows are more)."""
    return numbers_summary(
        count=numbers.authorities,
        lowest=numbers.minimum,
        lower_quartile=numbers.first_quartile,
        median=numbers.median,
        upper_quartile=numbers.third_quartile,
        highest=numbers.maximum,
        mean=numbers.mean,
        protect=protect,
    )


def _distribution(
    counts: dict[str, int], total: int, labels: dict[str, str], *, multiple: bool, protect: bool
) -> Table1D:
    if protect:
        return suppressed_1d(counts=counts, total=total, multiple=multiple, labels=labels)
    return unsuppressed_1d(counts=counts, total=total, multiple=multiple, labels=labels)


def _figure_of(
    item: Item, structure: VersionStructure, language: str, with_words: bool
) -> Figure | None:
    label = _label(item.element.label, structure, language) or item.key
    repeat = _label(item.repeat.element.label, structure, language) if item.repeat else ""
    common = {"label": label, "sensitive": item.element.sensitive, "repeat": repeat}
    if item.kind in CHOICE_KINDS:
        return Figure(
            key=item.key,
            kind=CHOICES,
            choices=choice_labels(item, structure, language),
            multiple=item.kind in (Kind.SELECT_MULTIPLE, Kind.RANK),
            **common,
        )
    if item.kind in NUMBER_KINDS:
        return Figure(key=item.key, kind=NUMBERS, **common)
    if item.kind in TEXT_KINDS and with_words:
        return Figure(key=item.key, kind=WORDS, **common)
    return None
