"""What a response's answers mean for its questionnaire: which questions are shown (skip
logic, with every ancestor's condition), the calculated values, the choices offered after
choice filters, and what is wrong with the answers. Pure: no query, no write.

A repeatable group's answers are ``data[key]``, a list of rows (dicts); an expression inside a
row reads the row's own answers first (``${sibling}``), then the rest of the response.
"""

from collections import ChainMap
from collections.abc import Iterable, Mapping
from datetime import date

from django.utils.translation import gettext as _

from ..expressions import evaluate, truthy
from ..models import Choice, Element
from ..structure import OTHER_SUFFIX
from .choice_filters import choice_columns
from .structure import OTHER, Item, Section, VersionStructure
from .values import blank, clean_value, type_error

Kind = Element.Kind
# Repeats hold at most this many rows when the author set no maximum.
ROWS_LIMIT = 100


def field_name(item: Item, row: int | None = None) -> str:
    """The name of ``item``'s answer in forms and error lists: its key, or, inside a repeatable
    group, ``<group>-<row number from 1>-<key>``."""
    if item.repeat is None or row is None:
        return item.key
    return f"{item.repeat.key}-{row + 1}-{item.key}"


def rows_of(data: Mapping, repeat: Item) -> list[dict]:
    rows = data.get(repeat.key)
    if not isinstance(rows, list):
        return []
    return [row if isinstance(row, dict) else {} for row in rows]


def _json_value(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    return value


class Evaluation:
    """The answers ``data`` of a response to ``structure``'s version, with the calculations
    done (``data``), questioned: shown or not, choices offered, errors."""

    def __init__(
        self, structure: VersionStructure, data: Mapping, *, today: date | None = None
    ) -> None:
        self.structure = structure
        self.today = today or date.today()
        # As typed (what pages show and drafts keep), and clean (what expressions read).
        self.data = {
            key: ([dict(row) if isinstance(row, dict) else {} for row in value])
            if isinstance(value, list) and self._is_repeat(key)
            else value
            for key, value in data.items()
        }
        self.answers = self._cleaned(self.data)
        self._rows: dict[int, dict] = {}
        for key, value in self.data.items():
            if self._is_repeat(key):
                for row, clean_row in zip(value, self.answers[key], strict=True):
                    self._rows[id(row)] = clean_row
        self._calculate()

    def _is_repeat(self, key: str) -> bool:
        item = self.structure.by_key.get(key)
        return item is not None and item.kind == Kind.REPEAT

    def _cleaned(self, holder: Mapping) -> dict:
        cleaned = {}
        for key, value in holder.items():
            item = self.structure.by_key.get(key)
            if item is None:
                cleaned[key] = value
            elif item.kind == Kind.REPEAT and isinstance(value, list):
                cleaned[key] = [self._cleaned(row) for row in value]
            else:
                cleaned[key] = clean_value(item.kind, value)
        return cleaned

    def _clean_row(self, row: dict) -> dict:
        found = self._rows.get(id(row))
        return found if found is not None else self._cleaned(row)

    # Reading answers

    def scope(self, row: dict | None = None) -> Mapping[str, object]:
        return self.answers if row is None else ChainMap(self._clean_row(row), self.answers)

    def value(self, item: Item, row: dict | None = None) -> object:
        holder = self.data if row is None else row
        return holder.get(item.key)

    def clean(self, item: Item, row: dict | None = None) -> object:
        holder = self.answers if row is None else self._clean_row(row)
        return holder.get(item.key)

    def _evaluate(self, node, row: dict | None, current: object = None) -> object:
        return evaluate(node, answers=self.scope(row), current=current, today=self.today)

    def _calculate(self) -> None:
        for item in self.structure.calculations:
            if item.repeat is None:
                value = (
                    _json_value(self._evaluate(item.calculation, None))
                    if self.is_relevant(item)
                    else ""
                )
                self.data[item.key] = self.answers[item.key] = value
                continue
            for row in rows_of(self.data, item.repeat):
                value = (
                    _json_value(self._evaluate(item.calculation, row))
                    if self.is_relevant(item, row)
                    else ""
                )
                row[item.key] = self._clean_row(row)[item.key] = value

    # Skip logic

    def is_relevant(self, item: Item, row: dict | None = None) -> bool:
        """Whether ``item`` is shown: its own condition and each of its ancestors' hold (a
        repeatable group's own condition is read outside its rows)."""
        current: Item | None = item
        while current is not None:
            if current.relevant is not None:
                inside = current.repeat is not None
                if not truthy(self._evaluate(current.relevant, row if inside else None)):
                    return False
            current = current.parent
        return True

    def is_own_relevant(self, item: Item, row: dict | None = None) -> bool:
        """Whether ``item``'s own condition holds (its ancestors' are not read)."""
        if item.relevant is None:
            return True
        return truthy(self._evaluate(item.relevant, row if item.repeat is not None else None))

    def section_items(self, section: Section) -> list[Item]:
        """The questions of a section that are answered in it (not inside a repeat's rows)."""
        return [item for item in section.walk() if item.repeat is None]

    def is_section_relevant(self, section: Section) -> bool:
        if section.item is not None and not self.is_relevant(section.item):
            return False
        return any(
            self.is_relevant(item)
            for item in section.walk()
            if item.repeat is None and (item.answered or item.kind in (Kind.NOTE, Kind.REPEAT))
        )

    def relevant_sections(self) -> list[Section]:
        return [section for section in self.structure.sections if self.is_section_relevant(section)]

    # Choices

    def offered(self, item: Item, row: dict | None = None) -> list[Choice]:
        """The choices ``item`` offers now: those its choice filter keeps."""
        if item.choice_filter is None:
            return list(item.choices)
        scope = self.scope(row)
        return [
            choice
            for choice in item.choices
            if truthy(
                evaluate(
                    item.choice_filter,
                    answers=scope,
                    choice=choice_columns(choice),
                    today=self.today,
                )
            )
        ]

    # Errors

    def answer_error(
        self, item: Item, row: dict | None = None, *, messages: "Messages"
    ) -> str | None:
        """What is wrong with ``item``'s answer (which is shown), or None."""
        value = self.value(item, row)
        element = item.element
        if blank(value):
            if element.required:
                return messages.required(item)
            return None
        problem = type_error(item.kind, value)
        if problem:
            return problem
        if item.kind in Element.WITH_CHOICES:
            problem = self._choice_error(item, row, value, messages)
            if problem:
                return problem
        if item.constraint is not None and not truthy(
            self._evaluate(item.constraint, row, current=self.clean(item, row))
        ):
            return messages.constraint(item)
        return None

    def _choice_error(self, item: Item, row, value, messages: "Messages") -> str | None:
        names = {choice.name for choice in self.offered(item, row)}
        if item.element.or_other:
            names.add(OTHER)
        chosen = value if isinstance(value, list) else [value]
        if any(name not in names for name in chosen) or len(set(chosen)) != len(chosen):
            return _("Choose among the choices offered.")
        if item.element.or_other and OTHER in chosen:
            holder = self.data if row is None else row
            if blank(str(holder.get(item.key + OTHER_SUFFIX, "")).strip()):
                return _("Say what “other” is.")
        return None

    def _question_errors(
        self, items: Iterable[Item], messages: "Messages", errors: dict[str, str]
    ) -> None:
        for item in items:
            if item.repeat is not None:
                continue
            if item.kind == Kind.REPEAT:
                if not self.is_relevant(item):
                    continue
                inner = [child for child in item.walk() if child.repeat is item and child.answered]
                for index, row in enumerate(rows_of(self.data, item)):
                    for child in inner:
                        if self.is_relevant(child, row):
                            problem = self.answer_error(child, row, messages=messages)
                            if problem:
                                errors[field_name(child, index)] = problem
                continue
            if item.answered and self.is_relevant(item):
                problem = self.answer_error(item, messages=messages)
                if problem:
                    errors[field_name(item)] = problem

    def section_errors(self, section: Section, *, messages: "Messages") -> dict[str, str]:
        """Each shown answer's problem in ``section``, by ``field_name``."""
        errors: dict[str, str] = {}
        self._question_errors(section.walk(), messages, errors)
        return errors

    def errors(self, *, messages: "Messages") -> dict[str, dict[str, str]]:
        """The problems of every shown section that has any, by section key."""
        found = {}
        for section in self.relevant_sections():
            errors = self.section_errors(section, messages=messages)
            if errors:
                found[section.key] = errors
        return found

    def answered_count(self, section: Section) -> int:
        count = 0
        for item in section.walk():
            if item.repeat is None and item.kind == Kind.REPEAT:
                count += len(rows_of(self.data, item))
            elif item.repeat is None and item.answered and not blank(self.data.get(item.key)):
                count += 1
        return count

    # Submitting

    def submitted_data(self) -> dict:
        """The answers as submitted: those of questions not shown are dropped (and the text of
        an "other" not chosen); calculations kept."""
        kept: dict = {}
        for item in self.structure.items():
            if item.repeat is not None:
                continue
            if item.kind == Kind.REPEAT:
                if self.is_relevant(item) and item.key in self.data:
                    kept[item.key] = [self._row_kept(item, row) for row in rows_of(self.data, item)]
                continue
            if item.kind == Kind.GROUP or not self.is_relevant(item):
                continue
            if item.key in self.data and (item.answered or item.kind == Kind.CALCULATE):
                kept[item.key] = self.answers[item.key]
                self._keep_other(item, self.data, kept)
        return kept

    def _row_kept(self, repeat: Item, row: dict) -> dict:
        kept: dict = {}
        for child in repeat.walk():
            if child.repeat is not repeat or child.kind == Kind.GROUP:
                continue
            if child.key in row and self.is_relevant(child, row):
                kept[child.key] = self._clean_row(row)[child.key]
                self._keep_other(child, row, kept)
        return kept

    @staticmethod
    def _keep_other(item: Item, holder: Mapping, kept: dict) -> None:
        if not item.element.or_other:
            return
        value = holder.get(item.key)
        chosen = value if isinstance(value, list) else [value]
        if OTHER in chosen and item.key + OTHER_SUFFIX in holder:
            kept[item.key + OTHER_SUFFIX] = str(holder[item.key + OTHER_SUFFIX]).strip()


class Messages:
    """The messages of a version's questions in the respondent's language: the author's own
    (falling back like every text), else ours."""

    def __init__(self, structure: VersionStructure, *, language: str) -> None:
        self.structure = structure
        self.language = language

    def required(self, item: Item) -> str:
        shown = self.structure.version.text(item.element.required_message, language=self.language)
        return shown.text or _("This question needs an answer.")

    def constraint(self, item: Item) -> str:
        shown = self.structure.version.text(item.element.constraint_message, language=self.language)
        return shown.text or _("This answer is not accepted.")
