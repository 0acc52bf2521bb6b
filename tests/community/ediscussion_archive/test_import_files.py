"""Reading an archive's files (ediscussions/imports/files.py): the weekly questions from CSV (as
spreadsheets save it) or XLSX, with the line of a mistake named; messages from an mbox, a folder
of .eml files or an uploaded zip, whose other entries are reported, never skipped unsaid."""

import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from network.community.ediscussions.imports import files as archive_files
from tests.community.ediscussion_archive.helpers import ARCHIVE, QUESTIONS


def test_the_questions_csv_gives_weeks_with_their_questions_in_each_language():
    weeks = archive_files.questions_read(content=QUESTIONS.read_bytes())
    assert [(week.number, week.opens_at) for week in weeks] == [
        (1, datetime(2023, 3, 6, 9, tzinfo=UTC)),
        (2, datetime(2023, 3, 13, 9, tzinfo=UTC)),
        (3, datetime(2023, 3, 20, 9, tzinfo=UTC)),
    ]
    assert [[question.number for question in week.questions] for week in weeks] == [
        [1, 2],
        [3, 4],
        [5],
    ]
    assert weeks[1].questions[0].texts["fr"] == "Comment travaillez-vous avec votre diaspora ?"
    assert weeks[1].questions[0].texts["pt"] == ""


def test_a_spreadsheets_csv_with_semicolons_in_the_windows_encoding_is_read():
    content = (
        "Week;Opens;Question;ES\r\n1;2021-03-01;1;¿Cómo trabaja su ciudad con la diáspora?\r\n"
    ).encode("cp1252")
    weeks = archive_files.questions_read(content=content)
    assert weeks[0].questions[0].texts["es"] == "¿Cómo trabaja su ciudad con la diáspora?"
    assert weeks[0].opens_at == datetime(2021, 3, 1, tzinfo=UTC)


def test_an_xlsx_workbook_is_read_with_its_date_cells():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["week", "opens", "question", "en", "fr"])
    sheet.append([1, date(2022, 5, 2), 1, "How do you work with the diaspora?", ""])
    sheet.append([2, datetime(2022, 5, 9, 10, 30), 2.0, "", "Quels partenaires ?"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    weeks = archive_files.questions_read(content=buffer.getvalue())
    assert [(week.number, week.opens_at) for week in weeks] == [
        (1, datetime(2022, 5, 2, tzinfo=UTC)),
        (2, datetime(2022, 5, 9, 10, 30, tzinfo=UTC)),
    ]
    assert weeks[1].questions[0].texts == {
        "en": "",
        "es": "",
        "pt": "",
        "fr": "Quels partenaires ?",
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("week,opens,question,de\n", "Line 1: unknown column “de”"),
        ("week,question,en\n1,1,How?\n", "Line 1: the first row names the columns"),
        ("week,opens,question,en\n1,,1,How?\n", "Line 2: give the date week 1 opens"),
        ("week,opens,question,en\n1,01/03/2021,1,How?\n", "Line 2: write the date as 2021-03-01"),
        ("week,opens,question,en\n1,2021-03-01,x,How?\n", "Line 2: the question must be a number"),
        (
            "week,opens,question,en\n1,2021-03-01,1,How?\n1,2021-03-01,1,Why?\n",
            "Line 3: question 1 appears twice.",
        ),
        (
            "week,opens,question,en\n1,2021-03-01,1,How?\n1,2021-03-02,2,Why?\n",
            "Line 3: week 1 has two different dates.",
        ),
        ("week,opens,question,en\n1,2021-03-01,1,\n", "Line 2: write question 1 in one language."),
        (
            "week,opens,question,en\n1,2021-03-08,1,How?\n2,2021-03-01,2,Why?\n",
            "Week 2 opens before week 1",
        ),
        ("week,opens,question,en\n", "The questions file has no question."),
    ],
)
def test_a_mistake_in_the_questions_is_refused_with_its_line(content, message):
    with pytest.raises(ValidationError) as error:
        archive_files.questions_read(content=content.encode())
    assert message in " ".join(error.value.messages)


def test_a_folder_of_eml_files_is_read_in_the_order_of_their_names(tmp_path):
    (tmp_path / "week2").mkdir()
    (tmp_path / "week2" / "b.eml").write_bytes(b"Subject: b\n\nB")
    (tmp_path / "a.EML").write_bytes(b"Subject: a\n\nA")
    (tmp_path / "notes.txt").write_text("not a message")
    messages = archive_files.eml_dir_messages(tmp_path)
    assert [message.label for message in messages] == ["a.EML", "week2/b.eml"]


def test_an_uploaded_zip_gives_its_messages_and_reports_its_other_files():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("replies/2.eml", b"Subject: two\n\nTwo")
        archive.writestr("replies/1.eml", b"Subject: one\n\nOne")
        archive.writestr("replies/readme.pdf", b"%PDF-1.4")
        archive.writestr("__MACOSX/replies/._1.eml", b"\x00\x05")
    messages = archive_files.uploaded_messages(SimpleUploadedFile("replies.zip", buffer.getvalue()))
    assert [(message.label, message.not_message) for message in messages] == [
        ("replies/1.eml", False),
        ("replies/2.eml", False),
        ("replies/readme.pdf", True),
    ]


def test_an_uploaded_mbox_is_read_and_anything_else_refused():
    messages = archive_files.uploaded_messages(
        SimpleUploadedFile("march.mbox", ARCHIVE.read_bytes())
    )
    assert len(messages) == 11
    assert messages[0].label == "march.mbox #1"
    with pytest.raises(ValidationError):
        archive_files.uploaded_messages(SimpleUploadedFile("notes.txt", b"Hello"))
