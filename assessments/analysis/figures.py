"""The figures of an assessment's analysis, one per question, as the dashboard, its CSV and
the report show them: the question's counts or numbers (``selectors_analysis``) with every
label in the reader's language. The same figure gives the same numbers wherever it is shown.

Questions are those of the assessment's current questionnaire version; answers given to
earlier versions are counted under the same permanent keys."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from network.countries import country_name
from network.models import LocalAuthority

from ..answering.structure import Item, Section, VersionStructure
from ..models import Assessment, Element, localised
from ..selectors_analysis import (
    CHOICE_KINDS,
    COUNTRY,
    LEVEL,
    NUMBER_KINDS,
    POPULATION_BAND,
    QUESTION_PREFIX,
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

Kind = Element.Kind
CHOICES, NUMBERS, WORDS = "choices", "numbers", "words"


@dataclass
class Figure:
    """One question's figure. ``values`` are the break-down's (value, label) in order."""

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

    @property
    def lines(self) -> list["Line"]:
        return figure_lines(self) if self.kind == CHOICES else []


@dataclass(frozen=True)
class Cell:
    """A count and its percentage of ``total`` (None when nobody answered)."""

    count: int
    total: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.count / self.total, 1) if self.total else None


@dataclass(frozen=True)
class Line:
    """A choice's line of a figure: its count overall and in each break-down value's column."""

    name: str
    label: str
    cell: Cell
    cells: list[Cell]
    # In a repeatable group: the rows choosing it.
    rows: int | None = None


def figure_lines(figure: Figure) -> list[Line]:
    """The lines a choice figure shows (the page, its CSV and the report read these)."""
    counts = figure.counts
    return [
        Line(
            name=name,
            label=label,
            cell=Cell(counts.choices.get(name, 0), counts.answered),
            cells=[
                Cell(counts.cells.get((name, value), 0), counts.answered_by.get(value, 0))
                for value, _value_label in figure.values
            ],
            rows=counts.rows.get(name, 0) if figure.repeat else None,
        )
        for name, label in figure.choices
    ]


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
    with_words: bool,
) -> list[Figure]:
    """The figures of ``section``'s questions: a fixed number of queries (two for the counts,
    three with a break-down, two for the numbers), plus one per text question with
    ``with_words``."""
    figures: list[Figure] = []
    choice_keys: list[str] = []
    number_keys: list[str] = []
    for item in section.walk():
        figure = _figure_of(item, structure, language, with_words)
        if figure is None:
            continue
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
        number_summaries(assessment=assessment, keys=number_keys, filters=filters)
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
        elif figure.kind == WORDS:
            figure.words = word_counts(assessment=assessment, key=figure.key, filters=filters)
    if by:
        labelled = dimension_labels(by, sorted(values), structure, language)
        for figure in figures:
            if figure.kind == CHOICES:
                figure.values = [pair for pair in labelled if pair[0] in figure.counts.answered_by]
    return figures


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
