"""A response's answers as rows of the plan's tables, with typed values: whole numbers as
``int``, decimals as ``Decimal``, dates as ``date``, the submission time as a UTC ``datetime``,
choices as their names (codes), their labels in one language, or numbers (for SPSS and Stata,
whose value labels name them).

Values that are not of their question's kind (a draft's typing, data from before a change) are
kept as the text they are, never dropped: a column of numbers may then hold a text cell.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from network.countries import AMERICAS, country_name
from network.models import LocalAuthority

from ..answering.values import clean_value
from ..models import Element, Response
from .plan import (
    ANSWER,
    CHOICE,
    META,
    META_CODE,
    OTHER,
    ROW,
    Column,
    ExportPlan,
    Table,
)

Kind = Element.Kind
CODES, LABELS = "codes", "labels"
SINGLE = frozenset({Kind.SELECT_ONE, Kind.LIKERT})
LISTS = frozenset({Kind.SELECT_MULTIPLE, Kind.RANK})
# What a list of choices is joined with: names never hold spaces; labels may.
NAME_SEPARATOR, LABEL_SEPARATOR = " ", "; "

# The fields of a response an export reads (``QuerySet.values``), and the metadata they fill.
RESPONSE_FIELDS = (
    "pk",
    "data",
    "version__number",
    "local_authority__name",
    "local_authority__country",
    "local_authority__level",
    "local_authority__population_band",
    "submitted_at",
)
META_FIELDS = {
    "_response_id": "pk",
    "_authority": "local_authority__name",
    "_country": "local_authority__country",
    "_level": "local_authority__level",
    "_population_band": "local_authority__population_band",
    "_version": "version__number",
    "_review_state": "review_state",
    "_submitted_at": "submitted_at",
}


def response_fields() -> tuple[str, ...]:
    return (*RESPONSE_FIELDS, "review_state")


def numeric_codes(column: Column) -> dict[str, int]:
    """The numbers standing for a choice question's choices in SPSS and Stata: the names
    themselves when every one is a whole number (a Likert scale 1-5), else 1, 2, 3... in the
    choices' order. Yes/no: 1 and 0."""
    if column.kind == Kind.YES_NO:
        return {"yes": 1, "no": 0}
    names = [option.name for option in column.choices]
    try:
        codes = {name: int(name) for name in names}
    except ValueError:
        return {name: index for index, name in enumerate(names, start=1)}
    return (
        codes
        if len(set(codes.values())) == len(codes)
        else {name: index for index, name in enumerate(names, start=1)}
    )


def yes_no_labels(language: str) -> dict[str, str]:
    with translation.override(language):
        return {"yes": _("Yes"), "no": _("No")}


@dataclass
class RecordRows:
    """One response's row of ``responses`` and its rows of each repeat table."""

    main: list
    repeats: dict[str, list[list]]


class RowMaker:
    """Makes the rows of responses for one export: ``labels`` (names or labels of choices and
    codes) in ``language``; ``numbers`` codes the choices as numbers (SPSS, Stata)."""

    def __init__(
        self, *, plan: ExportPlan, labels: bool, language: str, numbers: bool = False
    ) -> None:
        self.plan = plan
        self.labels = labels
        self.language = language
        self.numbers = numbers
        self.rows_written = 0
        self.yes_no = yes_no_labels(language)
        with translation.override(language):
            self.meta_labels = {
                "_country": {code: country_name(code) for code in AMERICAS},
                "_level": {code: str(name) for code, name in LocalAuthority.Level.choices},
                "_population_band": {
                    code: str(name) for code, name in LocalAuthority.PopulationBand.choices
                },
                "_review_state": _field_choices(Response, "review_state"),
            }
        self.codes = {
            column.name: numeric_codes(column)
            for table in plan.tables
            for column in table.columns
            if column.source == ANSWER and (column.kind in SINGLE or column.kind == Kind.YES_NO)
        }

    def rows(self, record: dict) -> RecordRows:
        self.rows_written += 1
        data = record["data"] or {}
        main = [self._cell(column, data, record) for column in self.plan.main.columns]
        repeats = {}
        for table in self.plan.repeats:
            answered = data.get(table.name)
            if not isinstance(answered, list):
                continue
            repeats[table.name] = [
                self._repeat_row(table, row, record, number)
                for number, row in enumerate(answered, start=1)
                if isinstance(row, dict)
            ]
        return RecordRows(main, repeats)

    def _repeat_row(self, table: Table, row: dict, record: dict, number: int) -> list:
        keys = {"_response_id": record["pk"], "_parent_row": self.rows_written, "_row": number}
        return [
            keys[column.key] if column.source == ROW else self._cell(column, row, record)
            for column in table.columns
        ]

    def _cell(self, column: Column, data: dict, record: dict):
        if column.source == META:
            return self._meta(column, record)
        value = data.get(column.key)
        if value is None or value == "" or value == []:
            return None
        if column.source == CHOICE:
            return int(isinstance(value, list) and column.choice in value)
        if column.source == OTHER:
            return str(value)
        return self._answer(column, value)

    def _meta(self, column: Column, record: dict):
        value = record.get(META_FIELDS[column.key])
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.astimezone(UTC).replace(tzinfo=None)
        if column.kind == META_CODE and self.labels:
            return self.meta_labels.get(column.key, {}).get(value, value)
        return value

    def _answer(self, column: Column, value):
        kind = column.kind
        if kind in LISTS:
            names = [str(name) for name in value] if isinstance(value, list) else [str(value)]
            if self.labels:
                return LABEL_SEPARATOR.join(
                    column.choice_label(name, self.language) for name in names
                )
            return NAME_SEPARATOR.join(names)
        if kind in SINGLE or kind == Kind.YES_NO:
            value = str(value)
            if self.numbers:
                return self.codes[column.name].get(value, value)
            if not self.labels:
                return value
            if kind == Kind.YES_NO:
                return self.yes_no.get(value, value)
            return column.choice_label(value, self.language)
        if kind == Kind.INTEGER:
            return clean_value(kind, value) if isinstance(value, str) else value
        if kind == Kind.DECIMAL:
            return _decimal(clean_value(kind, value))
        if kind == Kind.DATE:
            try:
                return date.fromisoformat(str(value))
            except ValueError:
                return str(value)
        if kind == Kind.FILE:
            return value
        if kind == Kind.CALCULATE and isinstance(value, int | float | Decimal):
            return value
        return str(value)


def _decimal(value):
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def _field_choices(model, name: str) -> dict[str, str]:
    for model_field in model._meta.get_fields():
        if model_field.name == name:
            return {code: str(label) for code, label in model_field.choices or ()}
    return {}
