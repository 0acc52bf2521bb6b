"""The answering engine: a questionnaire version's structure loaded once
(``version_structure``), and what a response's answers mean for it (``Evaluation``): skip logic,
calculations, choice filters, "other, specify", repeatable groups and the checks of each answer.
Pure Python: the selectors load, the services write."""

from .choice_filters import CHOICE_PREFIX, choice_answers, choice_filter_parse, choice_filter_text
from .engine import ROWS_LIMIT, Evaluation, Messages, field_name, rows_of
from .structure import (
    LEADING_SECTION,
    OTHER,
    OTHER_SUFFIX,
    Item,
    Section,
    VersionStructure,
    version_structure,
)
from .summary import AnswersSummary, Entry
from .texts import LANGUAGE_NAMES, TextView, text_view
from .values import NO, YES, blank, type_error, typed_value

__all__ = [
    "CHOICE_PREFIX",
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
    "choice_answers",
    "choice_filter_parse",
    "choice_filter_text",
    "field_name",
    "rows_of",
    "text_view",
    "type_error",
    "typed_value",
    "version_structure",
]
