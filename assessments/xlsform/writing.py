"""Writing a questionnaire version as an XLSForm workbook that pyxform converts without an
error or a warning, and that ``reading`` reads back into the same version.

- Texts go in ``label::Español (es)``-style columns, one per language the version offers
  (the source language included). pyxform warns when a language lacks a column, and
  KoboToolbox and ODK show a blank where a cell is empty: a text missing in a language (one
  marked incomplete, or a draft's) is written with the text respondents would see here, the
  source language's. The export is then complete; the version is not changed.
- Expressions are written in canonical form (``expressions.to_xlsform``).
- Kinds XLSForm lacks are written as XLSForm spells them: a long text is ``text`` with the
  ``multiline`` appearance, a Likert scale ``select_one`` with ``likert``, a yes/no question
  ``select_one`` on its list (Convive reads ``select_one yes_no`` on a list of exactly yes and
  no as a yes/no question). One without a list of its own gets a list ``yes_no`` of yes and
  no (``yes_no_2`` when the version has a list of that name holding other choices).
- "Other, specify" is written without ``or_other`` (pyxform warns that it cannot translate the
  "Other" it adds): the question chooses from ``<list>_or_other``, the list plus an "other"
  choice, and is followed by a text ``<key>_other`` shown when "other" is chosen. A choice
  filter keeps "other" with ``or name = 'other'``.
- Taxonomy tags and the sensitive flag, which XLSForm lacks, go in the columns
  ``convive_tags`` and ``convive_sensitive``, which pyxform leaves alone.
- A text cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``) is stored
  as text with the "quote prefix" style: pyxform reads the same characters, and a spreadsheet
  application shows it as text and keeps it text when edited.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from network.spreadsheets import FORMULA_TRIGGERS

from ..expressions import Column, Operation, String, parse, to_xlsform
from ..models import LANGUAGE_CODES, Element, QuestionnaireVersion, in_languages, localised
from ..structure import tree_order, version_problems
from .languages import column_language
from .reading import (
    OTHER_CHOICE,
    OTHER_SUFFIX,
    SENSITIVE_COLUMN,
    TAGS_COLUMN,
    TEXT_FIELDS,
    YES_NO_CHOICES,
    YES_NO_LIST,
)

Kind = Element.Kind

_TYPES = {
    Kind.TEXT: "text",
    Kind.LONG_TEXT: "text",
    Kind.INTEGER: "integer",
    Kind.DECIMAL: "decimal",
    Kind.DATE: "date",
    Kind.NOTE: "note",
    Kind.CALCULATE: "calculate",
    Kind.FILE: "file",
    Kind.SELECT_ONE: "select_one",
    Kind.LIKERT: "select_one",
    Kind.SELECT_MULTIPLE: "select_multiple",
    Kind.RANK: "rank",
}
_APPEARANCES = {Kind.LONG_TEXT: "multiline", Kind.LIKERT: "likert"}
# Texts an export adds, in each language of the version.
YES = gettext_noop("Yes")
NO = gettext_noop("No")
OTHER = gettext_noop("Other")
SPECIFY_OTHER = gettext_noop("Specify other")


class ExportRefused(ValueError):
    """A version pyxform would refuse (or warn about) as it stands: ``problems`` say what to
    fix, in the active language."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _export_problems(elements: list[Element], choice_lists: list) -> list[str]:
    """What pyxform refuses or warns about and that only the questionnaire's author can fix:
    a question with neither a label nor a help text and a choice without a label (a key taken
    by the text of an "other, specify" is a structural problem: ``structure.problems``)."""
    found = []
    for element in elements:
        if element.kind in (Kind.GROUP, Kind.REPEAT, Kind.CALCULATE):
            continue
        if not any((element.label or {}).values()) and not any((element.hint or {}).values()):
            found.append(
                _("The question “%(key)s” has no label in any language.") % {"key": element.key}
            )
    for choice_list in choice_lists:
        for choice in choice_list.choices.all():
            if not any((choice.label or {}).values()):
                found.append(
                    _("The choice “%(name)s” of the list “%(list)s” has no label.")
                    % {"name": choice.name, "list": choice_list.name}
                )
    return found


def _languages(version: QuestionnaireVersion) -> list[str]:
    languages = [code for code in version.languages if code in LANGUAGE_CODES]
    if version.source_language not in languages:
        languages.insert(0, version.source_language)
    return list(dict.fromkeys(languages))


def _filled(texts: dict | None, languages: list[str], source: str) -> dict[str, str]:
    """``texts`` in every language: where one is missing, the text shown instead (the source
    language's, else the first there is)."""
    texts = texts or {}
    return {
        code: texts.get(code) or localised(texts, language=code, source=source).text
        for code in languages
    }


def _free_name(wanted: str, taken: set[str]) -> str:
    name, number = wanted, 1
    while name in taken:
        number += 1
        name = f"{wanted}_{number}"
    taken.add(name)
    return name


def _canonical(text: str, *, columns: bool = False) -> str:
    return to_xlsform(parse(text, columns=columns)) if text.strip() else ""


class _Sheet:
    def __init__(self, workbook: Workbook, title: str, headers: list[str]):
        self.sheet = workbook.create_sheet(title)
        self.headers = headers
        self.row = 1
        self.append(dict(zip(headers, headers, strict=True)))

    def append(self, values: dict[str, str]) -> None:
        for column, header in enumerate(self.headers, start=1):
            value = values.get(header, "")
            if isinstance(value, str):
                # Control characters pasted from word processors cannot be stored in XLSX.
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if value == "" or value is None:
                continue
            cell = self.sheet.cell(row=self.row, column=column, value=value)
            if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                # Text, never a formula: in the file and when someone edits the cell.
                cell.data_type = "s"
                cell.quotePrefix = True
        self.row += 1


def workbook_write(*, version: QuestionnaireVersion) -> bytes:
    """The XLSForm workbook of ``version`` (see the module's docstring); ``ExportRefused``
    when pyxform would refuse it (a question without a label...)."""
    languages = _languages(version)
    source = version.source_language
    elements = tree_order(
        list(version.elements.select_related("choice_list").order_by("position", "pk"))
    )
    choice_lists = list(version.choice_lists.prefetch_related("choices").order_by("name"))
    # A draft may be unfinished: what the structural check finds would not convert either.
    problems = [
        _("“%(key)s”: %(message)s") % {"key": problem.key, "message": problem.message}
        if problem.key
        else problem.message
        for problem in version_problems(version=version)
    ]
    problems += _export_problems(elements, choice_lists)
    if problems:
        raise ExportRefused(problems)

    list_names = {choice_list.pk: choice_list.name for choice_list in choice_lists}
    taken = set(list_names.values())
    rows: list[tuple[str, list]] = [
        (choice_list.name, list(choice_list.choices.all())) for choice_list in choice_lists
    ]
    written_choices: dict[str, list[dict]] = {}
    for name, choices in rows:
        written_choices[name] = [
            {
                "name": choice.name,
                "label": _filled(choice.label, languages, source),
                **choice.filters,
            }
            for choice in choices
        ]

    # A yes/no question without a list of its own gets one of yes and no, in every language.
    yes_no_list = YES_NO_LIST
    if any(element.kind == Kind.YES_NO and not element.choice_list_id for element in elements):
        own = written_choices.get(YES_NO_LIST)
        if own is None or [choice["name"] for choice in own] != YES_NO_CHOICES:
            yes_no_list = _free_name(YES_NO_LIST, taken)
            written_choices[yes_no_list] = [
                {"name": "yes", "label": in_languages(YES, languages=languages)},
                {"name": "no", "label": in_languages(NO, languages=languages)},
            ]

    companions: dict[int, str] = {}
    for element in elements:
        if element.or_other and element.choice_list_id and element.choice_list_id not in companions:
            base = list_names[element.choice_list_id]
            name = _free_name(f"{base}_or_other", taken)
            companions[element.choice_list_id] = name
            written_choices[name] = [
                *written_choices[base],
                {"name": OTHER_CHOICE, "label": in_languages(OTHER, languages=languages)},
            ]

    used = {name for element in elements for name in TEXT_FIELDS if getattr(element, name)}
    text_headers = {
        name: [f"{name}::{column_language(code)}" for code in languages]
        for name in TEXT_FIELDS
        if name == "label" or name in used
    }
    survey_headers = [
        "type",
        "name",
        *text_headers["label"],
        *text_headers.get("hint", []),
        "required",
        *text_headers.get("required_message", []),
        "relevant",
        "constraint",
        *text_headers.get("constraint_message", []),
        "calculation",
        "choice_filter",
        "default",
        "appearance",
        "repeat_count",
        TAGS_COLUMN,
        SENSITIVE_COLUMN,
    ]
    workbook = Workbook()
    workbook.remove(workbook.active)
    survey = _Sheet(workbook, "survey", survey_headers)
    open_containers: list[Element] = []

    def close_until(parent_id: int | None) -> None:
        while open_containers and open_containers[-1].pk != parent_id:
            closed = open_containers.pop()
            survey.append({"type": f"end {'repeat' if closed.kind == Kind.REPEAT else 'group'}"})

    for element in elements:
        close_until(element.parent_id)
        values = _element_values(element, languages, source, list_names, companions)
        if element.kind == Kind.YES_NO and not element.choice_list_id:
            values["type"] = f"select_one {yes_no_list}"
        survey.append(values)
        if element.is_container:
            open_containers.append(element)
        if element.or_other and element.kind in Element.WITH_CHOICES:
            survey.append(_other_values(element, languages))
    close_until(None)

    filter_columns = list(
        dict.fromkeys(
            column
            for choices in written_choices.values()
            for choice in choices
            for column in choice
            if column not in ("name", "label")
        )
    )
    choices_sheet = _Sheet(
        workbook,
        "choices",
        [
            "list_name",
            "name",
            *[f"label::{column_language(code)}" for code in languages],
            *filter_columns,
        ],
    )
    for name, choices in written_choices.items():
        for choice in choices:
            values = {"list_name": name, "name": choice["name"]}
            values.update(
                {f"label::{column_language(code)}": text for code, text in choice["label"].items()}
            )
            values.update({column: choice.get(column, "") for column in filter_columns})
            choices_sheet.append(values)

    title = localised(version.title or version.questionnaire.title, language=source, source=source)
    settings = _Sheet(
        workbook, "settings", ["form_title", "form_id", "version", "default_language"]
    )
    settings.append(
        {
            "form_title": title.text,
            "form_id": version.questionnaire.form_id,
            "version": str(version.number),
            "default_language": column_language(source),
        }
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _element_values(
    element: Element,
    languages: list[str],
    source: str,
    list_names: dict[int, str],
    companions: dict[int, str],
) -> dict[str, str]:
    if element.kind == Kind.GROUP:
        type_text = "begin group"
    elif element.kind == Kind.REPEAT:
        type_text = "begin repeat"
    elif element.kind == Kind.YES_NO and not element.choice_list_id:
        type_text = ""  # the generated list's name is the caller's
    elif element.kind == Kind.YES_NO:
        type_text = f"select_one {list_names[element.choice_list_id]}"
    elif element.kind in Element.WITH_CHOICES:
        list_name = companions.get(element.choice_list_id) if element.or_other else None
        type_text = f"{_TYPES[element.kind]} {list_name or list_names[element.choice_list_id]}"
    else:
        type_text = _TYPES[element.kind]
    appearance = " ".join(filter(None, [_APPEARANCES.get(element.kind, ""), element.appearance]))
    choice_filter = _canonical(element.choice_filter, columns=True)
    if choice_filter and element.or_other:
        choice_filter = to_xlsform(
            Operation(
                "or",
                parse(choice_filter, columns=True),
                Operation("=", Column("name"), String(OTHER_CHOICE)),
            )
        )
    values = {
        "type": type_text,
        "name": element.key,
        "required": "yes" if element.required else "",
        "relevant": _canonical(element.relevant),
        "constraint": _canonical(element.constraint),
        "calculation": _canonical(element.calculation),
        "choice_filter": choice_filter,
        "default": element.default,
        "appearance": appearance,
        "repeat_count": str(element.repeat_max) if element.repeat_max else "",
        TAGS_COLUMN: " ".join(element.tags or []),
        SENSITIVE_COLUMN: "yes" if element.sensitive else "",
    }
    for name in TEXT_FIELDS:
        for code, text in _filled(getattr(element, name), languages, source).items():
            values[f"{name}::{column_language(code)}"] = text
    return values


def _other_values(element: Element, languages: list[str]) -> dict[str, str]:
    values = {
        "type": "text",
        "name": element.key + OTHER_SUFFIX,
        "relevant": f"selected(${{{element.key}}}, '{OTHER_CHOICE}')",
    }
    for code, text in in_languages(SPECIFY_OTHER, languages=languages).items():
        values[f"label::{column_language(code)}"] = text
    return values
