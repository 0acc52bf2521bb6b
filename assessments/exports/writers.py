"""Writing an export's tables: CSV (a zip, one file per table), XLSX (one sheet per table),
SPSS .sav and Stata .dta (a zip, one file per table, with variable and value labels).

Each writer reads the rows once, as they come from the database, and writes them to ``target``
(a binary file open for writing). CSV and XLSX keep nothing in memory but the row at hand: each
table goes to a temporary file (openpyxl's write-only sheets do the same), joined at the end.
SPSS and Stata files are written by pyreadstat from a whole table in a data frame, so their
memory grows with the number of cells (about 40 bytes a cell: 60,000 answers take a few MB).

Every text cell of a CSV or XLSX, headers included, goes through
``network.spreadsheets.spreadsheet_safe``, the site's one rule against formula injection.
"""

import csv
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from datetime import date, datetime
from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from network.spreadsheets import spreadsheet_safe

from ..models import Element
from .plan import (
    ANSWER,
    CHOICE,
    META_DATETIME,
    META_INTEGER,
    ExportPlan,
    Table,
)
from .rows import SINGLE, RecordRows, numeric_codes, yes_no_labels

Kind = Element.Kind
Rows = Iterable[RecordRows]


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return str(value)


def _table_files(plan: ExportPlan, directory: str, suffix: str) -> dict[str, str]:
    return {table.name: os.path.join(directory, f"{table.name}{suffix}") for table in plan.tables}


def csv_zip_write(
    *, plan: ExportPlan, records: Rows, target: BinaryIO, labels: bool, language: str
) -> None:
    """A zip of ``responses.csv`` and one ``<repeat key>.csv`` per repeatable group (UTF-8
    with a byte order mark, which spreadsheet applications read as UTF-8)."""
    with tempfile.TemporaryDirectory(prefix="convive-export-") as directory:
        paths = _table_files(plan, directory, ".csv")
        with ExitStack() as files:
            writers = {
                name: csv.writer(
                    files.enter_context(open(path, "w", newline="", encoding="utf-8-sig"))
                )
                for name, path in paths.items()
            }
            for table in plan.tables:
                writers[table.name].writerow(
                    [_csv_text(h) for h in table.headers(labels=labels, language=language)]
                )
            for record in records:
                writers[plan.main.name].writerow([_csv_text(v) for v in record.main])
                for name, rows in record.repeats.items():
                    writers[name].writerows([_csv_text(v) for v in row] for row in rows)
        _zip(paths, target)


def _zip(paths: dict[str, str], target: BinaryIO) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in paths.values():
            archive.write(path, arcname=os.path.basename(path))


# -- XLSX --------------------------------------------------------------------------------------

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(name: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("_", name)[:31] or "sheet"
    title, number = base, 1
    while title.lower() in taken:
        number += 1
        title = f"{base[: 31 - len(str(number)) - 1]}_{number}"
    taken.add(title.lower())
    return title


def _xlsx_value(value):
    if isinstance(value, str):
        return spreadsheet_safe(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def xlsx_write(
    *, plan: ExportPlan, records: Rows, target: BinaryIO, labels: bool, language: str
) -> None:
    """A workbook written row by row (openpyxl's write-only mode): one sheet per table, the
    header row frozen and bold, numbers as numbers and dates as dates."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    sheets = {}
    bold = Font(bold=True)
    for table in plan.tables:
        sheet = workbook.create_sheet(_sheet_title(table.name, taken))
        sheet.freeze_panes = "A2"
        header = []
        for text in table.headers(labels=labels, language=language):
            cell = WriteOnlyCell(sheet, value=_xlsx_value(text))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        sheets[table.name] = sheet
    for record in records:
        sheets[plan.main.name].append([_xlsx_value(v) for v in record.main])
        for name, rows in record.repeats.items():
            for row in rows:
                sheets[name].append([_xlsx_value(v) for v in row])
    workbook.save(target)


# -- SPSS and Stata ----------------------------------------------------------------------------

STATA_NAME_MAX = 32
STATA_STRING_MAX = 2045


def variable_names(table: Table) -> list[str]:
    """The table's column names as SPSS and Stata accept them (letters, digits and ``_``,
    starting with a letter, at most 32 characters), unique."""
    names, taken = [], set()
    for column in table.columns:
        name = re.sub(r"[^A-Za-z0-9_]", "_", column.name).strip("_") or "v"
        if not name[0].isalpha():
            name = f"v{name}"
        name = name[:STATA_NAME_MAX]
        candidate, number = name, 1
        while candidate.lower() in taken:
            number += 1
            candidate = f"{name[: STATA_NAME_MAX - len(str(number)) - 1]}_{number}"
        taken.add(candidate.lower())
        names.append(candidate)
    return names


def _coded(column) -> bool:
    """Is the column a choice (or yes/no) written as numbers with value labels?"""
    return column.source == ANSWER and (column.kind in SINGLE or column.kind == Kind.YES_NO)


def _numeric(column) -> bool:
    if column.kind in (META_INTEGER, Kind.INTEGER, Kind.DECIMAL, Kind.FILE):
        return True
    return column.source == CHOICE or _coded(column)


def _number(value) -> float:
    if isinstance(value, bool) or value is None:
        return float("nan")
    if isinstance(value, int | float | Decimal):
        return float(value)
    return float("nan")  # text in a numeric column (a draft's typing) has no number


def stats_write(
    *,
    plan: ExportPlan,
    records: Rows,
    target: BinaryIO,
    labels: bool,
    language: str,
    file_format: str,
) -> None:
    """A zip of one SPSS (``file_format="sav"``) or Stata (``"dta"``) file per table.

    Variable names are the columns' codes (made valid), variable labels their headers in
    ``language``; choices and yes/no are numbers whose value labels are the choices' names
    (codes) or labels in ``language``; 0/1 columns of a multiple choice are numbers."""
    import pandas
    import pyreadstat

    columns_of: dict[str, list[list]] = {
        table.name: [[] for _column in table.columns] for table in plan.tables
    }

    def add(name: str, row: list) -> None:
        for values, value in zip(columns_of[name], row, strict=True):
            values.append(value)

    for record in records:
        add(plan.main.name, record.main)
        for name, rows in record.repeats.items():
            for row in rows:
                add(name, row)

    with tempfile.TemporaryDirectory(prefix="convive-export-") as directory:
        paths = _table_files(plan, directory, f".{file_format}")
        for table in plan.tables:
            names = variable_names(table)
            frame = {}
            value_labels = {}
            variable_labels = []
            for name, column, values in zip(
                names, table.columns, columns_of[table.name], strict=True
            ):
                variable_labels.append(column.header(labels=True, language=language)[:80])
                if _numeric(column):
                    frame[name] = pandas.Series([_number(v) for v in values], dtype="float64")
                    if _coded(column):
                        value_labels[name] = _value_labels(column, labels=labels, language=language)
                elif column.kind == META_DATETIME:
                    frame[name] = pandas.to_datetime(pandas.Series(values, dtype="object"))
                elif column.kind == Kind.DATE:
                    frame[name] = pandas.Series(
                        [v if isinstance(v, date) else None for v in values], dtype="object"
                    )
                else:
                    texts = ["" if v is None else str(v) for v in values]
                    if file_format == "dta":
                        texts = [_stata_text(text) for text in texts]
                    frame[name] = pandas.Series(texts, dtype="object")
            dataframe = pandas.DataFrame(frame)
            columns_of[table.name] = []  # the lists go as soon as the frame holds them
            writer: Callable = (
                pyreadstat.write_sav if file_format == "sav" else pyreadstat.write_dta
            )
            writer(
                dataframe,
                paths[table.name],
                column_labels=variable_labels,
                variable_value_labels=value_labels,
            )
            del dataframe, frame
        _zip(paths, target)


def _stata_text(text: str) -> str:
    """Stata's ``str`` holds at most 2045 bytes: a longer answer is cut (and says so)."""
    encoded = text.encode("utf-8")
    if len(encoded) <= STATA_STRING_MAX:
        return text
    return encoded[: STATA_STRING_MAX - 3].decode("utf-8", "ignore") + "…"


def _value_labels(column, *, labels: bool, language: str) -> dict[int, str]:
    codes = numeric_codes(column)
    if column.kind == Kind.YES_NO:
        names = yes_no_labels(language) if labels else {"yes": "yes", "no": "no"}
        return {code: names[name] for name, code in codes.items()}
    return {
        code: (column.choice_label(name, language) if labels else name)
        for name, code in codes.items()
    }
