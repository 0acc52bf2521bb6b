"""Choice filters (XLSForm's ``choice_filter``): which choices of a list a question offers.

In a choice filter, a bare name such as ``country`` means the choice's own column (a key of
``Choice.filters``, or ``name``, the choice's value), and ``${q}`` an answer, as in XLSForm:
``country = ${country}``. The expression language reads them so itself
(``parse(text, columns=True)``, evaluated with ``choice=``): this module only gives a choice's
columns.
"""

from ..expressions import Node, parse
from ..models import Choice


def choice_filter_parse(text: str) -> Node:
    """The tree of a choice filter, or an ``ExpressionError`` saying what is wrong and where."""
    return parse(text, columns=True)


def choice_columns(choice: Choice) -> dict[str, object]:
    """The columns a choice filter reads for ``choice``: its filter values and its ``name``."""
    return {**(choice.filters or {}), "name": choice.name}
