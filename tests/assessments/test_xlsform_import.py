"""Importing XLSForm workbooks: what becomes of each row, and the precise report of every row
that cannot be imported, by sheet and row."""

import io
import zipfile

import pytest

from assessments.models import Choice, Element, Questionnaire, QuestionnaireVersion
from assessments.services_xlsform import xlsform_import
from network.roles import Role
from tests.assessments.xlsforms.build import needs_assessment, workbook
from tests.network.conftest import person

pytestmark = pytest.mark.django_db

Kind = Element.Kind


@pytest.fixture
def researcher():
    return person(Role.RESEARCHER)


def simple(survey: list[list], choices: list[list] | None = None, settings=None) -> bytes:
    sheets = {"survey": survey}
    if choices is not None:
        sheets["choices"] = choices
    sheets["settings"] = settings or [["form_id", "form_title"], ["test_form", "Test form"]]
    return workbook(sheets)


def located(result) -> list[tuple[str, int | None, str]]:
    return [(f.sheet, f.row, f.column) for f in result.problems]


def test_the_needs_assessment_imports_with_everything_in_place(researcher):
    result = xlsform_import(workbook=needs_assessment(), by=researcher, questionnaire=None)

    assert result.problems == []
    version = result.version
    assert version.status == QuestionnaireVersion.Status.DRAFT
    assert version.number == 1
    assert version.questionnaire.form_id == "needs_2026"
    assert version.questionnaire.title == {"en": "Needs assessment 2026"}
    assert version.source_language == "en"
    assert version.languages == ["en", "es", "pt", "fr"]
    assert version.created_by == researcher
    elements = {e.key: e for e in version.elements.select_related("parent", "choice_list")}
    # Groups, a nested group and a repeat, with their children in order.
    assert elements["office"].parent.key == "capacity"
    assert elements["has_office"].parent.key == "office"
    assert [e.key for e in elements["capacity"].children.order_by("position")] == [
        "country",
        "region",
        "staff",
        "office",
    ]
    assert elements["programmes"].kind == Kind.REPEAT
    assert elements["programmes"].repeat_max == 10
    assert elements["programme_name"].parent.key == "programmes"
    # Four languages, each column spelt differently.
    assert elements["staff"].label == {
        "en": "Staff working with migrants",
        "es": "Personal que trabaja con migrantes",
        "pt": "Pessoal que trabalha com migrantes",
        "fr": "Personnel travaillant avec les migrants",
    }
    assert elements["staff"].hint["fr"] == "Équivalent temps plein"
    assert elements["staff"].constraint_message["pt"] == "Entre 0 e 9999"
    # Logic, in canonical form.
    assert elements["staff"].required is True
    assert elements["region"].required is True  # TRUE()
    assert elements["staff"].constraint == ". >= 0 and . < 10000"
    assert elements["office_name"].relevant == "${has_office} = 'yes'"
    assert elements["staff_share"].calculation == "if(${staff} > 0, 1 div ${staff}, 0)"
    assert elements["region"].choice_filter == "country = ${country}"
    # Kinds XLSForm spells with appearances and lists.
    assert elements["has_office"].kind == Kind.YES_NO
    assert elements["has_office"].choice_list.name == "yes_no"
    assert elements["coordination"].kind == Kind.LIKERT
    assert elements["coordination"].appearance == ""
    assert elements["coordination_notes"].kind == Kind.LONG_TEXT
    assert elements["capacity"].appearance == "field-list"
    assert elements["services_offered"].or_other is True
    assert elements["services_offered"].choice_list.name == "services"
    assert elements["priorities"].kind == Kind.RANK
    assert elements["practice_file"].kind == Kind.FILE
    assert elements["thanks_note"].kind == Kind.NOTE
    # Cascading choices keep their filter column; yes/no questions keep their list's labels.
    regions = Choice.objects.filter(choice_list__version=version, choice_list__name="regions")
    assert {c.name: c.filters for c in regions} == {
        "BA": {"country": "AR"},
        "CB": {"country": "AR"},
        "AN": {"country": "CO"},
    }
    assert sorted(version.choice_lists.values_list("name", flat=True)) == [
        "agreement",
        "countries",
        "priorities",
        "regions",
        "services",
        "yes_no",
    ]
    assert [c.name for c in regions.order_by("position")] == ["BA", "CB", "AN"]
    # The ignored metadata is said, as a note, with its row.
    assert ("survey", 2, "type") in [(n.sheet, n.row, n.column) for n in result.notes]


def test_a_second_import_into_a_questionnaire_is_its_next_draft(researcher):
    first = xlsform_import(workbook=needs_assessment(), by=researcher).version
    second = xlsform_import(
        workbook=needs_assessment(), by=researcher, questionnaire=first.questionnaire
    ).version
    assert second.questionnaire == first.questionnaire
    assert second.number == 2


def test_a_form_id_taken_by_another_questionnaire_is_refused(researcher):
    xlsform_import(workbook=needs_assessment(), by=researcher)
    result = xlsform_import(workbook=needs_assessment(), by=researcher)
    assert result.version is None
    assert located(result) == [("settings", 2, "form_id")]
    assert Questionnaire.objects.count() == 1


@pytest.mark.parametrize(
    "column, code",
    [
        ("label::Español (es)", "es"),
        ("label::es", "es"),
        ("label::Spanish", "es"),
        ("label::español", "es"),
        ("label::Français (fr)", "fr"),
        ("label::Português (pt)", "pt"),
        ("label::pt-BR", "pt"),
        ("label::English (en)", "en"),
        ("label:English", "en"),
    ],
)
def test_language_columns_in_their_usual_spellings(researcher, column, code):
    result = xlsform_import(
        workbook=simple([["type", "name", column], ["text", "q", "Texte"]]), by=researcher
    )
    assert result.version.elements.get().label == {code: "Texte"}
    assert result.version.source_language == code
    assert result.version.languages == [code]


def test_the_default_language_names_the_plain_columns(researcher):
    result = xlsform_import(
        workbook=simple(
            [
                ["type", "name", "label", "label::English (en)"],
                ["text", "q", "Pregunta", "Question"],
            ],
            settings=[["form_id", "default_language"], ["f", "Español (es)"]],
        ),
        by=researcher,
    )
    version = result.version
    assert version.source_language == "es"
    assert version.elements.get().label == {"es": "Pregunta", "en": "Question"}


def test_or_other_with_a_choice_filter_is_refused_by_pyxform_with_its_row(researcher):
    result = xlsform_import(
        workbook=simple(
            [
                ["type", "name", "label", "choice_filter"],
                ["select_one c", "a", "A", ""],
                ["select_one c or_other", "b", "B", "name != ${a}"],
            ],
            [["list_name", "name", "label"], ["c", "x", "X"], ["c", "y", "Y"]],
        ),
        by=researcher,
    )
    assert result.version is None
    [problem] = result.problems
    assert (problem.sheet, problem.row) == ("survey", 3)
    assert problem.message.startswith("The workbook could not be read: ")
    assert "or_other" in problem.message


@pytest.mark.parametrize(
    "type_",
    ["geopoint", "audio", "barcode", "time", "datetime", "range", "select_one_from_file x.csv"],
)
def test_each_unsupported_type_is_refused_with_its_sheet_and_row(researcher, type_):
    survey = [
        ["type", "name", "label", "parameters"],
        ["text", "first", "First", ""],
        [type_, "odd", "Odd", "start=0;end=10;step=1" if type_ == "range" else ""],
    ]
    result = xlsform_import(workbook=simple(survey), by=researcher)
    assert result.version is None
    assert located(result) == [("survey", 3, "type")]
    assert type_ in result.problems[0].message
    assert not QuestionnaireVersion.objects.exists()


def test_metadata_rows_are_ignored_and_said(researcher):
    survey = [
        ["type", "name", "label"],
        ["start", "start", ""],
        ["end", "end", ""],
        ["deviceid", "deviceid", ""],
        ["text", "q", "Q"],
        ["today", "today", ""],
    ]
    result = xlsform_import(workbook=simple(survey), by=researcher)
    assert result.version is not None
    assert [e.key for e in result.version.elements.all()] == ["q"]
    assert [(n.row, n.column) for n in result.notes if n.column == "type"] == [
        (2, "type"),
        (3, "type"),
        (4, "type"),
        (6, "type"),
    ]


def test_expressions_outside_the_language_are_refused_by_row_and_column(researcher):
    survey = [
        ["type", "name", "label", "relevant", "constraint", "calculation"],
        ["integer", "age", "Age", "", "", ""],
        ["text", "name_q", "Name", "string-length(${age}) > 0", "", ""],
        ["text", "joined", "Joined", "", "", ""],
        ["calculate", "both", "", "", "", "concat(${name_q}, ${joined})"],
        ["integer", "staff", "Staff", "", "round(., 2) = .", ""],
    ]
    result = xlsform_import(workbook=simple(survey), by=researcher)
    assert result.version is None
    assert located(result) == [("survey", 5, "calculation"), ("survey", 6, "constraint")]
    assert not Element.objects.exists()


def test_a_conditional_required_and_an_unusable_repeat_count_are_reported(researcher):
    survey = [
        ["type", "name", "label", "required", "repeat_count"],
        ["integer", "n", "How many", "", ""],
        ["begin repeat", "rows", "Rows", "", "${n}"],
        ["text", "what", "What", "${n} > 2", ""],
        ["end repeat", "", "", "", ""],
    ]
    result = xlsform_import(workbook=simple(survey), by=researcher)
    assert located(result) == [("survey", 4, "required")]
    assert ("survey", 3, "repeat_count") in [(n.sheet, n.row, n.column) for n in result.notes]


def test_columns_convive_does_not_use_are_said_with_their_rows(researcher):
    survey = [
        ["type", "name", "label", "media::image", "read_only"],
        ["text", "a", "A", "a.png", ""],
        ["text", "b", "B", "", "yes"],
        ["text", "c", "C", "c.png", ""],
    ]
    result = xlsform_import(workbook=simple(survey), by=researcher)
    assert result.version is not None
    notes = {n.column: n for n in result.notes}
    assert notes["media::image"].row == 2
    assert "2, 4" in notes["media::image"].message
    assert notes["read_only"].row == 3


def test_a_language_convive_does_not_offer_is_said_and_left_out(researcher):
    survey = [
        ["type", "name", "label::English (en)", "label::Deutsch (de)"],
        ["text", "a", "A", "Ä"],
    ]
    result = xlsform_import(workbook=simple(survey), by=researcher)
    assert result.version.elements.get().label == {"en": "A"}
    assert [n.column for n in result.notes if n.sheet == "survey"] == ["label::Deutsch (de)"]


def test_a_structural_problem_is_named_by_row(researcher):
    survey = [
        ["type", "name", "label", "choice_filter"],
        ["select_one places", "place", "Place", "province = 'x'"],
    ]
    result = xlsform_import(
        workbook=simple(survey, [["list_name", "name", "label"], ["places", "a", "A"]]),
        by=researcher,
    )
    assert located(result) == [("survey", 2, "choice_filter")]


# -- Broken workbooks ---------------------------------------------------------------------------


def test_a_file_that_is_not_a_zip_is_refused(researcher):
    result = xlsform_import(workbook=b"type,name,label\ntext,q,Q\n", by=researcher)
    assert result.version is None
    [problem] = result.problems
    assert "not an XLSX workbook" in problem.message


def test_a_zip_that_is_not_a_workbook_is_refused(researcher):
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    result = xlsform_import(workbook=content.getvalue(), by=researcher)
    assert "not an XLSX workbook" in result.problems[0].message


def test_a_workbook_without_a_survey_sheet_is_refused(researcher):
    result = xlsform_import(
        workbook=workbook({"questions": [["a"]], "choices": [["list_name", "name", "label"]]}),
        by=researcher,
    )
    [problem] = result.problems
    assert "no sheet named “survey”" in problem.message
    assert "questions, choices" in problem.message


def test_an_unmatched_begin_group_is_refused_with_its_row(researcher):
    survey = [
        ["type", "name", "label"],
        ["text", "a", "A"],
        ["begin group", "g", "G"],
        ["text", "b", "B"],
    ]
    result = xlsform_import(workbook=simple(survey), by=researcher)
    [problem] = result.problems
    assert problem.row == 3
    assert "Unmatched" in problem.message


def test_a_workbook_pyxform_refuses_is_refused_with_its_message(researcher):
    survey = [["type", "name", "label"], ["text", "a", "A"], ["text", "a", "Again"]]
    result = xlsform_import(workbook=simple(survey), by=researcher)
    [problem] = result.problems
    assert problem.message.startswith("The workbook could not be read: ")
    assert "'a'" in problem.message
    assert not Questionnaire.objects.exists()


def test_an_empty_file_is_refused(researcher):
    result = xlsform_import(workbook=b"", by=researcher)
    assert result.problems[0].message == "This file is empty."


def test_only_coordinators_and_researchers_import(db):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        xlsform_import(workbook=needs_assessment(), by=person())


def test_a_kobotoolbox_style_workbook_imports(researcher):
    """As KoboToolbox exports forms: its own columns ($kuid, $autoname), true/false flags,
    language columns on some fields only, no default language."""
    survey = [
        [
            "type",
            "$kuid",
            "name",
            "$autoname",
            "label::English (en)",
            "label::Español (es)",
            "hint::English (en)",
            "required",
            "relevant",
            "appearance",
        ],
        ["start", "k1", "start", "start", "", "", "", "", "", ""],
        ["end", "k2", "end", "end", "", "", "", "", "", ""],
        [
            "select_one yn",
            "k3",
            "works",
            "works",
            "Does it work?",
            "¿Funciona?",
            "",
            "true",
            "",
            "",
        ],
        [
            "text",
            "k4",
            "why",
            "why",
            "Why not?",
            "¿Por qué no?",
            "Explain",
            "false",
            "selected(${works}, 'no')",
            "multiline",
        ],
        ["integer", "k5", "count", "count", "How many?", "¿Cuántos?", "", "false", "", ""],
    ]
    choices = [
        ["list_name", "$kuid", "name", "label::English (en)", "label::Español (es)"],
        ["yn", "c1", "yes", "Yes", "Sí"],
        ["yn", "c2", "no", "No", "No"],
    ]
    settings = [["form_title", "form_id", "version"], ["Kobo form", "kobo_form", "vQ1"]]
    result = xlsform_import(
        workbook=workbook({"survey": survey, "choices": choices, "settings": settings}),
        by=researcher,
    )
    assert result.problems == []
    version = result.version
    assert version.languages == ["en", "es"]
    elements = {e.key: e for e in version.elements.all()}
    assert list(elements) == ["works", "why", "count"]
    assert elements["works"].required is True
    assert elements["why"].kind == Kind.LONG_TEXT
    assert elements["why"].relevant == "selected(${works}, 'no')"
    assert elements["why"].hint == {"en": "Explain"}
    noted = {(n.sheet, n.column) for n in result.notes}
    assert {("survey", "$kuid"), ("survey", "$autoname"), ("choices", "$kuid")} <= noted
    # pyxform's warning that Spanish has no hint column is kept as a note.
    assert any("hint" in n.message and n.message.startswith("pyxform warns") for n in result.notes)
