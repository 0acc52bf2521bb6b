"""Reading an expression: its tokens, its tree (``parse``) and writing it back in XLSForm's
canonical form (``to_xlsform``). The language is described in the package's docstring."""

import re
from dataclasses import dataclass, field
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
class Column:
    """A bare name in a choice filter: the value of that column of the choice being filtered
    (``name`` is the choice's own value), as in XLSForm's ``country = ${country}``."""

    name: str
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


Node = Number | String | Reference | Current | Column | Negation | Operation | Call


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

    def __init__(self, text: str, *, columns: bool = False) -> None:
        self.tokens = _tokens(text)
        self.index = 0
        self.nesting = 0
        self.columns = columns

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
        if token.kind == "name" and token.text not in _WORD_OPERATORS and self.columns:
            return Column(token.text, position=token.position)
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


def parse(text: str, *, columns: bool = False) -> Node:
    """The tree of ``text``, or an ``ExpressionError`` saying what is wrong and where.

    ``columns``: the expression is a choice filter, whose bare names are the filtered choice's
    columns (``Column``)."""
    parser = _Parser(text, columns=columns)
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


def uses_current(node: Node) -> bool:
    """Does ``node`` read ``.``, the answer being checked (meaningful only in a constraint)?"""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Current):
            return True
        stack.extend(_children(current))
    return False


def columns(node: Node) -> set[str]:
    """The choice columns a choice filter ``node`` reads by bare name."""
    names = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Column):
            names.add(current.name)
        stack.extend(_children(current))
    return names


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
    if isinstance(node, Column):
        return node.name
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
