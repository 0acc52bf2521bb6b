"""Answers as they are stored in ``Response.data``, read from what a respondent typed, and the
checks of their type.

A draft keeps exactly what was typed, even when it is not valid, so that nothing is ever lost and
a page shown again holds every character typed (text and numbers as typed; choices by their
names, a list for multiple choice, a list in order for ranking; yes/no as ``yes``/``no``; a file
as its ``AnswerFile`` id). Expressions and checks read the *clean* value (``clean_value``): a
whole number as an ``int``, a decimal as its text with a point (``3,5`` is ``3.5``), text
without surrounding spaces; a submitted response stores the clean values.
"""

import re
from datetime import date

from django.utils.translation import gettext as _

from ..models import Element

Kind = Element.Kind
YES, NO = "yes", "no"
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# Longest text kept from one field: far more than any answer, and a limit to what a draft holds.
TEXT_LIMIT = 20_000
INTEGER_LIMIT = 10**15


def blank(value: object) -> bool:
    if isinstance(value, str):
        return value.strip() == ""
    return value is None or value == [] or value == ()


def typed_value(kind: str, raw: object) -> object:
    """The draft's form of what was typed into a question of ``kind`` (a string, or a list of
    strings for multiple choice and ranking): as typed, line ends made ``\\n``."""
    if kind in (Kind.SELECT_MULTIPLE, Kind.RANK):
        return [str(value)[:200] for value in (raw or []) if str(value)]
    return str(raw or "")[:TEXT_LIMIT].replace("\r\n", "\n")


def _integer(text: str) -> int | None:
    text = text.strip()
    if _INTEGER.fullmatch(text) and len(text) < 20 and abs(int(text)) < INTEGER_LIMIT:
        return int(text)
    return None


def _decimal(text: str) -> str | None:
    text = text.strip().replace(",", ".")
    return text if _DECIMAL.fullmatch(text) and len(text) < 40 else None


def clean_value(kind: str, value: object) -> object:
    """``value`` as checks, expressions and submitted answers read it; a value that is not of
    its kind stays as it is (its check says so)."""
    if not isinstance(value, str):
        return value
    if kind == Kind.INTEGER:
        number = _integer(value)
        return value.strip() if number is None else number
    if kind == Kind.DECIMAL:
        number = _decimal(value)
        return value.strip() if number is None else number
    return value.strip()


def type_error(kind: str, value: object) -> str | None:
    """What is wrong with the type of a non-blank ``value`` (as typed), or None."""
    if isinstance(value, str) and "\x00" in value:
        return _("Null characters are not allowed.")
    if kind == Kind.INTEGER:
        if isinstance(value, bool):
            return _("Enter a whole number, such as 12.")
        if isinstance(value, int) or (isinstance(value, str) and _integer(value) is not None):
            return None
        return _("Enter a whole number, such as 12.")
    if kind == Kind.DECIMAL:
        if isinstance(value, bool):
            return _("Enter a number, such as 3.5.")
        if isinstance(value, int | float) or (isinstance(value, str) and _decimal(value)):
            return None
        return _("Enter a number, such as 3.5.")
    if kind == Kind.DATE:
        text = str(value).strip()
        try:
            date.fromisoformat(text)
        except ValueError:
            return _("Enter a date as year-month-day, such as 2025-03-14.")
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return _("Enter a date as year-month-day, such as 2025-03-14.")
        return None
    if kind == Kind.YES_NO:
        return None if value in (YES, NO) else _("Answer yes or no.")
    if kind in (Kind.SELECT_MULTIPLE, Kind.RANK):
        if not isinstance(value, list):
            return _("Choose among the choices offered.")
        if any("\x00" in str(choice) for choice in value):
            return _("Null characters are not allowed.")
        return None
    if kind == Kind.FILE:
        return None if isinstance(value, int) else _("Upload the file again.")
    if kind in (Kind.TEXT, Kind.SELECT_ONE, Kind.LIKERT) and "\n" in str(value).strip():
        return _("Write this answer on one line.")
    return None
