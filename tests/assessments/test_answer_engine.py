"""The answering engine on its own: skip logic with ancestors, calculations, defaults, choice
filters, "other, specify", repeatable groups and each kind's checks, with their messages."""

from datetime import date

import pytest
from django.utils import translation

from assessments.answering import (
    LEADING_SECTION,
    Evaluation,
    Messages,
    choice_filter_parse,
    typed_value,
)
from assessments.expressions import ExpressionError
from assessments.models import Element

from .factories_answer import choices_add, element_add, structure_of, version_make

pytestmark = pytest.mark.django_db
Kind = Element.Kind


def errors_of(structure, data, section_key, language="en"):
    evaluation = Evaluation(structure, data, today=date(2025, 3, 14))
    with translation.override(language):
        return evaluation.section_errors(
            structure.section(section_key), messages=Messages(structure, language=language)
        )


def test_sections_are_top_level_groups_after_a_leading_page_of_loose_questions():
    version = version_make()
    element_add(version, "name", Kind.TEXT)
    capacity = element_add(version, "capacity", Kind.GROUP)
    element_add(version, "staff", Kind.INTEGER, parent=capacity)
    element_add(version, "services", Kind.GROUP)
    structure = structure_of(version)
    assert [s.key for s in structure.sections] == [LEADING_SECTION, "capacity", "services"]
    assert [s.number for s in structure.sections] == [1, 2, 3]


def test_a_question_is_shown_only_when_it_and_every_ancestor_are_relevant():
    version = version_make()
    element_add(version, "has_programmes", Kind.YES_NO)
    outer = element_add(version, "programmes", Kind.GROUP, relevant="${has_programmes} = 'yes'")
    inner = element_add(version, "budget", Kind.GROUP, parent=outer)
    amount = element_add(version, "amount", Kind.INTEGER, parent=inner, relevant="true()")
    structure = structure_of(version)
    item = structure.by_key[amount.key]
    assert not Evaluation(structure, {"has_programmes": "no"}).is_relevant(item)
    assert Evaluation(structure, {"has_programmes": "yes"}).is_relevant(item)
    # A whole section skipped leaves it out of the sections to answer.
    assert [s.key for s in Evaluation(structure, {}).relevant_sections()] == [LEADING_SECTION]


def test_calculations_run_in_dependency_order_and_are_kept_in_the_data():
    version = version_make()
    element_add(version, "total", Kind.CALCULATE, calculation="${women} + ${men}")
    element_add(version, "share", Kind.CALCULATE, calculation="${women} div ${total} * 100")
    element_add(version, "women", Kind.INTEGER)
    element_add(version, "men", Kind.INTEGER)
    structure = structure_of(version)
    # "share" is declared after "total" here but "total" after the numbers it adds.
    evaluation = Evaluation(structure, {"women": 30, "men": 70})
    assert evaluation.data["total"] == 100
    assert evaluation.data["share"] == 30
    assert evaluation.submitted_data()["share"] == 30


def test_a_required_question_left_blank_gets_the_authors_message_in_the_language():
    version = version_make()
    element_add(
        version,
        "population",
        Kind.INTEGER,
        required=True,
        required_message={"en": "Give the population.", "es": "Indique la población."},
    )
    element_add(version, "mayor", Kind.TEXT, required=True)
    structure = structure_of(version)
    errors = errors_of(structure, {}, LEADING_SECTION, language="es")
    assert errors["population"] == "Indique la población."
    assert "mayor" in errors  # ours, translated once the messages are merged
    assert errors_of(structure, {}, LEADING_SECTION)["mayor"] == "This question needs an answer."


def test_a_constraint_checks_the_answer_as_dot_with_its_message():
    version = version_make()
    element_add(
        version,
        "staff",
        Kind.INTEGER,
        constraint=". >= 0 and . <= 5000",
        constraint_message={"en": "Between 0 and 5000 people."},
    )
    element_add(version, "code", Kind.TEXT, constraint="regex(., '^[0-9]{5}$')")
    structure = structure_of(version)
    errors = errors_of(structure, {"staff": 9000, "code": "12"}, LEADING_SECTION)
    assert errors == {"staff": "Between 0 and 5000 people.", "code": "This answer is not accepted."}
    assert errors_of(structure, {"staff": 12, "code": "12345"}, LEADING_SECTION) == {}


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        (Kind.INTEGER, "twelve", "Enter a whole number, such as 12."),
        (Kind.INTEGER, "3.5", "Enter a whole number, such as 12."),
        (Kind.DECIMAL, "3,5,1", "Enter a number, such as 3.5."),
        (Kind.DATE, "14/03/2025", "Enter a date as year-month-day, such as 2025-03-14."),
        (Kind.DATE, "2025-02-30", "Enter a date as year-month-day, such as 2025-03-14."),
        (Kind.YES_NO, "maybe", "Answer yes or no."),
        (Kind.TEXT, "two\nlines", "Write this answer on one line."),
    ],
)
def test_each_kind_refuses_values_of_the_wrong_type_with_a_clear_message(kind, typed, message):
    version = version_make()
    element_add(version, "answer", kind)
    structure = structure_of(version)
    assert errors_of(structure, {"answer": typed_value(kind, typed)}, LEADING_SECTION) == {
        "answer": message
    }


@pytest.mark.parametrize(
    ("kind", "typed", "submitted"),
    [
        (Kind.INTEGER, " 12 ", 12),
        (Kind.INTEGER, "+0012", 12),
        (Kind.DECIMAL, "3,5", "3.5"),
        (Kind.DATE, "2025-03-14", "2025-03-14"),
        (Kind.TEXT, "  Villa Nueva ", "Villa Nueva"),
        (Kind.LONG_TEXT, "a\r\nb ", "a\nb"),
        (Kind.SELECT_MULTIPLE, ["a", "b"], ["a", "b"]),
    ],
)
def test_drafts_keep_what_was_typed_and_submissions_its_clean_value(kind, typed, submitted):
    version = version_make()
    if kind in Element.WITH_CHOICES:
        element_add(
            version,
            "answer",
            kind,
            choice_list=choices_add(version, "letters", [("a", "A"), ("b", "B")]),
        )
    else:
        element_add(version, "answer", kind)
    structure = structure_of(version)
    draft = typed_value(kind, typed)
    assert draft == (typed.replace("\r\n", "\n") if isinstance(typed, str) else typed)
    assert errors_of(structure, {"answer": draft}, LEADING_SECTION) == {}
    assert Evaluation(structure, {"answer": draft}).submitted_data() == {"answer": submitted}


def test_expressions_read_clean_values_and_null_characters_are_refused():
    version = version_make()
    element_add(version, "staff", Kind.INTEGER, constraint=". >= 10")
    element_add(version, "more", Kind.TEXT, relevant="${staff} > 99")
    element_add(version, "name", Kind.TEXT)
    structure = structure_of(version)
    evaluation = Evaluation(structure, {"staff": " 120 "})
    assert evaluation.is_relevant(structure.by_key["more"])
    assert errors_of(structure, {"staff": "0009", "name": "a\x00b"}, LEADING_SECTION) == {
        "staff": "This answer is not accepted.",
        "name": "Null characters are not allowed.",
    }
    # Digits of other scripts are not taken for numbers.
    assert errors_of(structure, {"staff": "٢٠٢٣"}, LEADING_SECTION) == {
        "staff": "Enter a whole number, such as 12."
    }


def test_choices_must_be_among_those_offered_and_ranking_keeps_its_order():
    version = version_make()
    priorities = choices_add(version, "priorities", [("housing", "Housing"), ("jobs", "Jobs")])
    element_add(version, "first", Kind.SELECT_ONE, choice_list=priorities)
    element_add(version, "ranked", Kind.RANK, choice_list=priorities)
    element_add(version, "scale", Kind.LIKERT, choice_list=priorities)
    structure = structure_of(version)
    errors = errors_of(
        structure, {"first": "schools", "ranked": ["jobs", "jobs"], "scale": "x"}, LEADING_SECTION
    )
    assert errors == {
        "first": "Choose among the choices offered.",
        "ranked": "Choose among the choices offered.",
        "scale": "Choose among the choices offered.",
    }
    assert (
        errors_of(structure, {"first": "jobs", "ranked": ["jobs", "housing"], "scale": "jobs"}, "0")
        == {}
    )


def test_a_choice_filter_offers_the_choices_whose_columns_match_the_answers():
    version = version_make()
    countries = choices_add(version, "countries", [("AR", "Argentina"), ("CO", "Colombia")])
    regions = choices_add(
        version,
        "regions",
        [
            ("cordoba", "Córdoba", {"country": "AR"}),
            ("mendoza", "Mendoza", {"country": "AR"}),
            ("antioquia", "Antioquia", {"country": "CO"}),
        ],
    )
    element_add(version, "country", Kind.SELECT_ONE, choice_list=countries)
    element_add(
        version, "region", Kind.SELECT_ONE, choice_list=regions, choice_filter="country=${country}"
    )
    structure = structure_of(version)
    region = structure.by_key["region"]
    evaluation = Evaluation(structure, {"country": "CO"})
    assert [c.name for c in evaluation.offered(region)] == ["antioquia"]
    # A region of another country is no longer accepted once the country changes.
    assert errors_of(structure, {"country": "CO", "region": "mendoza"}, "0") == {
        "region": "Choose among the choices offered."
    }
    # The choice's own name is a column too.
    assert choice_filter_parse("name != 'cordoba' and country = ${country}")


def test_a_broken_choice_filter_is_refused_with_its_position():
    with pytest.raises(ExpressionError) as caught:
        choice_filter_parse("country = = ${country}")
    assert "position" in caught.value.message


def test_other_specify_needs_its_text_when_other_is_chosen_and_drops_it_otherwise():
    version = version_make()
    services = choices_add(version, "services", [("health", "Health"), ("legal", "Legal aid")])
    element_add(version, "offered", Kind.SELECT_MULTIPLE, choice_list=services, or_other=True)
    structure = structure_of(version)
    assert errors_of(structure, {"offered": ["health", "other"]}, "0") == {
        "offered": "Say what “other” is."
    }
    data = {"offered": ["health", "other"], "offered_other": "Interpreters"}
    assert errors_of(structure, data, "0") == {}
    kept = Evaluation(structure, {"offered": ["legal"], "offered_other": "Interpreters"})
    assert kept.submitted_data() == {"offered": ["legal"]}


def test_repeat_rows_read_their_own_siblings_and_are_checked_one_by_one():
    version = version_make()
    programmes = element_add(version, "programmes", Kind.REPEAT, repeat_max=3)
    element_add(version, "funded", Kind.YES_NO, parent=programmes)
    element_add(
        version,
        "funder",
        Kind.TEXT,
        parent=programmes,
        required=True,
        relevant="${funded} = 'yes'",
    )
    element_add(version, "beneficiaries", Kind.INTEGER, parent=programmes)
    element_add(
        version, "per_head", Kind.CALCULATE, parent=programmes, calculation="${beneficiaries} * 2"
    )
    structure = structure_of(version)
    data = {
        "programmes": [
            {"funded": "yes", "funder": "", "beneficiaries": 10},
            {"funded": "no", "funder": "left over", "beneficiaries": "many"},
        ]
    }
    assert errors_of(structure, data, "0") == {
        "programmes-1-funder": "This question needs an answer.",
        "programmes-2-beneficiaries": "Enter a whole number, such as 12.",
    }
    evaluation = Evaluation(structure, data)
    assert [row["per_head"] for row in evaluation.data["programmes"]] == [20, ""]
    # The second row's funder is not shown (not funded): it is dropped at submission.
    assert "funder" not in evaluation.submitted_data()["programmes"][1]


def test_irrelevant_answers_are_not_checked_and_are_dropped_at_submission():
    version = version_make()
    element_add(version, "has_plan", Kind.YES_NO)
    element_add(version, "plan_year", Kind.INTEGER, relevant="${has_plan} = 'yes'")
    structure = structure_of(version)
    data = {"has_plan": "no", "plan_year": "not a year"}
    assert errors_of(structure, data, "0") == {}
    assert Evaluation(structure, data).submitted_data() == {"has_plan": "no"}


def test_the_version_is_parsed_once_and_a_broken_stored_expression_is_listed_not_fatal():
    version = version_make()
    element_add(version, "a", Kind.TEXT, relevant="${b} = ")
    structure = structure_of(version)
    assert structure.broken and structure.broken[0][:2] == ("a", "relevant")
    assert Evaluation(structure, {}).is_relevant(structure.by_key["a"])


def test_texts_fall_back_to_the_source_language_visibly():
    version = version_make(languages=("en", "fr"))
    element = element_add(version, "q", Kind.TEXT, label={"en": "Population"})
    shown = version.text(element.label, language="fr")
    assert (shown.text, shown.language, shown.fallback) == ("Population", "en", True)
