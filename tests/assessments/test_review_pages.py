"""The review pages (assessments/views_review.py) and the authority's side: the list (counts,
filters, pages, a fixed number of queries), a response's review page (state form, comments,
corrections, history), and a "has issues" comment shown on the answering pages, corrected and
submitted again by link."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import AnswerRevision, Response, ReviewComment
from tests.factories import LocalAuthorityFactory
from tests.network.conftest import assert_constant_queries, sign_in  # noqa: F401

from .review_helpers import submitted, world_make

pytestmark = pytest.mark.django_db
State = Response.ReviewState


@pytest.fixture
def world():
    return world_make()


def test_the_follow_up_page_links_the_review_list(client, world):
    client.force_login(world.researcher)
    page = client.get(reverse("assessments:assessment_follow", args=[world.assessment.slug]))
    assert reverse("assessments:review_list", args=[world.assessment.slug]) in page.content.decode()


def test_the_list_counts_each_state_and_filters_by_state_and_country(client, world):
    Response.objects.filter(pk=world.brazilian.pk).update(review_state=State.APPROVED)
    client.force_login(world.researcher)
    address = reverse("assessments:review_list", args=[world.assessment.slug])
    page = client.get(address)
    counts = {code: total for code, _label, total in page.context["counts"]}
    assert counts == {"received": 1, "has_issues": 0, "approved": 1, "rejected": 0}
    approved = client.get(address, {"state": "approved"}).content.decode()
    assert "Recife" in approved and "Bogotá" not in approved
    colombia = client.get(address, {"country": "CO"}).content.decode()
    assert "Bogotá" in colombia and "Recife" not in colombia
    # A value that is no choice shows everything rather than failing.
    assert client.get(address, {"state": "nonsense", "page": "x"}).status_code == 200


def test_the_list_costs_the_same_queries_with_more_answers(
    client,
    world,
    assert_constant_queries,  # noqa: F811
):
    client.force_login(world.researcher)
    address = reverse("assessments:review_list", args=[world.assessment.slug])

    def grow():
        for country in ("AR", "MX", "CL"):
            submitted(world.assessment, authority=LocalAuthorityFactory(country=country))

    assert_constant_queries(address, grow)
    assert client.get(address).context["page_obj"].paginator.count == 5


def test_the_list_is_paginated(client, world, monkeypatch):
    monkeypatch.setattr("assessments.views_review.PER_PAGE", 1)
    client.force_login(world.researcher)
    address = reverse("assessments:review_list", args=[world.assessment.slug])
    first = client.get(address).content.decode()
    second = client.get(address, {"page": 2}).content.decode()
    # By country name: Brazil, then Colombia; one a page, the next page linked.
    assert "Recife" in first and "Bogotá" not in first and "page=2" in first
    assert "Bogotá" in second and "Recife" not in second
    filtered = client.get(address, {"country": "BR"})
    assert filtered.context["page_obj"].paginator.num_pages == 1


def test_a_reviewer_sets_has_issues_on_the_page_and_the_authority_is_told(
    client, world, django_capture_on_commit_callbacks
):
    sign_in(client, world.coordinator)
    address = reverse("assessments:response_review", args=[world.colombian.pk])
    page = client.get(address)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Household income" in body and "Language classes" in body
    refused = client.post(address, {"state": "has_issues", "comment": ""})
    assert refused.status_code == 200
    assert "Say what the authority must correct" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            address, {"state": "has_issues", "comment": "Give the staff of the department."}
        )
    assert done.status_code == 302
    world.colombian.refresh_from_db()
    assert world.colombian.review_state == State.HAS_ISSUES
    assert [message.to for message in mail.outbox] == [[world.colombian_official.email]]
    again = client.get(address).content.decode()
    assert "Give the staff of the department." in again
    assert "The authority is correcting these answers." in again


def test_the_authority_sees_the_comment_corrects_and_submits_again_by_link(
    client, world, django_capture_on_commit_callbacks
):
    from assessments import services_review

    response = world.colombian
    with django_capture_on_commit_callbacks(execute=True):
        services_review.review_set(
            response=response,
            by=world.coordinator,
            state=State.HAS_ISSUES,
            comment="Give the staff of the department.",
        )
    start = client.get(reverse("assessments:answer", args=[response.token]))
    assert "Give the staff of the department." in start.content.decode()
    section = reverse("assessments:answer_section", args=[response.token, "0"])
    page = client.get(section)
    assert page.status_code == 200
    form = {
        "q-name": "Ana Pérez",
        "q-staff": "7",
        "q-service": "health",
        "q-income": "3000",
        "q-programmes-rows": "1",
        "q-programmes-1-programme": "Language classes",
        "action": "later",
    }
    assert client.post(section, form).status_code == 302
    review = reverse("assessments:answer_review", args=[response.token])
    assert "Give the staff of the department." in client.get(review).content.decode()
    assert (
        client.post(review, {"respondent_name": "Ana", "respondent_email": ""}).status_code == 302
    )
    response.refresh_from_db()
    assert (response.status, response.review_state) == ("submitted", "received")
    assert response.data["staff"] == 7
    # Submitted again, the comment is no longer shown to the authority.
    assert "Give the staff" not in client.get(review).content.decode()


def test_a_correction_on_its_page_keeps_what_was_typed_when_refused(client, world):
    client.force_login(world.researcher)
    address = reverse("assessments:answer_correct", args=[world.colombian.pk, "staff"])
    page = client.get(address)
    assert page.status_code == 200 and 'value="12"' in page.content.decode()
    refused = client.post(address, {"value": "a dozen", "reason": "Phoned."})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Enter a whole number" in body and 'value="a dozen"' in body and "Phoned." in body
    assert not AnswerRevision.objects.exists()
    done = client.post(address, {"value": "14", "reason": "Phoned."})
    assert done["Location"] == reverse("assessments:response_review", args=[world.colombian.pk])
    history = client.get(done["Location"]).content.decode()
    assert "Phoned." in history and "14" in history


def test_a_row_of_a_repeat_is_corrected_by_its_number(client, world):
    client.force_login(world.researcher)
    address = reverse("assessments:answer_correct", args=[world.colombian.pk, "programme"])
    assert client.get(address).status_code == 404  # a row is needed
    assert client.get(address, {"row": "5"}).status_code == 404
    assert client.get(address, {"row": "-1"}).status_code == 404
    done = client.post(address, {"row": "0", "value": "Spanish classes", "reason": "Typo."})
    assert done.status_code == 302
    world.colombian.refresh_from_db()
    assert world.colombian.data["programmes"] == [{"programme": "Spanish classes"}]


def test_a_comment_alone_on_the_page(client, world):
    client.force_login(world.researcher)
    address = reverse("assessments:response_review", args=[world.colombian.pk])
    assert client.post(address, {"state": "", "comment": "Checked."}).status_code == 302
    assert ReviewComment.objects.get().body == "Checked."


def test_a_coordinator_limits_a_researcher_to_countries_and_lifts_the_limit(client, world):
    from django.test import Client

    from assessments.models import ResearcherScope

    address = reverse("assessments:researcher_countries", args=[world.assessment.slug])
    researcher = Client()
    researcher.force_login(world.researcher)
    assert researcher.get(address).status_code == 403
    sign_in(client, world.coordinator)
    page = client.get(address).content.decode()
    assert world.researcher_limited.get_full_name() in page
    done = client.post(address, {"researcher": world.researcher.pk, "countries": ["CO"]})
    assert done.status_code == 302
    assert ResearcherScope.objects.get(user=world.researcher).countries == ["CO"]
    listing = researcher.get(reverse("assessments:review_list", args=[world.assessment.slug]))
    assert "Bogotá" in listing.content.decode() and "Recife" not in listing.content.decode()
    client.post(address, {"researcher": world.researcher.pk})
    assert not ResearcherScope.objects.filter(user=world.researcher).exists()
    # Someone not named on the assessment, or a country that is none, changes nothing.
    refused = client.post(address, {"researcher": world.researcher_elsewhere.pk})
    assert refused.status_code == 200 and "researchers" in refused.content.decode()
    client.post(address, {"researcher": world.researcher.pk, "countries": ["XX"]})
    assert not ResearcherScope.objects.filter(user=world.researcher).exists()
