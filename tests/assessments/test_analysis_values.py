"""The analysis's flat table and its aggregates, against tables computed by hand: counts per
choice by authority, break-downs, repeat groups per row and per authority, numbers' quartiles,
filters, answers of two questionnaire versions lined up by key, and response rates."""

import itertools
import statistics
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import services_answer, services_review
from assessments.models import AnswerValue, Element, Response
from assessments.selectors_analysis import (
    COUNTRY,
    LEVEL,
    VERSION,
    Filters,
    choice_counts,
    number_summaries,
    response_rates,
    word_counts,
)
from assessments.services_analysis import answer_values_rebuild, answer_values_write
from assessments.services_review import Correction
from network.roles import Role
from tests.assessments.factories_answer import (
    assessment_make,
    choices_add,
    element_add,
    invitation_make,
    structure_of,
    version_make,
)
from tests.factories import LocalAuthorityFactory
from tests.network.conftest import person

pytestmark = pytest.mark.django_db

_respondents = itertools.count(1)

Kind = Element.Kind


def _questionnaire(version):
    yes_no = choices_add(version, "yes_no", [("yes", "Yes"), ("no", "No")])
    services = choices_add(
        version, "services", [("legal", "Legal aid"), ("health", "Health"), ("jobs", "Jobs")]
    )
    element_add(version, "office", Kind.YES_NO, choice_list=yes_no)
    element_add(version, "services", Kind.SELECT_MULTIPLE, choice_list=services)
    element_add(version, "priorities", Kind.RANK, choice_list=services)
    element_add(version, "main_service", Kind.SELECT_ONE, choice_list=services, or_other=True)
    element_add(version, "staff", Kind.INTEGER)
    element_add(version, "practice", Kind.LONG_TEXT)
    programme = element_add(version, "programme", Kind.REPEAT)
    element_add(version, "programme_name", Kind.TEXT, parent=programme)
    element_add(version, "programme_kind", Kind.SELECT_ONE, parent=programme, choice_list=services)
    return version


@pytest.fixture
def setting():
    version = _questionnaire(version_make())
    assessment = assessment_make(version)
    return assessment, version


def _submitted(
    assessment,
    version,
    data,
    *,
    country="CO",
    level="municipality",
    authority=None,
    review_state=Response.ReviewState.APPROVED,
):
    named = authority is not None
    authority = authority or LocalAuthorityFactory(country=country, level=level)
    invitation, _token = invitation_make(
        assessment,
        local_authority=authority,
        # A second answer of one authority comes from a named respondent.
        respondent_email=f"respondent{next(_respondents)}@example.org" if named else "",
    )
    response = Response.objects.create(
        assessment=assessment,
        invitation=invitation,
        local_authority=authority,
        version=version,
        status=Response.Status.SUBMITTED,
        submitted_at=timezone.now(),
        review_state=review_state,
        data=data,
    )
    answer_values_write(response=response)
    return response


def test_each_kind_of_answer_is_flattened_as_the_analysis_reads_it(setting):
    assessment, version = setting
    response = _submitted(
        assessment,
        version,
        {
            "office": "yes",
            "services": ["legal", "jobs"],
            "priorities": ["jobs", "legal", "health"],
            "main_service": "other",
            "main_service_other": "  Shelter ",
            "staff": 12,
            "practice": "A one-stop window for migrants",
            "programme": [
                {"programme_name": "Welcome desk", "programme_kind": "legal"},
                {"programme_name": "", "programme_kind": "jobs"},
            ],
        },
    )
    rows = {
        (v.key, v.repeat_key, v.row, v.choice, v.number, v.text)
        for v in AnswerValue.objects.filter(response=response)
    }
    assert rows == {
        ("office", "", 0, "yes", None, ""),
        ("services", "", 0, "legal", None, ""),
        ("services", "", 0, "jobs", None, ""),
        ("priorities", "", 0, "jobs", 1.0, ""),
        ("priorities", "", 0, "legal", 2.0, ""),
        ("priorities", "", 0, "health", 3.0, ""),
        ("main_service", "", 0, "other", None, ""),
        ("main_service_other", "", 0, "", None, "Shelter"),
        ("staff", "", 0, "", 12.0, ""),
        ("practice", "", 0, "", None, "A one-stop window for migrants"),
        ("programme_name", "programme", 1, "", None, "Welcome desk"),
        ("programme_kind", "programme", 1, "legal", None, ""),
        ("programme_kind", "programme", 2, "jobs", None, ""),
    }


def test_a_draft_has_no_flat_rows_and_a_reopened_answer_loses_them(setting):
    assessment, version = setting
    response = _submitted(assessment, version, {"office": "yes"})
    assert AnswerValue.objects.filter(response=response).count() == 1
    response.status = Response.Status.DRAFT
    response.save()
    answer_values_write(response=response)
    assert not AnswerValue.objects.filter(response=response).exists()


def test_submitting_writes_the_flat_rows_at_once(setting):
    assessment, version = setting
    invitation, _token = invitation_make(assessment)
    response = services_answer.response_draft_save(
        invitation=invitation,
        response=None,
        data={"office": "no", "staff": "7"},
        section="",
        language="en",
    )
    assert not AnswerValue.objects.exists()
    services_answer.response_submit(
        response=response,
        structure=structure_of(version),
        respondent_name="Ana",
        respondent_email="",
        by=None,
        through_invitation=True,
    )
    assert set(AnswerValue.objects.values_list("key", "choice", "number")) == {
        ("office", "no", None),
        ("staff", "", 7.0),
    }


def _five(assessment, version):
    """Five authorities: three in Colombia (two municipalities, a province), two in Peru."""
    rows = [
        ("CO", "municipality", {"office": "yes", "services": ["legal", "jobs"], "staff": 4}),
        ("CO", "municipality", {"office": "yes", "services": ["legal"], "staff": 10}),
        ("CO", "province", {"office": "no", "services": ["health"], "staff": 1}),
        ("PE", "municipality", {"office": "yes", "services": ["legal", "health"], "staff": 30}),
        ("PE", "municipality", {"office": "no", "staff": 7}),
    ]
    return [
        _submitted(assessment, version, data, country=country, level=level)
        for country, level, data in rows
    ]


def test_choices_are_counted_by_authority_with_the_authorities_answering(setting):
    assessment, version = setting
    _five(assessment, version)

    counts = choice_counts(assessment=assessment, keys=["office", "services"], filters=Filters())

    assert counts["office"].choices == {"yes": 3, "no": 2}
    assert counts["office"].answered == 5
    assert counts["services"].choices == {"legal": 3, "jobs": 1, "health": 2}
    assert counts["services"].answered == 4


def test_a_break_down_by_country_and_by_a_question(setting):
    assessment, version = setting
    _five(assessment, version)

    by_country = choice_counts(
        assessment=assessment, keys=["office"], filters=Filters(), by=COUNTRY
    )["office"]
    assert by_country.cells == {
        ("yes", "CO"): 2,
        ("no", "CO"): 1,
        ("yes", "PE"): 1,
        ("no", "PE"): 1,
    }
    assert by_country.answered_by == {"CO": 3, "PE": 2}

    by_office = choice_counts(
        assessment=assessment, keys=["services"], filters=Filters(), by="q:office"
    )["services"]
    assert by_office.cells == {
        ("legal", "yes"): 3,
        ("jobs", "yes"): 1,
        ("health", "yes"): 1,
        ("health", "no"): 1,
    }
    assert by_office.answered_by == {"yes": 3, "no": 1}


def test_filters_narrow_every_figure(setting):
    assessment, version = setting
    _five(assessment, version)

    peru = choice_counts(assessment=assessment, keys=["office"], filters=Filters(countries=("PE",)))
    assert peru["office"].choices == {"yes": 1, "no": 1}
    provinces = choice_counts(
        assessment=assessment, keys=["office"], filters=Filters(levels=("province",))
    )
    assert provinces["office"].choices == {"no": 1}
    with_office = choice_counts(
        assessment=assessment, keys=["services"], filters=Filters(answer=("office", "yes"))
    )
    assert with_office["services"].choices == {"legal": 3, "jobs": 1, "health": 1}
    staff = number_summaries(
        assessment=assessment, keys=["staff"], filters=Filters(countries=("CO",))
    )["staff"]
    assert (staff.count, staff.minimum, staff.maximum) == (3, 1, 10)


def test_numbers_are_summarised_with_quartiles_as_statistics_computes_them(setting):
    assessment, version = setting
    _five(assessment, version)
    staff = [4, 10, 1, 30, 7]

    summary = number_summaries(assessment=assessment, keys=["staff"], filters=Filters())["staff"]

    quartiles = statistics.quantiles(staff, n=4, method="inclusive")
    assert summary.count == 5 and summary.authorities == 5
    assert summary.mean == pytest.approx(statistics.mean(staff))
    assert (summary.minimum, summary.maximum) == (1, 30)
    assert [summary.first_quartile, summary.median, summary.third_quartile] == pytest.approx(
        quartiles
    )


@pytest.mark.parametrize("count", [1, 2, 3, 4, 6, 9, 13])
def test_quartiles_for_any_number_of_answers(setting, count):
    assessment, version = setting
    numbers = [(index * 37) % 101 + 0.5 for index in range(count)]
    for number in numbers:
        _submitted(assessment, version, {"staff": number})
    summary = number_summaries(assessment=assessment, keys=["staff"], filters=Filters())["staff"]
    expected = (
        statistics.quantiles(numbers, n=4, method="inclusive") if count > 1 else [numbers[0]] * 3
    )
    assert [summary.first_quartile, summary.median, summary.third_quartile] == pytest.approx(
        expected
    )


def test_a_repeat_group_is_counted_per_row_and_per_authority(setting):
    assessment, version = setting
    _submitted(
        assessment,
        version,
        {"programme": [{"programme_kind": "legal"}, {"programme_kind": "legal"}]},
    )
    _submitted(
        assessment,
        version,
        {"programme": [{"programme_kind": "legal"}, {"programme_kind": "jobs"}]},
    )
    counts = choice_counts(assessment=assessment, keys=["programme_kind"], filters=Filters())[
        "programme_kind"
    ]
    assert counts.choices == {"legal": 2, "jobs": 1}
    assert counts.rows == {"legal": 3, "jobs": 1}
    assert (counts.answered, counts.rows_answered) == (2, 4)


def test_answers_of_two_versions_line_up_by_key(setting):
    assessment, first = setting
    second = _questionnaire(version_make())
    second.questionnaire = first.questionnaire
    second.number = 2
    second.save()
    _submitted(assessment, first, {"office": "yes"})
    _submitted(assessment, second, {"office": "yes"})
    _submitted(assessment, second, {"office": "no"})

    counts = choice_counts(assessment=assessment, keys=["office"], filters=Filters(), by=VERSION)
    assert counts["office"].choices == {"yes": 2, "no": 1}
    assert counts["office"].cells == {("yes", "1"): 1, ("yes", "2"): 1, ("no", "2"): 1}
    only_second = choice_counts(
        assessment=assessment, keys=["office"], filters=Filters(versions=(2,))
    )
    assert only_second["office"].choices == {"yes": 1, "no": 1}


def test_an_authority_counts_once_by_its_last_submitted_answer(setting):
    assessment, version = setting
    authority = LocalAuthorityFactory(country="PE")
    first = _submitted(assessment, version, {"office": "no"}, authority=authority)
    _submitted(assessment, version, {"office": "yes"}, authority=authority)
    _submitted(assessment, version, {"office": "yes"})
    Response.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - timedelta(days=1))

    counts = choice_counts(assessment=assessment, keys=["office"], filters=Filters())["office"]
    assert counts.choices == {"yes": 2}
    assert counts.answered == 2


def test_only_approved_answers_are_counted_unless_every_submitted_one_is_asked_for(setting):
    assessment, version = setting
    _submitted(assessment, version, {"office": "yes"})
    for state in ("received", "rejected", "has_issues"):
        _submitted(assessment, version, {"office": "no"}, review_state=state)

    approved = choice_counts(assessment=assessment, keys=["office"], filters=Filters())
    assert approved["office"].choices == {"yes": 1}
    every = choice_counts(
        assessment=assessment, keys=["office"], filters=Filters(include_all_submitted=True)
    )
    assert every["office"].choices == {"yes": 1, "no": 3}
    by_state = choice_counts(
        assessment=assessment,
        keys=["office"],
        filters=Filters(include_all_submitted=True),
        by="review_state",
    )
    assert by_state["office"].cells == {
        ("yes", "approved"): 1,
        ("no", "received"): 1,
        ("no", "rejected"): 1,
        ("no", "has_issues"): 1,
    }


def test_drafts_and_other_assessments_are_not_counted(setting):
    assessment, version = setting
    _submitted(assessment, version, {"office": "yes"})
    draft = _submitted(assessment, version, {"office": "no"})
    Response.objects.filter(pk=draft.pk).update(status=Response.Status.DRAFT)
    other = assessment_make(version)
    _submitted(other, version, {"office": "no"})

    assert choice_counts(assessment=assessment, keys=["office"], filters=Filters())[
        "office"
    ].choices == {"yes": 1}


def test_the_queries_do_not_grow_with_the_questions(setting):
    assessment, version = setting
    _five(assessment, version)
    for keys in (["office"], ["office", "services", "priorities", "main_service"]):
        with CaptureQueriesContext(connection) as captured:
            choice_counts(assessment=assessment, keys=keys, filters=Filters(), by=COUNTRY)
            number_summaries(assessment=assessment, keys=["staff"] * len(keys), filters=Filters())
        assert len(captured) == 6


def test_words_of_text_answers_are_counted_once_an_answer(setting):
    assessment, version = setting
    _submitted(assessment, version, {"practice": "Shelter and shelter for families"})
    _submitted(assessment, version, {"practice": "Legal aid for families, in Spanish"})
    words = dict(word_counts(assessment=assessment, key="practice", filters=Filters()))
    assert words["families"] == 2
    assert words["shelter"] == 1
    assert "for" not in words and "and" not in words


def test_response_rates_by_country_and_level(setting):
    assessment, version = setting
    _five(assessment, version)
    invitation_make(assessment, local_authority=LocalAuthorityFactory(country="PE"))
    invitation_make(assessment, local_authority=LocalAuthorityFactory(country="EC"), revoked=True)

    rates = {
        rate.value: (rate.invited, rate.answered)
        for rate in response_rates(assessment=assessment, by=COUNTRY)
    }
    assert rates == {"CO": (3, 3), "PE": (3, 2)}
    levels = {rate.value: rate.percent for rate in response_rates(assessment=assessment, by=LEVEL)}
    assert levels["province"] == 100
    assert levels["municipality"] == pytest.approx(80)


def test_rebuilding_gives_the_same_rows(setting):
    assessment, version = setting
    _five(assessment, version)
    before = sorted(AnswerValue.objects.values_list("response", "key", "choice", "number"))
    AnswerValue.objects.all().delete()
    assert answer_values_rebuild(assessment=assessment) == len(before)
    assert sorted(AnswerValue.objects.values_list("response", "key", "choice", "number")) == before


def test_a_staff_correction_and_a_has_issues_review_reach_the_figures_at_once(setting):
    assessment, version = setting
    coordinator = person(Role.COORDINATOR)
    coordinator.second_factor_passed = True
    response = _submitted(assessment, version, {"office": "yes", "staff": 3})
    _submitted(assessment, version, {"office": "yes"})

    services_review.answer_correct(
        response=response,
        by=coordinator,
        structure=structure_of(version),
        correction=Correction(key="office", row=None, value="no", reason="Phoned the city."),
    )
    counts = choice_counts(assessment=assessment, keys=["office"], filters=Filters())
    assert counts["office"].choices == {"yes": 1, "no": 1}

    services_review.review_set(
        response=response, by=coordinator, state="has_issues", comment="Staff?"
    )
    counts = choice_counts(assessment=assessment, keys=["office"], filters=Filters())
    assert counts["office"].choices == {"yes": 1}
    assert not AnswerValue.objects.filter(response=response).exists()


def test_numbers_broken_down_by_country_with_their_quartiles(setting):
    assessment, version = setting
    _five(assessment, version)

    summary = number_summaries(
        assessment=assessment, keys=["staff"], filters=Filters(), by=COUNTRY
    )["staff"]

    colombia, peru = summary.by_value["CO"], summary.by_value["PE"]
    assert (colombia.count, colombia.minimum, colombia.maximum) == (3, 1, 10)
    assert colombia.median == statistics.median([4, 10, 1])
    assert [colombia.first_quartile, colombia.third_quartile] == pytest.approx([2.5, 7.0])
    assert (peru.count, peru.mean, peru.median) == (2, 18.5, 18.5)
    assert summary.count == 5  # the whole, as before
