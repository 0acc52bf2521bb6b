"""Answers as they are stored in ``Response.data``, read from what a respondent typed, and the
checks of their type.

Whatever is typed is kept, even when it is not valid, so that nothing is ever lost: a valid
whole number is stored as an ``int``, anything else typed into a number field as the text typed;
a decimal as its text with a point (``3,5`` becomes ``3.5``); choices by their names (a list for
multiple choice, a list in order for ranking); a date as ISO text; yes/no as ``yes``/``no``; a
file as its ``AnswerFile`` id.
"""

import re
from datetime import date

from django.utils.translation import gettext as _

from ..models import Element

Kind = Element.Kind
YES, NO = "yes", "no"
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
# Longest text kept from one field: far more than any answer, and a limit to what a draft holds.
TEXT_LIMIT = 20_000
INTEGER_LIMIT = 10**15


def blank(value: object) -> bool:
    return value is None or value == "" or value == [] or value == ()


def typed_value(kind: str, raw: object) -> object:
    """The stored form of what was typed into a question of ``kind`` (a string, or a list of
    strings for multiple choice and ranking)."""
    if kind in (Kind.SELECT_MULTIPLE, Kind.RANK):
        return [str(value)[:200] for value in (raw or []) if str(value)]
    text = str(raw or "")[:TEXT_LIMIT]
    if kind == Kind.LONG_TEXT:
        return text.replace("\r\n", "\n").strip()
    text = text.strip()
    if kind == Kind.INTEGER and _INTEGER.fullmatch(text) and abs(int(text)) < INTEGER_LIMIT:
        return int(text)
    if kind == Kind.DECIMAL:
        pointed = text.replace(",", ".")
        if _DECIMAL.fullmatch(pointed):
            return pointed
    return text


def type_error(kind: str, value: object) -> str | None:
    """What is wrong with the type of a non-blank ``value``, or None."""
    if kind == Kind.INTEGER:
        if isinstance(value, int) and not isinstance(value, bool):
            return None
        return _("Enter a whole number, such as 12.")
    if kind == Kind.DECIMAL:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None
        if isinstance(value, str) and _DECIMAL.fullmatch(value):
            return None
        return _("Enter a number, such as 3.5.")
    if kind == Kind.DATE:
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return _("Enter a date as year-month-day, such as 2025-03-14.")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            return _("Enter a date as year-month-day, such as 2025-03-14.")
        return None
    if kind == Kind.YES_NO:
        return None if value in (YES, NO) else _("Answer yes or no.")
    if kind in (Kind.SELECT_MULTIPLE, Kind.RANK):
        return None if isinstance(value, list) else _("Choose among the choices offered.")
    if kind == Kind.FILE:
        return None if isinstance(value, int) else _("Upload the file again.")
    if kind in (Kind.TEXT, Kind.SELECT_ONE, Kind.LIKERT) and "\n" in str(value):
        return _("Write this answer on one line.")
    return None
