"""Reading an XLSForm workbook into a plan of a questionnaire version, and everything found on
the way (``report.Finding``), by sheet and row. Nothing is written here: ``services_xlsform``
checks the plan and saves it.

pyxform, the XLSForm reference implementation, converts the workbook first: a workbook it
refuses is refused with its message, and its warnings become notes. The rows are then read with
openpyxl (pyxform's own reading collapses whitespace and changes quotes in every cell, labels
included) and their headers named as pyxform names them (``process_header``: its aliases, its
``::`` and ``:`` language columns), so that Convive reads the columns pyxform reads.
"""

import io
import itertools
import logging
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

import xlrd
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pyxform import aliases
from pyxform.errors import PyXFormError
from pyxform.parsing.sheet_headers import clean_text_values, process_header
from pyxform.question import MultipleChoiceQuestion, Option
from pyxform.survey import Survey
from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, RE_SELECT
from pyxform.xls2json_backends import xls_value_to_unicode, xlsx_value_to_str
from pyxform.xls2xform import convert

from ..expressions import Column, ExpressionError, Operation, String, parse, to_xlsform
from ..models import LANGUAGE_CHOICES, Element
from ..structure import OTHER_SUFFIX
from .languages import code_for
from .report import NOTE, PROBLEM, Finding

logger = logging.getLogger(__name__)

Kind = Element.Kind

# A 300-question form is about 100 KB; its sheets, unzipped, a few MB. Beyond these a file is
# not a questionnaire (or is a zip bomb).
UNCOMPRESSED_MAX_SIZE = 50 * 1024 * 1024
SHEET_MAX_ROWS = 10_000
SHEET_MAX_COLUMNS = 200

# The names Convive's exports give the "other, specify" pattern (see ``writing``).
OTHER_CHOICE = "other"
COMPANION_LIST = re.compile(r"^(?P<base>.+)_or_other(?:_\d+)?$")
YES_NO_LIST = "yes_no"
YES_NO_LIST_NAME = re.compile(r"^yes_no(?:_\d+)?$")
YES_NO_CHOICES = ["yes", "no"]
# Columns of Convive's own that pyxform leaves alone: a question's taxonomy tags and whether
# its answers are sensitive.
TAGS_COLUMN = "convive_tags"
SENSITIVE_COLUMN = "convive_sensitive"

_SIMPLE_KINDS = {
    "text": Kind.TEXT,
    "string": Kind.TEXT,
    "q string": Kind.TEXT,
    "add text prompt": Kind.TEXT,
    "integer": Kind.INTEGER,
    "int": Kind.INTEGER,
    "q int": Kind.INTEGER,
    "add integer prompt": Kind.INTEGER,
    "decimal": Kind.DECIMAL,
    "q decimal": Kind.DECIMAL,
    "add decimal prompt": Kind.DECIMAL,
    "date": Kind.DATE,
    "q date": Kind.DATE,
    "add date prompt": Kind.DATE,
    "note": Kind.NOTE,
    "q note": Kind.NOTE,
    "add note prompt": Kind.NOTE,
    "calculate": Kind.CALCULATE,
    "q calculate": Kind.CALCULATE,
    "add calculate prompt": Kind.CALCULATE,
    "file": Kind.FILE,
    "add file prompt": Kind.FILE,
}
# Photos become file uploads (which accept images among other files).
_IMAGE_TYPES = frozenset(
    {"image", "photo", "q image", "q picture", "add image prompt", "add photo prompt"}
)
# What KoboToolbox and ODK clients record by themselves: Convive records its own.
_METADATA_TYPES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "imei",
        "phonenumber",
        "username",
        "email",
        "simserial",
        "subscriberid",
        "audit",
        "start-geopoint",
        "background-audio",
        "start time",
        "end time",
        "get start time",
        "get end time",
        "get today",
        "device id",
        "get device id",
        "subscriber id",
        "get subscriber id",
        "sim id",
        "get sim id",
        "get phone number",
        "uri:subscriberid",
        "uri:phonenumber",
        "uri:simserial",
        "uri:deviceid",
        "uri:username",
        "uri:email",
    }
)
_SELECT_KINDS = {"select one": Kind.SELECT_ONE, "select all that apply": Kind.SELECT_MULTIPLE}
_SELECT_KINDS["rank"] = Kind.RANK

# Survey columns, as pyxform names them once dealiased.
_PLAIN_COLUMNS = {
    ("type",): "type",
    ("name",): "name",
    ("bind", "relevant"): "relevant",
    ("bind", "constraint"): "constraint",
    ("bind", "required"): "required",
    ("bind", "calculate"): "calculation",
    ("control", "appearance"): "appearance",
    ("control", "jr:count"): "repeat_count",
    ("choice_filter",): "choice_filter",
    ("default",): "default",
    (TAGS_COLUMN,): "tags",
    (SENSITIVE_COLUMN,): "sensitive",
}
_TEXT_COLUMNS = {
    ("label",): "label",
    ("hint",): "hint",
    ("bind", "jr:constraintMsg"): "constraint_message",
    ("bind", "jr:requiredMsg"): "required_message",
}
TEXT_FIELDS = ("label", "hint", "constraint_message", "required_message")
EXPRESSION_FIELDS = ("relevant", "constraint", "calculation", "choice_filter")
# The column a structural problem's field is read from.
_FIELD_COLUMNS = {
    "key": "name",
    "parent": "type",
    "choice_list": "type",
    "repeat_max": "repeat_count",
}
# A name a choice filter can read (as the expression language reads bare names).
FILTER_COLUMN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*")
_ROW_NUMBER = re.compile(r"\[row\s*:\s*(\d+)\]")
_SHEET_NAMED = re.compile(r"On the '(survey|choices|settings)' sheet", re.IGNORECASE)
_TRUE = frozenset({"yes", "true", "true()"})
_FALSE = frozenset({"no", "false", "false()"})


@dataclass
class PlannedChoice:
    row: int
    name: str
    label: dict[str, str]
    filters: dict[str, str]


@dataclass
class PlannedList:
    name: str
    row: int
    choices: list[PlannedChoice] = field(default_factory=list)


@dataclass
class PlannedElement:
    """One element as the workbook gives it; expressions as written until ``Reading`` is
    checked, then in canonical form."""

    row: int
    key: str
    kind: str
    parent_key: str = ""
    label: dict[str, str] = field(default_factory=dict)
    hint: dict[str, str] = field(default_factory=dict)
    required: bool = False
    required_message: dict[str, str] = field(default_factory=dict)
    relevant: str = ""
    constraint: str = ""
    constraint_message: dict[str, str] = field(default_factory=dict)
    calculation: str = ""
    default: str = ""
    appearance: str = ""
    list_name: str = ""
    choice_filter: str = ""
    or_other: bool = False
    repeat_max: int | None = None
    tags: list[str] = field(default_factory=list)
    sensitive: bool = False


@dataclass
class Reading:
    """What a workbook holds: its settings, elements in order, choice lists and findings."""

    sheets: list[str] = field(default_factory=list)
    survey_sheet: str = "survey"
    form_id: str = ""
    title: str = ""
    source_language: str = "en"
    languages: list[str] = field(default_factory=list)
    elements: list[PlannedElement] = field(default_factory=list)
    lists: dict[str, PlannedList] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # Rows of types Convive has no question for: left out with a note when True, else problems.
    leave_out: bool = False
    left_out: int = 0

    @property
    def refused(self) -> bool:
        return any(finding.is_problem for finding in self.findings)

    def problem(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.findings.append(Finding(PROBLEM, sheet, row, column, message))

    def note(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.findings.append(Finding(NOTE, sheet, row, column, message))

    def unsupported(self, sheet: str, row: int, column: str, problem: str, left_out: str) -> None:
        """A row Convive cannot represent but can import without: the ``left_out`` note when
        asked to, else the ``problem``."""
        if self.leave_out:
            self.left_out += 1
            self.note(sheet, row, column, left_out)
        else:
            self.findings.append(Finding(PROBLEM, sheet, row, column, problem, can_leave_out=True))


@dataclass
class _Sheet:
    name: str
    # (header as written, pyxform's tokens), by column index.
    headers: dict[int, tuple[str, tuple[str, ...]]]
    # (row number, {column index: text}) for every row with any text.
    rows: list[tuple[int, dict[int, str]]]


def _language_name(code: str) -> str:
    return str(dict(LANGUAGE_CHOICES)[code])


# -- The file ------------------------------------------------------------------------------------


# An .xls workbook (Excel 97-2003, as older KoboToolbox and ODK tools save forms) is an OLE2
# compound file.
XLS_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XLSX = ".xlsx"
XLS = ".xls"


def _format_checked(content: bytes, reading: Reading) -> str | None:
    """ ".xlsx" or ".xls", or None (a problem said why)."""
    if content.startswith(XLS_SIGNATURE):
        return XLS
    if not zipfile.is_zipfile(io.BytesIO(content)):
        reading.problem(
            "",
            None,
            "",
            _(
                "This file is not an XLSX workbook (a spreadsheet saved by Excel, LibreOffice or "
                "Google Sheets as .xlsx), whatever its name says."
            ),
        )
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        entries = []
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        reading.problem(
            "",
            None,
            "",
            _("This file is a zip archive but not an XLSX workbook, whatever its name says."),
        )
        return None
    if sum(entry.file_size for entry in entries) > UNCOMPRESSED_MAX_SIZE:
        reading.problem(
            "", None, "", _("This workbook is too large once unpacked to be a questionnaire.")
        )
        return None
    return XLSX


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return xlsx_value_to_str(value).strip()


class _TooLarge(Exception):
    pass


def _sheet_rows(
    name: str, rows: Iterable[Iterable[str]], reading: Reading
) -> tuple[dict[int, str], list[tuple[int, dict[int, str]]]]:
    """A sheet's headers and rows with text, from its cells' texts row by row."""
    headers: dict[int, str] = {}
    kept: list[tuple[int, dict[int, str]]] = []
    for number, values in enumerate(rows, start=1):
        if number > SHEET_MAX_ROWS + 1:
            reading.problem(
                name, None, "", _("This sheet has more than %(n)d rows.") % {"n": SHEET_MAX_ROWS}
            )
            raise _TooLarge
        texts = {
            index: text
            for index, value in enumerate(itertools.islice(values, SHEET_MAX_COLUMNS))
            if (text := value)
        }
        if number == 1:
            headers = {index: " ".join(text.split()) for index, text in texts.items()}
        elif texts:
            kept.append((number, texts))
    return headers, kept


def _xlsx_sheets(content: bytes, reading: Reading) -> dict[str, _Sheet] | None:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        logger.info("Unreadable XLSForm workbook: %r", error)
        reading.problem("", None, "", _("The workbook could not be read: it is damaged."))
        return None
    sheets: dict[str, _Sheet] = {}
    try:
        reading.sheets = list(workbook.sheetnames)
        for name in workbook.sheetnames:
            lowered = name.strip().lower()
            if lowered not in ("survey", "choices", "settings"):
                continue
            worksheet = workbook[name]
            worksheet.reset_dimensions()
            rows = (
                (_cell_text(value) for value in values)
                for values in worksheet.iter_rows(values_only=True)
            )
            headers, kept = _sheet_rows(name, rows, reading)
            sheets[lowered] = _Sheet(name=name, headers=_tokens(lowered, headers), rows=kept)
    except _TooLarge:
        return None
    finally:
        workbook.close()
    return sheets


def _xls_sheets(content: bytes, reading: Reading) -> dict[str, _Sheet] | None:
    try:
        workbook = xlrd.open_workbook(file_contents=content, on_demand=True)
    except Exception as error:  # xlrd raises many kinds on a damaged file
        logger.info("Unreadable XLSForm .xls workbook: %r", error)
        reading.problem("", None, "", _("The workbook could not be read: it is damaged."))
        return None
    sheets: dict[str, _Sheet] = {}
    try:
        reading.sheets = list(workbook.sheet_names())
        for name in reading.sheets:
            lowered = name.strip().lower()
            if lowered not in ("survey", "choices", "settings"):
                continue
            worksheet = workbook.sheet_by_name(name)
            rows = (
                (
                    xls_value_to_unicode(cell.value, cell.ctype, workbook.datemode).strip()
                    if cell.ctype not in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)
                    else ""
                    for cell in worksheet.row(index)
                )
                for index in range(worksheet.nrows)
            )
            headers, kept = _sheet_rows(name, rows, reading)
            sheets[lowered] = _Sheet(name=name, headers=_tokens(lowered, headers), rows=kept)
    except _TooLarge:
        return None
    except Exception as error:
        logger.info("Unreadable XLSForm .xls workbook: %r", error)
        reading.problem("", None, "", _("The workbook could not be read: it is damaged."))
        return None
    finally:
        workbook.release_resources()
    return sheets


def _sheets_read(content: bytes, file_type: str, reading: Reading) -> dict[str, _Sheet] | None:
    """The workbook's XLSForm sheets by lower-cased name, or None (a problem said why)."""
    if file_type == XLS:
        return _xls_sheets(content, reading)
    return _xlsx_sheets(content, reading)


def _tokens(sheet: str, headers: dict[int, str]) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Each header with pyxform's reading of it (aliases, language suffixes)."""
    if sheet == "survey":
        header_aliases = aliases.survey_header
        columns = set(MultipleChoiceQuestion.get_slot_names())
    elif sheet == "choices":
        header_aliases = aliases.list_header
        columns = set(Option.get_slot_names())
    else:
        header_aliases = aliases.settings_header
        columns = set(Survey.get_slot_names())
    double_colon = any("::" in header for header in headers.values())
    return {
        index: (
            header,
            process_header(
                header=header,
                use_double_colon=double_colon,
                header_aliases=header_aliases,
                header_columns=columns,
            )[1],
        )
        for index, header in headers.items()
    }


def _pyxform_checked(content: bytes, file_type: str, reading: Reading, survey_sheet: str) -> bool:
    """Convert with pyxform: its refusal is a problem, its warnings are notes."""
    warnings: list[str] = []
    try:
        convert(xlsform=content, warnings=warnings, file_type=file_type)
    except PyXFormError as error:
        _pyxform_finding(reading, PROBLEM, str(error), survey_sheet)
        return False
    except Exception as error:  # pyxform fails in other ways on some malformed workbooks
        logger.info("pyxform failed on an XLSForm workbook: %r", error)
        _pyxform_finding(reading, PROBLEM, f"{type(error).__name__}: {error}", survey_sheet)
        return False
    for warning in warnings:
        _pyxform_finding(reading, NOTE, warning, survey_sheet)
    return True


def _pyxform_finding(reading: Reading, severity: str, message: str, survey_sheet: str) -> None:
    match = _ROW_NUMBER.search(message)
    row = int(match.group(1)) if match else None
    if severity == PROBLEM:
        text = _("The workbook could not be read: %(message)s") % {"message": message.strip()}
    else:
        text = _("pyxform warns: %(message)s") % {"message": message.strip()}
    sheet = ""
    if row:
        # pyxform names the sheet when it is not the survey ("On the 'choices' sheet, …").
        named = _SHEET_NAMED.search(message)
        lowered = named.group(1).lower() if named else "survey"
        sheet = next(
            (name for name in reading.sheets if name.strip().lower() == lowered), survey_sheet
        )
    reading.findings.append(Finding(severity, sheet, row, "", text))


# -- Languages -----------------------------------------------------------------------------------


def _text_column(tokens: tuple[str, ...], columns: dict) -> tuple[str, str | None] | None:
    """(field, language name or None) of a translatable column, else None."""
    for prefix, name in columns.items():
        if tokens[: len(prefix)] == prefix and len(tokens) <= len(prefix) + 1:
            rest = tokens[len(prefix) :]
            return name, rest[0] if rest else None
    return None


def _source_language(
    reading: Reading, settings: dict[str, str], sheets: dict[str, _Sheet]
) -> str | None:
    """The version's source language: the settings' default_language, else English when a
    column has no language, else the first language a column names."""
    declared = settings.get("default_language", "")
    if declared:
        code = code_for(declared)
        if code is None:
            reading.problem(
                sheets["settings"].name,
                2,
                "default_language",
                _(
                    "The default language “%(language)s” is not one Convive offers (English, "
                    "Spanish, Portuguese, French)."
                )
                % {"language": declared},
            )
        return code
    first_named = None
    for sheet, columns in (("survey", _TEXT_COLUMNS), ("choices", {("label",): "label"})):
        if sheet not in sheets:
            continue
        for _header, tokens in sheets[sheet].headers.values():
            found = _text_column(tokens, columns)
            if found is None:
                continue
            if found[1] is None:
                return "en"
            if first_named is None:
                first_named = code_for(found[1])
    return first_named or "en"


# -- Rows ----------------------------------------------------------------------------------------


class _Columns:
    """A sheet's columns sorted by what Convive does with them."""

    def __init__(self, reading: Reading, sheet: _Sheet, texts: dict, plain: dict, source: str):
        self.reading, self.sheet = reading, sheet
        self.plain: dict[int, str] = {}
        self.texts: dict[int, tuple[str, str]] = {}
        self.other: dict[int, str] = {}
        self.unoffered: dict[int, str] = {}
        self.order: list[str] = []
        for index, (header, tokens) in sorted(sheet.headers.items()):
            if tokens in plain:
                self.plain[index] = plain[tokens]
                continue
            found = _text_column(tokens, texts)
            if found is None:
                self.other[index] = header
                continue
            name, language = found
            code = source if language is None else code_for(language)
            if code is None:
                self.unoffered[index] = header
                continue
            self.texts[index] = (name, code)
            if code not in self.order:
                self.order.append(code)

    def row_texts(self, number: int, cells: dict[int, str]) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        for index, (name, code) in self.texts.items():
            text = cells.get(index, "")
            if not text:
                continue
            texts = found.setdefault(name, {})
            if texts.get(code, text) != text:
                self.reading.problem(
                    self.sheet.name,
                    number,
                    self.sheet.headers[index][0],
                    _("Another column gives a different text in %(language)s for this row.")
                    % {"language": _language_name(code)},
                )
            texts[code] = text
        return found

    def row_plain(self, cells: dict[int, str]) -> dict[str, str]:
        return {name: cells[index] for index, name in self.plain.items() if index in cells}

    def ignored_noted(self, rows: list[tuple[int, dict[int, str]]]) -> None:
        """One note per column whose values are not imported, naming its rows."""
        for index, header in sorted({**self.other, **self.unoffered}.items()):
            numbers = [number for number, cells in rows if index in cells]
            if not numbers:
                continue
            shown = ", ".join(str(number) for number in numbers[:10])
            if len(numbers) > 10:
                shown += ", …"
            if index in self.unoffered:
                message = _(
                    "This column is in a language Convive does not offer (it offers English, "
                    "Spanish, Portuguese and French): its texts (rows %(rows)s) were not "
                    "imported."
                )
            else:
                message = _(
                    "Convive does not use this column: its values (rows %(rows)s) were not "
                    "imported."
                )
            self.reading.note(self.sheet.name, numbers[0], header, message % {"rows": shown})


def _settings_read(sheets: dict[str, _Sheet], reading: Reading) -> dict[str, str]:
    sheet = sheets.get("settings")
    if sheet is None or not sheet.rows:
        return {}
    number, cells = sheet.rows[0]
    values: dict[str, str] = {}
    for index, (header, tokens) in sheet.headers.items():
        if index not in cells:
            continue
        name = tokens[0] if len(tokens) == 1 else header
        values[name] = cells[index]
        if name not in ("id_string", "title", "default_language", "version"):
            reading.note(
                sheet.name,
                number,
                header,
                _("Convive does not use this setting; it was not imported."),
            )
    return values


def _choices_read(sheets: dict[str, _Sheet], reading: Reading, source: str) -> list[str]:
    """Read the choice lists; the languages of the label columns, in the sheet's order."""
    sheet = sheets.get("choices")
    if sheet is None:
        return []
    columns = _Columns(
        reading,
        sheet,
        {("label",): "label"},
        {("list name",): "list_name", ("name",): "name"},
        source,
    )
    # Every other column a choice filter can name (not media, not KoboToolbox's "$kuid") is a
    # choice's own value that a choice filter may test.
    filters = {
        index: header
        for index, header in columns.other.items()
        if sheet.headers[index][1][0] not in ("media", "sms_option")
        and FILTER_COLUMN.fullmatch(header)
    }
    for index in filters:
        del columns.other[index]
    columns.ignored_noted(sheet.rows)
    for number, cells in sheet.rows:
        plain = columns.row_plain(cells)
        list_name, name = plain.get("list_name", ""), plain.get("name", "")
        if not list_name or not name:
            reading.note(
                sheet.name,
                number,
                "",
                _("A choice needs a list name and a name: this row was not imported."),
            )
            continue
        choice_list = reading.lists.setdefault(list_name, PlannedList(list_name, number))
        if any(choice.name == name for choice in choice_list.choices):
            reading.problem(
                sheet.name,
                number,
                "name",
                _("The list “%(list)s” has the choice “%(name)s” twice.")
                % {"list": list_name, "name": name},
            )
            continue
        choice_list.choices.append(
            PlannedChoice(
                row=number,
                name=name,
                label=columns.row_texts(number, cells).get("label", {}),
                filters={
                    header: cells[index] for index, header in filters.items() if index in cells
                },
            )
        )
    return columns.order


def _flag(value: str) -> bool | None:
    lowered = value.strip().lower()
    if not lowered or lowered in _FALSE:
        return False
    if lowered in _TRUE:
        return True
    return None


def _survey_read(sheets: dict[str, _Sheet], reading: Reading, source: str) -> list[str]:
    """Read the elements; the languages of the text columns, in the sheet's order."""
    sheet = sheets["survey"]
    columns = _Columns(reading, sheet, _TEXT_COLUMNS, _PLAIN_COLUMNS, source)
    columns.ignored_noted(sheet.rows)
    stack: list[PlannedElement] = []
    for number, cells in sheet.rows:
        plain = columns.row_plain(cells)
        type_text = " ".join(plain.get("type", "").split())
        if not type_text:
            reading.note(
                sheet.name, number, "type", _("This row has no type: it was not imported.")
            )
            continue
        if RE_END_CONTROL.match(type_text):
            if stack:
                stack.pop()
            continue
        element = _element_read(reading, sheet.name, number, type_text, plain)
        if element is None:
            continue
        element.parent_key = stack[-1].key if stack else ""
        for name, texts in columns.row_texts(number, cells).items():
            setattr(element, name, texts)
        reading.elements.append(element)
        if element.kind in Element.CONTAINERS:
            stack.append(element)
    return columns.order


def _element_read(
    reading: Reading, sheet: str, number: int, type_text: str, plain: dict[str, str]
) -> PlannedElement | None:
    key = plain.get("name", "")
    begin = RE_BEGIN_CONTROL.match(type_text)
    select = RE_SELECT.match(type_text)
    list_name, or_other = "", False
    if begin:
        control = aliases.control[begin.group("type")]
        if control not in ("group", "repeat") or begin.group("list_name"):
            reading.problem(
                sheet,
                number,
                "type",
                _("“%(type)s” is not supported: use a group or a repeat.") % {"type": type_text},
            )
            return None
        kind = Kind.GROUP if control == "group" else Kind.REPEAT
    elif select:
        command = aliases.select.get(select.group("select_command"))
        kind = _SELECT_KINDS.get(command)
        if kind is None or select.group("select_command") in aliases.select_from_file:
            reading.unsupported(
                sheet,
                number,
                "type",
                _(
                    "“%(type)s” is not supported: choices come from the choices sheet, not "
                    "from a file or an external list."
                )
                % {"type": type_text},
                _(
                    "“%(type)s” takes its choices from a file or an external list, which Convive "
                    "does not: this row was left out, as asked."
                )
                % {"type": type_text},
            )
            return None
        list_name = select.group("list_name")
        or_other = select.group("specify_other") is not None
    elif type_text in _SIMPLE_KINDS:
        kind = _SIMPLE_KINDS[type_text]
    elif type_text in _IMAGE_TYPES:
        kind = Kind.FILE
        reading.note(
            sheet,
            number,
            "type",
            _("“%(type)s” was imported as a file upload, which accepts images among other files.")
            % {"type": type_text},
        )
    elif type_text in _METADATA_TYPES:
        reading.note(
            sheet,
            number,
            "type",
            _(
                "“%(type)s” is metadata that KoboToolbox and ODK record by themselves; Convive "
                "records its own (when an answer was started, saved and submitted, and by whom) "
                "and ignored this row."
            )
            % {"type": type_text},
        )
        return None
    else:
        reading.unsupported(
            sheet,
            number,
            "type",
            _("Convive has no question of the type “%(type)s”: remove this row or change its type.")
            % {"type": type_text},
            _("Convive has no question of the type “%(type)s”: this row was left out, as asked.")
            % {"type": type_text},
        )
        return None

    if not key:
        reading.problem(
            sheet,
            number,
            "name",
            _("This row has no name: every question and group needs one, its permanent key."),
        )
        return None

    appearance = plain.get("appearance", "").split()
    if kind == Kind.TEXT and "multiline" in appearance:
        kind = Kind.LONG_TEXT
        appearance.remove("multiline")
    if kind == Kind.SELECT_ONE and "likert" in appearance:
        kind = Kind.LIKERT
        appearance.remove("likert")
    element = PlannedElement(
        row=number,
        key=key,
        kind=kind,
        list_name=list_name,
        or_other=or_other,
        appearance=" ".join(appearance),
        relevant=_expression(plain.get("relevant", "")),
        constraint=_expression(plain.get("constraint", "")),
        calculation=_expression(plain.get("calculation", "")),
        choice_filter=_expression(plain.get("choice_filter", "")),
        default=plain.get("default", ""),
        tags=plain.get("tags", "").replace(",", " ").split(),
    )
    required = _flag(plain.get("required", ""))
    if required is None:
        reading.problem(
            sheet,
            number,
            "required",
            _(
                "“%(value)s” is not yes or no: a question required only under a condition is "
                "not supported (use a constraint)."
            )
            % {"value": plain["required"]},
        )
    element.required = bool(required)
    sensitive = _flag(plain.get("sensitive", ""))
    element.sensitive = bool(sensitive)
    count = plain.get("repeat_count", "")
    if count:
        if kind == Kind.REPEAT and count.isdigit() and 0 < int(count) <= 1000:
            element.repeat_max = int(count)
        else:
            reading.note(
                sheet,
                number,
                "repeat_count",
                _(
                    "The repeat count “%(count)s” was not imported: only a number is kept, as "
                    "the most rows; respondents add the rows they need."
                )
                % {"count": count},
            )
    return element


def _expression(text: str) -> str:
    # pyxform reads expressions with straight quotes; so does Convive.
    return clean_text_values(text.strip())


# -- Patterns of Convive's exports ----------------------------------------------------------------


def _same_choices(first: list[PlannedChoice], second: list[PlannedChoice]) -> bool:
    return [(c.name, c.label, c.filters) for c in first] == [
        (c.name, c.label, c.filters) for c in second
    ]


def _other_filter_removed(text: str) -> str:
    """A choice filter without the ``or name = 'other'`` an export adds to it."""
    try:
        node = parse(text, columns=True)
    except ExpressionError:
        return text
    other = Operation("=", Column("name"), String(OTHER_CHOICE))
    if isinstance(node, Operation) and node.operator == "or" and node.right == other:
        return to_xlsform(node.left)
    return text


def _or_other_read(reading: Reading) -> None:
    """A select on ``<list>_or_other`` (the list plus an "other" choice) followed by a text
    ``<key>_other`` shown when "other" is chosen is how Convive writes "other, specify"
    without pyxform's warning: read back as ``or_other`` on ``<list>``."""
    users: dict[str, list[PlannedElement]] = {}
    for element in reading.elements:
        if element.list_name:
            users.setdefault(element.list_name, []).append(element)
    consumed: set[int] = set()
    companions: set[str] = set()
    by_position = reading.elements
    for position, element in enumerate(by_position):
        match = COMPANION_LIST.match(element.list_name)
        if not match or element.or_other or position + 1 >= len(by_position):
            continue
        base = reading.lists.get(match.group("base"))
        companion = reading.lists.get(element.list_name)
        follower = by_position[position + 1]
        if base is None or companion is None or not companion.choices:
            continue
        if companion.choices[-1].name != OTHER_CHOICE or not _same_choices(
            companion.choices[:-1], base.choices
        ):
            continue
        if not _other_text(follower, element):
            continue
        element.list_name, element.or_other = base.name, True
        element.choice_filter = _other_filter_removed(element.choice_filter)
        consumed.add(id(follower))
        companions.add(companion.name)
    reading.elements = [element for element in reading.elements if id(element) not in consumed]
    for name in companions:
        if all(element.list_name != name for element in reading.elements):
            del reading.lists[name]


def _other_text(follower: PlannedElement, select: PlannedElement) -> bool:
    if follower.kind != Kind.TEXT or follower.key != select.key + OTHER_SUFFIX:
        return False
    if follower.parent_key != select.parent_key or follower.required:
        return False
    if follower.constraint or follower.calculation or follower.default or follower.appearance:
        return False
    try:
        relevant = to_xlsform(parse(follower.relevant))
    except ExpressionError:
        return False
    return relevant == f"selected(${{{select.key}}}, '{OTHER_CHOICE}')"


def _yes_no_read(reading: Reading) -> None:
    """``select_one yes_no`` on a list of exactly yes and no is a yes/no question, which keeps
    the list (its labels). Exports name the list ``yes_no_2``... when a list of that name holds
    other choices."""
    for name, choice_list in reading.lists.items():
        if not YES_NO_LIST_NAME.match(name):
            continue
        if [choice.name for choice in choice_list.choices] != YES_NO_CHOICES:
            continue
        for element in reading.elements:
            if (
                element.list_name == name
                and element.kind == Kind.SELECT_ONE
                and not element.or_other
                and not element.choice_filter
            ):
                element.kind = Kind.YES_NO


# -- The whole -----------------------------------------------------------------------------------


def workbook_read(content: bytes, *, leave_out: bool = False) -> Reading:
    """Read ``content``, an XLSForm workbook (.xlsx or .xls): the plan of a version, or
    problems saying why not (``Reading.refused``). Rows of types Convive has no question for
    are left out with a note when ``leave_out``, else refuse the import. Structure (keys,
    references, expressions) is checked by the caller with ``structure.problems``."""
    reading = Reading(leave_out=leave_out)
    file_type = _format_checked(content, reading)
    if file_type is None:
        return reading
    sheets = _sheets_read(content, file_type, reading)
    if sheets is None:
        return reading
    if "survey" not in sheets:
        reading.problem(
            "",
            None,
            "",
            _(
                "The workbook has no sheet named “survey”: an XLSForm lists its questions "
                "there (its sheets are: %(sheets)s)."
            )
            % {"sheets": ", ".join(reading.sheets)},
        )
        return reading
    reading.survey_sheet = sheets["survey"].name
    if not _pyxform_checked(content, file_type, reading, reading.survey_sheet):
        return reading
    settings = _settings_read(sheets, reading)
    source = _source_language(reading, settings, sheets)
    if source is None:
        return reading
    reading.source_language = source
    reading.form_id = settings.get("id_string", "")
    reading.title = settings.get("title", "")
    choice_languages = _choices_read(sheets, reading, source)
    survey_languages = _survey_read(sheets, reading, source)
    _or_other_read(reading)
    _yes_no_read(reading)
    if (
        reading.left_out
        and not reading.refused
        and not any(element.kind not in Element.UNANSWERED for element in reading.elements)
    ):
        reading.problem(
            reading.survey_sheet,
            None,
            "",
            _(
                "Without the rows Convive has no question for, the workbook has no question "
                "left to answer: nothing was imported."
            ),
        )
        return reading
    used = {code for texts in _all_texts(reading) for code in texts}
    for code in survey_languages + choice_languages:
        if code in used and code not in reading.languages:
            reading.languages.append(code)
    if source not in reading.languages:
        reading.languages.insert(0, source)
    return reading


def _all_texts(reading: Reading):
    for element in reading.elements:
        for name in TEXT_FIELDS:
            yield getattr(element, name)
    for choice_list in reading.lists.values():
        for choice in choice_list.choices:
            yield choice.label


def expressions_canonical(reading: Reading) -> None:
    """Write every expression of a checked reading in canonical form (``to_xlsform``)."""
    for element in reading.elements:
        for name in EXPRESSION_FIELDS:
            text = getattr(element, name)
            if text:
                node = parse(text, columns=name == "choice_filter")
                setattr(element, name, to_xlsform(node))


def usable_form_id(text: str) -> str:
    """``text`` made a usable form_id: at most 80 letters, digits, hyphens and underscores,
    every other run of characters an underscore ("" when nothing is left)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_-")[:80].strip("_-")


def form_id_from_filename(filename: str) -> str:
    """The form_id pyxform gives a workbook whose settings name none: its file's name without
    the extension, made usable."""
    name = re.split(r"[\\/]", filename)[-1]
    return usable_form_id(name.rsplit(".", 1)[0] if "." in name else name)


def field_column(name: str) -> str:
    """The survey column a structural problem's field is read from."""
    return _FIELD_COLUMNS.get(name, name)
