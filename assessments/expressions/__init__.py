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

A choice filter (``choice_filter``) is parsed with ``parse(text, columns=True)``: there a bare
name is a column of the choice being filtered (``country = ${country}``, ``name != 'other'``),
read from the ``choice`` mapping given to ``evaluate``.

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

from .evaluation import Value, evaluate, truthy
from .parsing import (
    FUNCTIONS,
    NESTING_LIMIT,
    REGEX_INPUT_LIMIT,
    REGEX_PATTERN_LIMIT,
    Call,
    Column,
    Current,
    ExpressionError,
    Negation,
    Node,
    Number,
    Operation,
    Reference,
    String,
    columns,
    parse,
    references,
    to_xlsform,
    uses_current,
)

__all__ = [
    "FUNCTIONS",
    "NESTING_LIMIT",
    "REGEX_INPUT_LIMIT",
    "REGEX_PATTERN_LIMIT",
    "Call",
    "Column",
    "Current",
    "ExpressionError",
    "Negation",
    "Node",
    "Number",
    "Operation",
    "Reference",
    "String",
    "Value",
    "columns",
    "evaluate",
    "parse",
    "references",
    "to_xlsform",
    "truthy",
    "uses_current",
]
