"""What real forms from KoboToolbox and ODK users bring: .xls workbooks (older tools save forms
in Excel 97-2003), no form_id in the settings (pyxform then names the form after its file),
form_ids with spaces, question types Convive has no question for (locations, times, barcodes,
recordings) that the importer may ask to leave out, rows without a name, and pyxform's
warnings about the choices sheet."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Element, Questionnaire, QuestionnaireVersion
from assessments.services_xlsform import xlsform_import
from network.roles import Role
from tests.assessments.xlsforms.build import workbook
from tests.network.conftest import person

pytestmark = pytest.mark.django_db

Kind = Element.Kind
IMPORT = reverse("assessments:xlsform_import")
# Made for these tests with xlwt, as Excel 97-2003 saves: a group with skip logic and a
# constraint in English and Spanish, a repeat with a date, a location and the start metadata.
LEGACY_FORM = Path(__file__).parent / "xlsforms" / "legacy_form.xls"

FIELD_FORM = {
    "survey": [
        ["type", "name", "label", "relevant"],
        ["start", "start", "", ""],
        ["text", "site", "Site", ""],
        ["geopoint", "where", "Where is it?", ""],
        ["time", "opened", "Opening time", ""],
        ["integer", "visitors", "Visitors a day", ""],
        ["audio", "interview", "Recorded interview", ""],
    ],
    "settings": [["form_id", "form_title"], ["field_visit", "Field visit"]],
}


@pytest.fixture
def researcher():
    return person(Role.RESEARCHER)


def test_an_xls_workbook_imports_with_its_groups_repeats_logic_and_languages(researcher):
    result = xlsform_import(
        workbook=LEGACY_FORM.read_bytes(),
        by=researcher,
        filename="legacy_form.xls",
        leave_out=True,
    )

    assert result.problems == []
    version = result.version
    elements = {e.key: e for e in version.elements.all()}
    assert set(elements) == {
        "office",
        "has_office",
        "staff",
        "programme",
        "programme_name",
        "programme_start",
    }
    assert elements["office"].kind == Kind.GROUP
    assert elements["staff"].parent_id == elements["office"].pk
    assert elements["programme"].kind == Kind.REPEAT
    assert elements["programme_start"].kind == Kind.DATE
    assert elements["has_office"].kind == Kind.YES_NO
    assert elements["has_office"].required
    assert elements["staff"].relevant == "${has_office} = 'yes'"
    assert elements["staff"].constraint_message == {"en": "From 0 to 500", "es": "De 0 a 500"}
    assert elements["staff"].label["es"] == "¿Cuántas personas trabajan en ella?"
    assert version.languages == ["en", "es"]
    # No form_id in its settings: named after its file, as pyxform does, and said.
    assert version.questionnaire.form_id == "legacy_form"
    assert dict(version.questionnaire.title) == {"en": "Legacy form"}
    said = [(n.row, n.column, n.message) for n in result.notes]
    assert any(
        column == "form_id" and "“legacy_form”, from the file's name" in message
        for _row, column, message in said
    )
    assert any(
        row == 11 and "“geopoint”" in message and "left out, as asked" in message
        for row, _column, message in said
    )


def test_an_xls_workbook_with_a_location_is_refused_unless_asked_to_leave_it_out(researcher):
    result = xlsform_import(
        workbook=LEGACY_FORM.read_bytes(), by=researcher, filename="legacy_form.xls"
    )
    assert result.version is None
    assert [(p.sheet, p.row, p.column, p.can_leave_out) for p in result.problems] == [
        ("survey", 11, "type", True)
    ]


def test_a_damaged_xls_workbook_is_refused(researcher):
    content = LEGACY_FORM.read_bytes()[:2048]
    result = xlsform_import(workbook=content, by=researcher, filename="legacy_form.xls")
    assert result.version is None
    assert [p.message for p in result.problems] == [
        "The workbook could not be read: it is damaged."
    ]


def test_rows_convive_has_no_question_for_are_left_out_when_asked_each_one_said(researcher):
    refused = xlsform_import(workbook=workbook(FIELD_FORM), by=researcher)
    assert refused.version is None
    assert [(p.row, p.can_leave_out) for p in refused.problems] == [
        (4, True),
        (5, True),
        (7, True),
    ]

    result = xlsform_import(workbook=workbook(FIELD_FORM), by=researcher, leave_out=True)

    assert result.problems == []
    assert {e.key for e in result.version.elements.all()} == {"site", "visitors"}
    left_out = [(n.row, n.message) for n in result.notes if "left out, as asked" in n.message]
    assert [row for row, _message in left_out] == [4, 5, 7]
    assert "“geopoint”" in left_out[0][1] and "“audio”" in left_out[2][1]


def test_logic_that_needs_a_row_left_out_is_refused_with_its_row(researcher):
    sheets = {
        "survey": FIELD_FORM["survey"] + [["text", "why", "Why no visitors?", "${opened} != ''"]],
        "settings": FIELD_FORM["settings"],
    }
    result = xlsform_import(workbook=workbook(sheets), by=researcher, leave_out=True)
    assert result.version is None
    assert [(p.row, p.column) for p in result.problems] == [(8, "relevant")]
    assert "opened" in result.problems[0].message


def test_a_workbook_with_nothing_left_once_rows_are_left_out_is_refused(researcher):
    sheets = {
        "survey": [["type", "name", "label"], ["geopoint", "where", "Where?"]],
        "settings": [["form_id"], ["only_a_place"]],
    }
    result = xlsform_import(workbook=workbook(sheets), by=researcher, leave_out=True)
    assert result.version is None
    assert "no question left to answer" in result.problems[0].message
    assert not Questionnaire.objects.exists()


def test_a_form_id_with_spaces_becomes_a_usable_one_and_is_said(researcher):
    sheets = {
        "survey": [["type", "name", "label"], ["text", "q", "Q"]],
        "settings": [["form_id", "form_title"], ["Spec test 2", "Spec"]],
    }
    result = xlsform_import(workbook=workbook(sheets), by=researcher)
    assert result.version.questionnaire.form_id == "Spec_test_2"
    assert [(n.sheet, n.row, n.column) for n in result.notes] == [("settings", 2, "form_id")]


def test_without_a_form_id_or_a_file_name_the_form_id_is_asked_for(researcher):
    sheets = {"survey": [["type", "name", "label"], ["text", "q", "Q"]]}
    result = xlsform_import(workbook=workbook(sheets), by=researcher, filename="...xlsx")
    assert result.version is None
    assert [p.column for p in result.problems] == ["form_id"]


def test_a_row_without_a_name_is_named_by_its_row(researcher):
    sheets = {
        "survey": [["type", "name", "label"], ["note", "", "Welcome"], ["text", "q", "Q"]],
        "settings": [["form_id"], ["no_name"]],
    }
    result = xlsform_import(workbook=workbook(sheets), by=researcher)
    assert result.version is None
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (2, "name", "This row has no name: every question and group needs one, its permanent key.")
    ]


def test_a_pyxform_warning_about_the_choices_sheet_is_placed_on_it(researcher):
    sheets = {
        "survey": [["type", "name", "label"], ["select_one colours", "colour", "Colour"]],
        "choices": [
            ["list_name", "name", "label"],
            ["colours", "red", ""],
            ["colours", "blue", "Blue"],
        ],
        "settings": [["form_id"], ["colours"]],
    }
    result = xlsform_import(workbook=workbook(sheets), by=researcher)
    warned = [n for n in result.notes if n.message.startswith("pyxform warns")]
    assert warned and {(n.sheet, n.row) for n in warned} == {("choices", 2)}


def test_the_page_takes_an_xls_file_names_the_form_after_it_and_leaves_rows_out(client):
    user = person(Role.RESEARCHER)
    client.force_login(user)
    upload = SimpleUploadedFile(
        "Encuesta municipal.xls", LEGACY_FORM.read_bytes(), content_type="application/vnd.ms-excel"
    )

    refused = client.post(IMPORT, {"workbook": upload})
    text = refused.content.decode()
    assert "Nothing was imported" in text
    assert "1 of these is a row of a type Convive has no question for" in text
    assert not QuestionnaireVersion.objects.exists()

    upload.seek(0)
    response = client.post(IMPORT, {"workbook": upload, "leave_out": "on"}, follow=True)
    version = QuestionnaireVersion.objects.get()
    assert response.redirect_chain[-1][0].endswith(
        reverse("assessments:version_detail", kwargs={"pk": version.pk})
    )
    assert version.questionnaire.form_id == "Encuesta_municipal"
    page = response.content.decode()
    assert "this row was left out, as asked" in page
    assert "“Encuesta_municipal”, from the file&#x27;s name" in page
