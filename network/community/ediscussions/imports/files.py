"""The files of an archived e-discussion, read for the import: its messages and its weekly
questions.

Messages come from an mbox (one file, "From " lines between messages), a folder of .eml files
(read in the order of their names, sub-folders included) or, uploaded on the website, an mbox or a
zip of .eml files. A zip's other entries are listed as unreadable, never skipped unsaid (but
folders and macOS's ``__MACOSX`` copies, which are no messages).

The questions file is a CSV (comma, semicolon or tab between columns; UTF-8, or the Windows
encoding spreadsheets save in), or an XLSX workbook (its first sheet), with a header row and one
row per question. Columns, by name, in any order (case does not matter):

- ``week``: the week's number (1, 2, ...);
- ``opens``: when the week's questions were sent: ``2021-03-01`` (midnight) or
  ``2021-03-01 09:00``, in the site's time zone (a date cell in XLSX). The other rows of the
  same week may leave it empty;
- ``question``: the question's number across the e-discussion (1, 2, 3... as in "Question 3");
- ``en``, ``es``, ``pt``, ``fr``: the question in each language it was asked in (at least one).

Example::

    week,opens,question,en,es,fr
    1,2021-03-01,1,How do you work with your diaspora?,¿Cómo trabajan con su diáspora?,
    1,,2,Which partners took part?,,Quels partenaires ont participé ?
    2,2021-03-08,3,What would you do differently?,,
"""

import csv
import io
import itertools
import mailbox
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import LANGUAGE_CODES

MAX_MESSAGES = 5000
# A zip is read entry by entry up to this many bytes once decompressed (a zip bomb stops here).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_QUESTIONS = 200
QUESTION_COLUMNS = ("week", "opens", "question", *LANGUAGE_CODES)


@dataclass(frozen=True)
class ArchivedMessage:
    """A message as archived: where it is in the archive (``label``) and its bytes. An entry
    that is no message (a zip's other files) has ``raw`` empty and ``not_message`` set."""

    label: str
    raw: bytes
    not_message: bool = False


@dataclass(frozen=True)
class QuestionRow:
    number: int
    texts: dict[str, str]


@dataclass(frozen=True)
class WeekRow:
    number: int
    opens_at: datetime
    questions: tuple[QuestionRow, ...]


# -- Messages -----------------------------------------------------------------------------------


def _too_many() -> ValidationError:
    return ValidationError(
        _("An archive may hold at most %(n)d messages: split it.") % {"n": MAX_MESSAGES}
    )


def mbox_messages(path: Path) -> list[ArchivedMessage]:
    """The messages of the mbox at ``path``, in its order."""
    box = mailbox.mbox(str(path), factory=None, create=False)
    messages = []
    try:
        for position, key in enumerate(box.keys(), start=1):
            if position > MAX_MESSAGES:
                raise _too_many()
            messages.append(ArchivedMessage(f"{path.name} #{position}", box.get_bytes(key)))
    finally:
        box.close()
    return messages


def eml_dir_messages(path: Path) -> list[ArchivedMessage]:
    """The .eml files under the folder ``path``, in the order of their names."""
    files = sorted(
        (file for file in path.rglob("*") if file.is_file() and file.suffix.lower() == ".eml"),
        key=lambda file: str(file.relative_to(path)),
    )
    if len(files) > MAX_MESSAGES:
        raise _too_many()
    return [ArchivedMessage(str(file.relative_to(path)), file.read_bytes()) for file in files]


def uploaded_messages(upload) -> list[ArchivedMessage]:
    """The messages of an uploaded archive: an mbox or a zip of .eml files, told apart by their
    content."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _zip_messages(upload)
    if head == b"From ":
        # mailbox reads files by path: the upload is copied to a temporary one.
        with tempfile.NamedTemporaryFile(suffix=".mbox") as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
            copy.flush()
            messages = mbox_messages(Path(copy.name))
        name = Path(upload.name or "archive.mbox").name
        return [
            ArchivedMessage(f"{name} #{position}", message.raw)
            for position, message in enumerate(messages, start=1)
        ]
    raise ValidationError(_("Upload an mbox file or a zip of .eml files."))


def _zip_messages(upload) -> list[ArchivedMessage]:
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError) as error:
        raise ValidationError(_("This zip file cannot be read.")) from error
    messages: list[ArchivedMessage] = []
    left = MAX_UNZIPPED_BYTES
    with archive:
        entries = sorted(archive.infolist(), key=lambda entry: entry.filename)
        for entry in entries:
            name = entry.filename
            if entry.is_dir() or name.startswith("__MACOSX/") or Path(name).name.startswith("._"):
                continue
            if len(messages) >= MAX_MESSAGES:
                raise _too_many()
            if not name.lower().endswith(".eml"):
                messages.append(ArchivedMessage(name, b"", not_message=True))
                continue
            try:
                with archive.open(entry) as file:
                    raw = file.read(left + 1)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as error:
                raise ValidationError(
                    _("The zip's entry %(name)s cannot be read.") % {"name": name}
                ) from error
            left -= len(raw)
            if left < 0:
                raise ValidationError(
                    _("Once unzipped, the archive is larger than %(n)d MB: split it.")
                    % {"n": MAX_UNZIPPED_BYTES // (1024 * 1024)}
                )
            messages.append(ArchivedMessage(name, raw))
    return messages


# -- Questions ----------------------------------------------------------------------------------


def questions_read(*, content: bytes) -> list[WeekRow]:
    """The weeks and their questions in a questions file (CSV or XLSX, see the module's
    docstring), in the order of their numbers. ``ValidationError`` naming the line of the
    first mistake."""
    is_workbook = content.startswith(b"PK\x03\x04")
    return _weeks(_xlsx_rows(content) if is_workbook else _csv_rows(content))


def _csv_rows(content: bytes) -> list[list[object]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    text = text.replace("\x00", "")
    first_line = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(content: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise ValidationError(_("This XLSX file cannot be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_QUESTIONS + 50)]
    finally:
        workbook.close()


def _line_error(line: int, message: str) -> ValidationError:
    return ValidationError(_("Line %(line)d: %(problem)s") % {"line": line, "problem": message})


def _cell(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _number(value: object, *, line: int, column: str, highest: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _cell(value)
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= highest:
        raise _line_error(
            line,
            _("the %(column)s must be a number from 1 to %(highest)d.")
            % {"column": column, "highest": highest},
        )
    return int(text)


def _moment(value: object, *, line: int) -> datetime | None:
    if value is None or _cell(value) == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    else:
        try:
            moment = datetime.fromisoformat(_cell(value))
        except ValueError:
            raise _line_error(
                line, _("write the date as 2021-03-01 or 2021-03-01 09:00.")
            ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _header(row: list[object]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, value in enumerate(row):
        name = _cell(value).lower()
        if not name:
            continue
        if name not in QUESTION_COLUMNS:
            raise _line_error(
                1,
                _("unknown column “%(name)s”: the columns are %(columns)s.")
                % {"name": name[:40], "columns": ", ".join(QUESTION_COLUMNS)},
            )
        if name in columns:
            raise _line_error(1, _("the column “%(name)s” appears twice.") % {"name": name})
        columns[name] = index
    missing = [name for name in ("week", "opens", "question") if name not in columns]
    if missing or not any(code in columns for code in LANGUAGE_CODES):
        raise _line_error(
            1,
            _(
                "the first row names the columns: week, opens, question and at least one of en, "
                "es, pt, fr."
            ),
        )
    return columns


def _weeks(rows: list[list[object]]) -> list[WeekRow]:
    if not rows:
        raise ValidationError(_("The questions file is empty."))
    columns = _header(rows[0])
    opens: dict[int, datetime] = {}
    questions: dict[int, list[QuestionRow]] = {}
    numbers: set[int] = set()
    for line, row in enumerate(rows[1:], start=2):
        values = {name: row[index] if index < len(row) else None for name, index in columns.items()}
        if not any(_cell(value) for value in values.values()):
            continue
        if len(numbers) >= MAX_QUESTIONS:
            raise _line_error(line, _("at most %(n)d questions.") % {"n": MAX_QUESTIONS})
        week = _number(values["week"], line=line, column="week", highest=52)
        number = _number(values["question"], line=line, column="question", highest=999)
        if number in numbers:
            raise _line_error(line, _("question %(n)d appears twice.") % {"n": number})
        numbers.add(number)
        moment = _moment(values["opens"], line=line)
        if moment is None and week not in opens:
            raise _line_error(
                line, _("give the date week %(n)d opens on its first row.") % {"n": week}
            )
        if moment is not None and opens.setdefault(week, moment) != moment:
            raise _line_error(line, _("week %(n)d has two different dates.") % {"n": week})
        texts = {code: str(values.get(code) or "").strip() for code in LANGUAGE_CODES}
        if not any(texts.values()):
            raise _line_error(line, _("write question %(n)d in one language.") % {"n": number})
        questions.setdefault(week, []).append(QuestionRow(number=number, texts=texts))
    if not questions:
        raise ValidationError(_("The questions file has no question."))
    weeks = [
        WeekRow(number=week, opens_at=opens[week], questions=tuple(questions[week]))
        for week in sorted(questions)
    ]
    for earlier, later in itertools.pairwise(weeks):
        if later.opens_at <= earlier.opens_at:
            raise ValidationError(
                _("Week %(later)d opens before week %(earlier)d: check their dates.")
                % {"later": later.number, "earlier": earlier.number}
            )
    return weeks
