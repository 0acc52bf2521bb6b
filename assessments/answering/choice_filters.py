"""Choice filters (XLSForm's ``choice_filter``): which choices of a list a question offers.

In a choice filter, a bare name such as ``country`` means the choice's own column (a key of
``Choice.filters``, or ``name``, the choice's value), and ``${q}`` an answer, as in XLSForm:
``country = ${country}``. The expression language refuses bare names (``parse`` asks for
``${country}``), so a choice filter is rewritten before it is parsed: each bare name that is not
a function or a word operator becomes a reference in a namespace of its own
(``${__choice__country}``) that ``choice_answers`` fills from the choice being tested. Question
keys never start with two underscores followed by ``choice__``, so the two cannot meet.
"""

import re
from collections import ChainMap
from collections.abc import Mapping

from ..expressions import ExpressionError, Node, parse
from ..models import Choice

CHOICE_PREFIX = "__choice__"
_WORDS = frozenset({"or", "and", "div", "mod"})
# Strings, references, numbers, names: what the rewriting must step over or rewrite.
_TOKEN = re.compile(
    r"""(?P<string>'[^']*'|"[^"]*")"""
    r"|(?P<reference>\$\{[^}]*\})"
    r"|(?P<number>\d+(?:\.\d*)?|\.\d+)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*)"
)


def choice_filter_text(text: str) -> str:
    """``text`` with each bare column name written as a reference in the choices' namespace."""
    parts: list[str] = []
    index = 0
    for match in _TOKEN.finditer(text):
        parts.append(text[index : match.start()])
        name = match.group("name")
        following = text[match.end() :].lstrip()
        if name and name not in _WORDS and not following.startswith("("):
            parts.append(f"${{{CHOICE_PREFIX}{name.replace('-', '_')}}}")
        else:
            parts.append(match.group())
        index = match.end()
    parts.append(text[index:])
    return "".join(parts)


def choice_filter_parse(text: str) -> Node:
    """The tree of a choice filter, or an ``ExpressionError`` (its position is in the rewritten
    text, so the message is given without it changing meaning)."""
    try:
        return parse(choice_filter_text(text))
    except ExpressionError as error:
        raise ExpressionError(error.message.replace(CHOICE_PREFIX, ""), error.position) from error


def choice_answers(choice: Choice, answers: Mapping[str, object]) -> Mapping[str, object]:
    """The names a choice filter sees for ``choice``: its columns, then the answers."""
    columns = {f"{CHOICE_PREFIX}{key}": value for key, value in (choice.filters or {}).items()}
    columns[f"{CHOICE_PREFIX}name"] = choice.name
    return ChainMap(columns, answers)
