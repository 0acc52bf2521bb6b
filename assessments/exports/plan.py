"""The column plan of an export: which tables, which columns, in which order, under which
headers, for the versions whose answers are exported.

Answers line up across versions by their permanent key, so the plan is one list of columns by
key: the newest version's order, with a key that only an older version has placed right after
the key it followed there. A question's texts and choices come from the newest version that has
it; a choice that only older versions offered is added after the newer ones.

Tables: ``responses`` (one row per response: the metadata columns, then every question outside
a repeatable group) and one table per repeatable group (one row per row answered, keyed to its
response by ``_response_id`` and ``_parent_row``, the response's row number in ``responses``).
A multiple choice gets its original column (the choices' names separated by spaces, as
KoboToolbox exports them) and one 0/1 column per choice, ``key/choice``.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from ..models import (
    LANGUAGE_CODES,
    Choice,
    Element,
    QuestionnaireVersion,
    in_languages,
    localised,
)

Kind = Element.Kind
MAIN_TABLE = "responses"

# Sources of a column's value.
META = "meta"  # a property of the response or its authority
ANSWER = "answer"  # an answer, by key
CHOICE = "choice"  # 0/1: is ``choice`` among a multiple choice's answers
OTHER = "other"  # the "other, specify" text (``<key>_other``)
ROW = "row"  # a repeat row's keys: _response_id, _parent_row, _row

# Kinds of the metadata columns (the question kinds serve the answers).
META_TEXT = "meta_text"
META_CODE = "meta_code"  # a code with a translated name (country, level...)
META_INTEGER = "meta_integer"
META_DATETIME = "meta_datetime"

# Questions nobody answers and no column stores.
WITHOUT_COLUMN = frozenset({Kind.GROUP, Kind.REPEAT, Kind.NOTE})


@dataclass(frozen=True)
class ChoiceOption:
    name: str
    labels: dict[str, str]  # by language, with the source language's text where one is missing


@dataclass(frozen=True)
class Column:
    name: str  # the header in codes: a key, key/choice, key_other, or _meta
    labels: dict[str, str]  # the header in each language
    source: str
    key: str  # the answer's key (or the metadata's name)
    kind: str
    choices: tuple[ChoiceOption, ...] = ()
    choice: str = ""  # the choice of a 0/1 column

    def header(self, *, labels: bool, language: str) -> str:
        return self.labels.get(language, self.name) if labels else self.name

    def choice_label(self, name: str, language: str) -> str:
        for option in self.choices:
            if option.name == name:
                return option.labels.get(language) or name
        return name


@dataclass
class Table:
    name: str
    labels: dict[str, str]
    columns: list[Column] = field(default_factory=list)

    def headers(self, *, labels: bool, language: str) -> list[str]:
        return [column.header(labels=labels, language=language) for column in self.columns]


@dataclass
class ExportPlan:
    main: Table
    repeats: list[Table]
    versions: list[int]  # numbers, newest first

    @property
    def tables(self) -> list[Table]:
        return [self.main, *self.repeats]


def _all_languages(texts: dict | None, *, source: str) -> dict[str, str]:
    return {code: localised(texts, language=code, source=source).text for code in LANGUAGE_CODES}


def _meta_columns() -> list[Column]:
    rows = [
        ("_response_id", META_INTEGER, gettext_noop("Response")),
        ("_authority", META_TEXT, gettext_noop("Local authority")),
        ("_country", META_CODE, gettext_noop("Country")),
        ("_level", META_CODE, gettext_noop("Level")),
        ("_population_band", META_CODE, gettext_noop("Population")),
        ("_version", META_INTEGER, gettext_noop("Questionnaire version")),
        ("_review_state", META_CODE, gettext_noop("Review")),
    ]
    rows.append(("_submitted_at", META_DATETIME, gettext_noop("Submitted (UTC)")))
    return [
        Column(name=name, labels=in_languages(label), source=META, key=name, kind=kind)
        for name, kind, label in rows
    ]


def _row_columns() -> list[Column]:
    return [
        Column(
            name="_response_id",
            labels=in_languages(gettext_noop("Response")),
            source=ROW,
            key="_response_id",
            kind=META_INTEGER,
        ),
        Column(
            name="_parent_row",
            labels=in_languages(gettext_noop("Row of the response")),
            source=ROW,
            key="_parent_row",
            kind=META_INTEGER,
        ),
        Column(
            name="_row",
            labels=in_languages(gettext_noop("Row")),
            source=ROW,
            key="_row",
            kind=META_INTEGER,
        ),
    ]


@dataclass
class _Question:
    """What the newest version holding a key says of it, and the choices of every version."""

    element: Element
    source_language: str
    parent_repeat: str  # the key of the repeatable group holding it, or ""
    choices: list[ChoiceOption] = field(default_factory=list)


def _walk(elements: list[Element]) -> Iterable[tuple[Element, str]]:
    """A version's elements depth first in their order, each with the key of the repeatable
    group holding it ("" outside any)."""
    children: dict[int | None, list[Element]] = {}
    for element in elements:
        children.setdefault(element.parent_id, []).append(element)
    for siblings in children.values():
        siblings.sort(key=lambda e: (e.position, e.pk))

    def visit(parent_id, repeat: str) -> Iterable[tuple[Element, str]]:
        for element in children.get(parent_id, ()):
            yield element, repeat
            inner = element.key if element.kind == Kind.REPEAT else repeat
            yield from visit(element.pk, inner)

    yield from visit(None, "")


def _merge(order: list[str], keys: list[str]) -> None:
    """Add to ``order`` the keys it lacks, each right after the key it follows in ``keys``."""
    place = -1
    for key in keys:
        if key in order:
            place = order.index(key)
        else:
            place += 1
            order.insert(place, key)


def export_plan(*, versions: list[QuestionnaireVersion], hidden: set[str]) -> ExportPlan:
    """The tables and columns for answers of ``versions`` (any order), leaving out the
    questions whose keys are ``hidden`` (and everything inside a hidden section or group).

    Two queries: the versions' elements, and their choices."""
    versions = sorted(versions, key=lambda v: v.number, reverse=True)
    by_version: dict[int, list[Element]] = {v.pk: [] for v in versions}
    for element in Element.objects.filter(version__in=versions).order_by("position", "pk"):
        by_version[element.version_id].append(element)
    choices_of: dict[int, list[Choice]] = {}
    for choice in Choice.objects.filter(choice_list__version__in=versions).order_by(
        "choice_list_id", "position", "pk"
    ):
        choices_of.setdefault(choice.choice_list_id, []).append(choice)

    questions: dict[str, _Question] = {}
    repeats: dict[str, _Question] = {}
    order: list[str] = []
    for version in versions:
        keys = []
        hidden_here: set[int] = set()
        for element, repeat in _walk(by_version[version.pk]):
            if element.key in hidden or element.parent_id in hidden_here:
                hidden_here.add(element.pk)
                continue
            keys.append(element.key)
            target = repeats if element.kind == Kind.REPEAT else questions
            known = target.get(element.key)
            if known is None:
                known = target[element.key] = _Question(
                    element, version.source_language, "" if element.kind == Kind.REPEAT else repeat
                )
            names = {option.name for option in known.choices}
            for choice in choices_of.get(element.choice_list_id, ()):
                if choice.name not in names:
                    names.add(choice.name)
                    known.choices.append(
                        ChoiceOption(
                            choice.name,
                            _all_languages(choice.label, source=version.source_language),
                        )
                    )
        _merge(order, keys)

    main = Table(MAIN_TABLE, in_languages(gettext_noop("Answers")), _meta_columns())
    tables = {"": main}
    for key in order:
        if key in repeats:
            group = repeats[key]
            tables[key] = Table(
                key,
                _all_languages(group.element.label, source=group.source_language),
                _row_columns(),
            )
    for key in order:
        question = questions.get(key)
        if question is None or question.element.kind in WITHOUT_COLUMN:
            continue
        tables[question.parent_repeat].columns.extend(_question_columns(question))
    return ExportPlan(
        main=main,
        repeats=[tables[key] for key in order if key in repeats],
        versions=[v.number for v in versions],
    )


def _question_columns(question: _Question) -> list[Column]:
    element = question.element
    labels = _all_languages(element.label, source=question.source_language)
    labels = {code: text or element.key for code, text in labels.items()}
    choices = tuple(question.choices)
    columns = [
        Column(
            name=element.key,
            labels=labels,
            source=ANSWER,
            key=element.key,
            kind=element.kind,
            choices=choices,
        )
    ]
    if element.kind == Kind.SELECT_MULTIPLE:
        for option in choices:
            columns.append(
                Column(
                    name=f"{element.key}/{option.name}",
                    labels={
                        code: f"{labels[code]}: {option.labels.get(code) or option.name}"
                        for code in LANGUAGE_CODES
                    },
                    source=CHOICE,
                    key=element.key,
                    kind=element.kind,
                    choice=option.name,
                )
            )
    if element.or_other:
        other = in_languages(gettext_noop("other, specify"))
        columns.append(
            Column(
                name=f"{element.key}_other",
                labels={code: f"{labels[code]}: {other[code]}" for code in LANGUAGE_CODES},
                source=OTHER,
                key=f"{element.key}_other",
                kind=Kind.TEXT,
            )
        )
    return columns
