"""Evaluating a parsed expression against a questionnaire's answers (``evaluate``), with
XPath's values as XLSForm clients apply them (the package's docstring)."""

import math
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .parsing import (
    REGEX_INPUT_LIMIT,
    Call,
    Column,
    Current,
    Negation,
    Node,
    Number,
    Operation,
    Reference,
    String,
)

# Values

_NUMERIC = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*")

Value = str | int | float | bool | tuple[str, ...]


def _value(answer: object) -> Value:
    """An answer as the language sees it: blank is "", choices a tuple, dates ISO strings."""
    if answer is None:
        return ""
    if isinstance(answer, bool | int | str):
        return answer
    if isinstance(answer, float):
        return "" if not math.isfinite(answer) else answer
    if isinstance(answer, Decimal):
        return _number_value(float(answer))
    if isinstance(answer, date):
        return answer.isoformat()
    if isinstance(answer, list | tuple):
        return tuple(str(choice) for choice in answer)
    if isinstance(answer, set | frozenset):
        return tuple(sorted(str(choice) for choice in answer))
    return str(answer)


def _number_value(number: float) -> Value:
    if isinstance(number, float):
        if not math.isfinite(number):
            return ""
        if number.is_integer():
            return int(number)
    return number


def _string(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return " ".join(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _number(value: Value) -> int | float | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    text = _string(value)
    if not _NUMERIC.fullmatch(text):
        return None
    text = text.strip()
    return float(text) if "." in text else int(text)


def _blank(value: Value) -> bool:
    return value == "" or value == ()


def _choices(value: Value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else tuple(_string(value).split())


def truthy(value: object) -> bool:
    """XPath's boolean(): a non-empty string or selection, a non-zero number, or true."""
    value = _value(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0 and not math.isnan(value)
    return len(value) > 0


def _compare(operator: str, left: Value, right: Value) -> bool:
    if operator in ("=", "!="):
        if isinstance(left, bool) or isinstance(right, bool):
            equal = truthy(left) == truthy(right)
        else:
            a, b = _number(left), _number(right)
            equal = _string(left) == _string(right) if a is None or b is None else a == b
        return equal if operator == "=" else not equal
    if _blank(left) or _blank(right):
        return False
    a, b = _number(left), _number(right)
    if a is None or b is None:
        a, b = _string(left), _string(right)
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[operator]


def _arithmetic(operator: str, left: Value, right: Value) -> Value:
    a, b = _number(left), _number(right)
    if a is None or b is None:
        return ""
    if operator == "+":
        return _number_value(a + b)
    if operator == "-":
        return _number_value(a - b)
    if operator == "*":
        return _number_value(a * b)
    if b == 0:
        return ""
    if operator == "div":
        return _number_value(a / b)
    return _number_value(math.fmod(a, b))  # XPath's mod keeps the dividend's sign


class _Context(NamedTuple):
    answers: Mapping[str, object]
    current: object
    today: date
    choice: Mapping[str, object]


def _evaluate(node: Node, context: _Context) -> Value:
    if isinstance(node, Number):
        return _number_value(float(node.text)) if "." in node.text else int(node.text)
    if isinstance(node, String):
        return node.value
    if isinstance(node, Reference):
        return _value(context.answers.get(node.name))
    if isinstance(node, Current):
        return _value(context.current)
    if isinstance(node, Column):
        return _value(context.choice.get(node.name))
    if isinstance(node, Negation):
        number = _number(_evaluate(node.operand, context))
        return "" if number is None else _number_value(-number)
    if isinstance(node, Operation):
        left = _evaluate(node.left, context)
        if node.operator == "or":
            return truthy(left) or truthy(_evaluate(node.right, context))
        if node.operator == "and":
            return truthy(left) and truthy(_evaluate(node.right, context))
        right = _evaluate(node.right, context)
        if node.operator in ("+", "-", "*", "div", "mod"):
            return _arithmetic(node.operator, left, right)
        return _compare(node.operator, left, right)
    return _call(node, context)


def _call(node: Call, context: _Context) -> Value:
    function, arguments = node.function, node.arguments
    if function == "true":
        return True
    if function == "false":
        return False
    if function == "today":
        return context.today.isoformat()
    if function == "if":
        chosen = arguments[1] if truthy(_evaluate(arguments[0], context)) else arguments[2]
        return _evaluate(chosen, context)
    first = _evaluate(arguments[0], context)
    if function == "coalesce":
        return _evaluate(arguments[1], context) if _blank(first) else first
    if function == "not":
        return not truthy(first)
    if function == "selected":
        return _string(_evaluate(arguments[1], context)) in _choices(first)
    if function == "count-selected":
        return len(_choices(first))
    if function == "string-length":
        return len(_string(first))
    # regex: the pattern was checked by parse.
    text = _string(first)
    if len(text) > REGEX_INPUT_LIMIT:
        return False
    return re.search(arguments[1].value, text) is not None


def evaluate(
    node: Node,
    *,
    answers: Mapping[str, object],
    current: object = None,
    today: date | None = None,
    choice: Mapping[str, object] | None = None,
) -> object:
    """The value of ``node`` given the answers by question name, the answer being checked
    (``.``, for a constraint), the date ``today()`` stands for (the real one by default) and,
    for a choice filter, the choice being filtered: its columns by name, ``name`` included.

    The result is a string, an int, a float, a bool, or a tuple of choices (``${q}`` of a
    multiple-choice question); ``truthy`` reads it as a condition.
    """
    return _evaluate(node, _Context(answers, current, today or date.today(), choice or {}))
