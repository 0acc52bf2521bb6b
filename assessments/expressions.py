"""The expression language of questionnaires: skip logic, constraints and calculations.

A questionnaire author writes the same expressions as in an XLSForm's ``relevant``,
``constraint`` and ``calculation`` columns, restricted to what the server evaluates itself (never
with ``eval``):

- literals: ``12``, ``3.5``, ``'text'`` or ``"text"``, ``true()``, ``false()``;
- ``${name}``, the answer to the question whose key is ``name``, and ``.``, the answer being
  checked (in a constraint);
- operators, loosest first as in XPath: ``or``; ``and``; ``=`` ``!=``; ``<`` ``<=`` ``>``
  ``>=``; ``+`` ``-``; ``*`` ``div`` ``mod``; unary ``-``; and parentheses;
- functions: ``not(x)``, ``selected(${q}, 'value')``, ``count-selected(${q})``,
  ``string-length(x)``, ``regex(x, 'pattern')``, ``if(condition, a, b)``, ``coalesce(a, b)``,
  ``today()``.

Anything else is refused by ``parse`` with an ``ExpressionError`` naming the position.
``to_xlsform`` writes a parsed expression back in canonical form, so a form exported to
KoboToolbox or ODK means what it meant here.

Values follow XPath as XLSForm clients apply it: an unanswered question is ``""``; two values
compare as numbers when both look like numbers, otherwise as strings (dates are ISO strings, so
they compare in order); ``<``, ``<=``, ``>``, ``>=`` are false when either side is blank;
arithmetic on a blank or non-numeric value, and division by zero, give ``""``. A multiple-choice
answer is a list, tuple or set of choice names, or one space-separated string.

``regex`` finds the pattern anywhere in the answer (Python's ``re.search``), as ODK and
KoboToolbox clients do: authors anchor it (``'^[0-9]{5}$'``) to test the whole answer. The
pattern must be a quoted string of at most
``REGEX_PATTERN_LIMIT`` characters and is checked when the expression is parsed; answers longer
than ``REGEX_INPUT_LIMIT`` characters never match. ``re`` has no timeout, so a pattern that
backtracks catastrophically (``(a+)+$``) is the questionnaire author's responsibility.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

REGEX_PATTERN_LIMIT = 200
REGEX_INPUT_LIMIT = 10_000
# Deeper expressions are refused: nobody writes them, and the parser and evaluator recurse.
NESTING_LIMIT = 50

# Each function with its number of arguments.
FUNCTIONS = {
    "coalesce": 2,
    "count-selected": 1,
    "false": 0,
    "if": 3,
    "not": 1,
    "regex": 2,
    "selected": 2,
    "string-length": 1,
    "today": 0,
    "true": 0,
}
# Binary operators and how tightly they bind (XPath 1.0); all are left-associative.
PRECEDENCE = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}
_UNARY_PRECEDENCE = 7
_ATOM_PRECEDENCE = 8
_WORD_OPERATORS = frozenset({"or", "and", "div", "mod"})


class ExpressionError(ValueError):
    """An expression that is not in the language; ``position`` is the character offset."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# The tree of a parsed expression. ``position`` (where the node starts in the text) is left out
# of equality, so an expression and its canonical text parse to equal trees.


@dataclass(frozen=True)
class Number:
    text: str
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class String:
    value: str
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Reference:
    name: str
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Current:
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Negation:
    operand: "Node"
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Operation:
    operator: str
    left: "Node"
    right: "Node"
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Call:
    function: str
    arguments: tuple["Node", ...]
    position: int = field(default=0, compare=False, repr=False)


Node = Number | String | Reference | Current | Negation | Operation | Call


# Reading the text


class _Token(NamedTuple):
    kind: str  # number, string, reference, current, name, symbol, end
    text: str
    position: int


_SPACE = re.compile(r"[ \t\r\n]+")
_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*")
_SYMBOLS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "(", ")", ",")


def _tokens(text: str) -> list[_Token]:
    tokens = []
    index = 0
    while index < len(text):
        if space := _SPACE.match(text, index):
            index = space.end()
            continue
        character = text[index]
        if number := _NUMBER.match(text, index):
            tokens.append(_Token("number", number.group(), index))
            index = number.end()
        elif character == ".":
            tokens.append(_Token("current", ".", index))
            index += 1
        elif character in "'\"":
            end = text.find(character, index + 1)
            if end == -1:
                raise ExpressionError(
                    _("Unterminated string starting at position %(position)s.")
                    % {"position": index},
                    index,
                )
            tokens.append(_Token("string", text[index + 1 : end], index))
            index = end + 1
        elif character == "$":
            reference = _REFERENCE.match(text, index)
            if reference is None:
                raise ExpressionError(
                    _(
                        "Invalid reference at position %(position)s: a question name has letters, "
                        "digits and underscores, and starts with a letter or an underscore."
                    )
                    % {"position": index},
                    index,
                )
            tokens.append(_Token("reference", reference.group(1), index))
            index = reference.end()
        elif name := _NAME.match(text, index):
            tokens.append(_Token("name", name.group(), index))
            index = name.end()
        else:
            symbol = next((s for s in _SYMBOLS if text.startswith(s, index)), None)
            if symbol is None:
                raise ExpressionError(
                    _("Unexpected character “%(character)s” at position %(position)s.")
                    % {"character": character, "position": index},
                    index,
                )
            tokens.append(_Token("symbol", symbol, index))
            index += len(symbol)
    tokens.append(_Token("end", "", len(text)))
    return tokens


def _unexpected(token: _Token) -> ExpressionError:
    if token.kind == "end":
        return ExpressionError(
            _("Expected an expression at position %(position)s.") % {"position": token.position},
            token.position,
        )
    shown = {"string": repr(token.text), "reference": f"${{{token.text}}}"}.get(
        token.kind, token.text
    )
    return ExpressionError(
        _("Unexpected “%(token)s” at position %(position)s.")
        % {"token": shown, "position": token.position},
        token.position,
    )


class _Parser:
    """Recursive descent over the tokens, one method per precedence level."""

    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0
        self.nesting = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at(self, *texts: str) -> bool:
        return self.token.kind in ("symbol", "name") and self.token.text in texts

    def expect_closing(self, message) -> None:
        if not self.at(")"):
            raise ExpressionError(message % {"position": self.token.position}, self.token.position)
        self.advance()

    def enter(self, position: int) -> None:
        self.nesting += 1
        if self.nesting > NESTING_LIMIT:
            raise ExpressionError(
                _("The expression is nested too deeply at position %(position)s.")
                % {"position": position},
                position,
            )

    def expression(self) -> Node:
        return self.binary(1)

    def binary(self, level: int) -> Node:
        if level > PRECEDENCE["mod"]:
            return self.unary()
        left = self.binary(level + 1)
        operators = [op for op, precedence in PRECEDENCE.items() if precedence == level]
        while self.at(*operators):
            operator = self.advance()
            right = self.binary(level + 1)
            left = Operation(operator.text, left, right, position=operator.position)
        return left

    def unary(self) -> Node:
        if self.at("-"):
            minus = self.advance()
            self.enter(minus.position)
            operand = self.unary()
            self.nesting -= 1
            return Negation(operand, position=minus.position)
        return self.primary()

    def primary(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            return Number(token.text, position=token.position)
        if token.kind == "string":
            return String(token.text, position=token.position)
        if token.kind == "reference":
            return Reference(token.text, position=token.position)
        if token.kind == "current":
            return Current(position=token.position)
        if token.kind == "symbol" and token.text == "(":
            self.enter(token.position)
            inner = self.expression()
            self.expect_closing(_("Expected “)” at position %(position)s."))
            self.nesting -= 1
            return inner
        if token.kind == "name" and self.at("(") and token.text not in _WORD_OPERATORS:
            return self.call(token)
        if token.kind == "name" and token.text not in _WORD_OPERATORS:
            raise ExpressionError(
                _(
                    "Unexpected “%(name)s” at position %(position)s: "
                    "write a reference as ${%(name)s}."
                )
                % {"name": token.text, "position": token.position},
                token.position,
            )
        raise _unexpected(token)

    def call(self, name: _Token) -> Call:
        if name.text not in FUNCTIONS:
            raise ExpressionError(
                _("Unknown function “%(name)s” at position %(position)s. Supported: %(supported)s.")
                % {
                    "name": name.text,
                    "position": name.position,
                    "supported": ", ".join(FUNCTIONS),
                },
                name.position,
            )
        self.enter(name.position)
        self.advance()  # (
        arguments = []
        if not self.at(")"):
            arguments.append(self.expression())
            while self.at(","):
                self.advance()
                arguments.append(self.expression())
        self.expect_closing(_("Expected “,” or “)” at position %(position)s."))
        self.nesting -= 1
        if len(arguments) != FUNCTIONS[name.text]:
            raise ExpressionError(
                _(
                    "Wrong number of arguments for “%(name)s” at position %(position)s: "
                    "expected %(expected)s, got %(given)s."
                )
                % {
                    "name": name.text,
                    "position": name.position,
                    "expected": FUNCTIONS[name.text],
                    "given": len(arguments),
                },
                name.position,
            )
        if name.text == "regex":
            _check_pattern(arguments[1])
        return Call(name.text, tuple(arguments), position=name.position)


def _check_pattern(pattern: Node) -> None:
    if not isinstance(pattern, String):
        raise ExpressionError(
            _("The regex pattern at position %(position)s must be a quoted string.")
            % {"position": pattern.position},
            pattern.position,
        )
    if len(pattern.value) > REGEX_PATTERN_LIMIT:
        raise ExpressionError(
            _("The regex pattern at position %(position)s is longer than %(limit)s characters.")
            % {"position": pattern.position, "limit": REGEX_PATTERN_LIMIT},
            pattern.position,
        )
    try:
        re.compile(pattern.value)
    except re.error as error:
        raise ExpressionError(
            _("Invalid regex pattern at position %(position)s: %(reason)s.")
            % {"position": pattern.position, "reason": error.msg},
            pattern.position,
        ) from error


def _depth(node: Node) -> tuple[int, int]:
    """The depth of the deepest branch and where it ends, walked without recursion."""
    deepest, where = 0, node.position
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > deepest:
            deepest, where = depth, current.position
        stack.extend((child, depth + 1) for child in _children(current))
    return deepest, where


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Operation):
        return (node.left, node.right)
    if isinstance(node, Negation):
        return (node.operand,)
    if isinstance(node, Call):
        return node.arguments
    return ()


def parse(text: str) -> Node:
    """The tree of ``text``, or an ``ExpressionError`` saying what is wrong and where."""
    parser = _Parser(text)
    if parser.token.kind == "end":
        raise ExpressionError(_("The expression is empty."), 0)
    node = parser.expression()
    if parser.token.kind != "end":
        raise _unexpected(parser.token)
    # Long chains (a + b + c ...) nest without parentheses; the evaluator recurses on them.
    depth, where = _depth(node)
    if depth > NESTING_LIMIT * 2:
        raise ExpressionError(
            _("The expression is nested too deeply at position %(position)s.")
            % {"position": where},
            where,
        )
    return node


def references(node: Node) -> set[str]:
    """The names of the questions ``node`` refers to with ``${name}``."""
    names = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Reference):
            names.add(current.name)
        stack.extend(_children(current))
    return names


# Writing the text


def _precedence(node: Node) -> int:
    if isinstance(node, Operation):
        return PRECEDENCE[node.operator]
    if isinstance(node, Negation):
        return _UNARY_PRECEDENCE
    return _ATOM_PRECEDENCE


def _quoted(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ValueError("An XLSForm string cannot hold both kinds of quotes.")


def to_xlsform(node: Node) -> str:
    """The canonical XLSForm text of ``node``: single spaces, only the parentheses needed."""
    if isinstance(node, Number):
        return node.text
    if isinstance(node, String):
        return _quoted(node.value)
    if isinstance(node, Reference):
        return f"${{{node.name}}}"
    if isinstance(node, Current):
        return "."
    if isinstance(node, Negation):
        operand = to_xlsform(node.operand)
        if _precedence(node.operand) < _UNARY_PRECEDENCE:
            operand = f"({operand})"
        return f"-{operand}"
    if isinstance(node, Operation):
        precedence = PRECEDENCE[node.operator]
        left, right = to_xlsform(node.left), to_xlsform(node.right)
        if _precedence(node.left) < precedence:
            left = f"({left})"
        # Left-associative: an equal operator on the right was grouped by hand.
        if _precedence(node.right) <= precedence:
            right = f"({right})"
        return f"{left} {node.operator} {right}"
    return f"{node.function}({', '.join(to_xlsform(argument) for argument in node.arguments)})"


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


def _evaluate(node: Node, context: _Context) -> Value:
    if isinstance(node, Number):
        return _number_value(float(node.text)) if "." in node.text else int(node.text)
    if isinstance(node, String):
        return node.value
    if isinstance(node, Reference):
        return _value(context.answers.get(node.name))
    if isinstance(node, Current):
        return _value(context.current)
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
) -> object:
    """The value of ``node`` given the answers by question name, the answer being checked
    (``.``, for a constraint) and the date ``today()`` stands for (the real one by default).

    The result is a string, an int, a float, a bool, or a tuple of choices (``${q}`` of a
    multiple-choice question); ``truthy`` reads it as a condition.
    """
    return _evaluate(node, _Context(answers, current, today or date.today()))
