"""The answering engine: a questionnaire version's structure loaded once
(``version_structure``), and what a response's answers mean for it (``Evaluation``): skip logic,
calculations, choice filters, "other, specify", repeatable groups and the checks of each answer.
Pure Python: the selectors load, the services write."""

from ..structure import OTHER_SUFFIX
from .choice_filters import choice_columns, choice_filter_parse
from .engine import ROWS_LIMIT, Evaluation, Messages, field_name, rows_of
from .structure import (
    LEADING_SECTION,
    OTHER,
    Item,
    Section,
    VersionStructure,
    version_structure,
)
from .summary import AnswersSummary, Entry
from .texts import LANGUAGE_NAMES, TextView, text_view
from .values import NO, YES, blank, type_error, typed_value

__all__ = [
    "LANGUAGE_NAMES",
    "LEADING_SECTION",
    "NO",
    "OTHER",
    "OTHER_SUFFIX",
    "ROWS_LIMIT",
    "YES",
    "AnswersSummary",
    "Entry",
    "Evaluation",
    "Item",
    "Messages",
    "Section",
    "TextView",
    "VersionStructure",
    "blank",
    "choice_columns",
    "choice_filter_parse",
    "field_name",
    "rows_of",
    "text_view",
    "type_error",
    "typed_value",
    "version_structure",
]
