"""A submitted response's answers as flat rows (``models.AnswerValue``), one rule for every
kind of question: what the analysis counts, averages and lists is what this module writes.

- single choice, Likert scale, yes/no: a row with the choice's name;
- multiple choice: a row per choice chosen; ranking: a row per choice with its position as the
  number (1 first);
- whole and decimal numbers: a row with the number; a calculation: its number when it is one,
  else its text;
- date: a row with the date; short and long text: a row with the text;
- "other, specify": a row under ``<key>_other`` with the text;
- a question inside a repeatable group: the same, once per row of the group, numbered from 1;
- blank answers, files, notes and sections: no row.
"""

import datetime
from dataclasses import dataclass

from ..answering.structure import Item, VersionStructure
from ..models import Element
from ..structure import OTHER_SUFFIX

Kind = Element.Kind
_CHOSEN = frozenset({Kind.SELECT_ONE, Kind.LIKERT, Kind.YES_NO})
_TEXTS = frozenset({Kind.TEXT, Kind.LONG_TEXT})
_NUMBERS = frozenset({Kind.INTEGER, Kind.DECIMAL})
# A text longer than this is cut in the flat table (the response keeps it whole).
TEXT_MAX = 5_000


@dataclass(frozen=True)
class Flat:
    key: str
    repeat_key: str = ""
    row: int = 0
    choice: str = ""
    number: float | None = None
    date: datetime.date | None = None
    text: str = ""


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def _date(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _of_item(item: Item, holder: dict, repeat_key: str, row: int) -> list[Flat]:
    value = holder.get(item.key)
    flats: list[Flat] = []
    where = {"repeat_key": repeat_key, "row": row}
    if not _blank(value):
        kind = item.kind
        if kind in _CHOSEN:
            flats.append(Flat(item.key, choice=str(value)[:200], **where))
        elif kind == Kind.SELECT_MULTIPLE and isinstance(value, list):
            for name in dict.fromkeys(str(choice) for choice in value):
                flats.append(Flat(item.key, choice=name[:200], **where))
        elif kind == Kind.RANK and isinstance(value, list):
            for position, name in enumerate(dict.fromkeys(str(c) for c in value), start=1):
                flats.append(Flat(item.key, choice=name[:200], number=float(position), **where))
        elif kind in _NUMBERS:
            number = _number(value)
            if number is not None:
                flats.append(Flat(item.key, number=number, **where))
        elif kind == Kind.DATE:
            day = _date(value)
            if day is not None:
                flats.append(Flat(item.key, date=day, **where))
        elif kind in _TEXTS:
            flats.append(Flat(item.key, text=str(value).strip()[:TEXT_MAX], **where))
        elif kind == Kind.CALCULATE:
            number = _number(value)
            if number is not None:
                flats.append(Flat(item.key, number=number, **where))
            else:
                flats.append(Flat(item.key, text=str(value).strip()[:TEXT_MAX], **where))
    if item.element.or_other:
        other = holder.get(item.key + OTHER_SUFFIX)
        if not _blank(other):
            flats.append(Flat(item.key + OTHER_SUFFIX, text=str(other).strip()[:TEXT_MAX], **where))
    return flats


def flattened(*, data: dict, structure: VersionStructure) -> list[Flat]:
    """The flat rows of ``data``, a submitted response's answers to ``structure``'s version."""
    flats: list[Flat] = []
    for item in structure.items():
        if item.kind in (Kind.GROUP, Kind.REPEAT, Kind.NOTE, Kind.FILE):
            continue
        if item.repeat is None:
            flats.extend(_of_item(item, data, "", 0))
            continue
        rows = data.get(item.repeat.key)
        if not isinstance(rows, list):
            continue
        for number, holder in enumerate(rows, start=1):
            if isinstance(holder, dict):
                flats.extend(_of_item(item, holder, item.repeat.key, number))
    return flats
