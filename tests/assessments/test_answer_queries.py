"""The section pages of the benchmark's 120-question questionnaire (benchmarks/assessment_answer.py:
eight sections of skip logic, cascading choices, constraints, calculations and a repeat) cost
the same SQL queries for a response with nothing answered as for one with every question
answered: the page's reads do not grow with the answers."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Element, Response
from assessments.selectors_answer import version_structure_load
from benchmarks.assessment_answer import (
    SECTIONS,
    questionnaire_build,
    section_answers,
    section_post,
)

from .factories_answer import assessment_make, invitation_make

pytestmark = pytest.mark.django_db


def _everything_answered() -> dict:
    rng = random.Random(13)
    data: dict = {}
    for n in range(1, SECTIONS + 1):
        data.update(section_answers(n, rng))
    # The answers that show the optional sections (5 and 7) and every conditional question.
    for n in range(1, SECTIONS + 1):
        data.update(
            {
                f"s{n}_staff": "40",
                f"s{n}_budget": "125000.50",
                f"s{n}_office": "yes",
                f"s{n}_office_name": "Casa del migrante",
                f"s{n}_services": ["service1", "service4"],
                f"s{n}_plan": "yes",
            }
        )
        if n < SECTIONS:
            data[f"s{n}_plan_year"] = "2018"
    return data


@pytest.fixture
def answering():
    version = questionnaire_build(form_id="queries-120")
    assessment = assessment_make(version)
    tokens, responses = {}, {}
    for name, data in (("empty", {}), ("full", _everything_answered())):
        invitation, token = invitation_make(assessment)
        responses[name] = Response.objects.create(
            assessment=assessment,
            invitation=invitation,
            local_authority=invitation.local_authority,
            version=version,
            data=data,
        )
        tokens[name] = token
    return {"version": version, "tokens": tokens, "responses": responses}


def _section_url(token: str, key: str) -> str:
    return reverse("assessments:answer_section", kwargs={"token": token, "section_key": key})


def test_the_benchmark_questionnaire_has_120_questions_every_one_answered(answering):
    version = answering["version"]
    questions = version.elements.exclude(kind__in=Element.UNANSWERED)
    assert questions.count() == 120
    structure = version_structure_load(version=version)
    assert [section.key for section in structure.sections] == [f"s{n}" for n in range(1, 9)]
    assert not structure.broken  # every condition, constraint and filter parses
    full = answering["responses"]["full"]
    answered = {key for key in full.data if not key.endswith("_share")}
    answered |= {key for row in full.data["programmes"] for key in row}
    assert answered >= set(questions.values_list("key", flat=True))


def test_section_pages_cost_the_same_queries_with_nothing_or_everything_answered(
    client, answering, django_assert_num_queries
):
    empty, full = answering["tokens"]["empty"], answering["tokens"]["full"]
    # Sections 5 and 7 are shown by answers: only the full response may open them.
    for key in ("s1", "s2", "s3", "s4", "s6", "s8"):
        # Once each first: opening a link records when it was first opened.
        client.get(_section_url(empty, key))
        client.get(_section_url(full, key))
        with CaptureQueriesContext(connection) as measured:
            page = client.get(_section_url(empty, key))
        assert page.status_code == 200
        with django_assert_num_queries(len(measured.captured_queries)):
            page = client.get(_section_url(full, key))
        assert page.status_code == 200
    page = client.get(_section_url(full, "s8"))
    assert "Programme 1" in page.content.decode()
    assert client.get(_section_url(full, "s5")).status_code == 200
    assert client.get(_section_url(empty, "s5")).status_code == 302  # does not apply


def test_saving_a_section_with_mistakes_costs_the_same_queries_however_much_was_answered(
    client, answering, django_assert_num_queries
):
    empty, full = answering["tokens"]["empty"], answering["tokens"]["full"]
    post = section_post(3, random.Random(5), invalid=2)
    client.get(_section_url(empty, "s3"))  # opening a link records when it was first opened
    client.get(_section_url(full, "s3"))
    with CaptureQueriesContext(connection) as measured:
        page = client.post(_section_url(empty, "s3"), post)
    assert page.status_code == 200  # the page again, with its errors
    assert page.content.decode().count('class="errorlist"') >= 1
    with django_assert_num_queries(len(measured.captured_queries)):
        page = client.post(_section_url(full, "s3"), post)
    assert page.status_code == 200
