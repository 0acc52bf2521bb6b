"""Interviews (a researcher answers on a respondent's behalf), reopening submitted answers, and
what the answers mean for the personal data of the people who gave them."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Interview, Response, ResponseEvent
from network.services import account_delete
from tests.factories import MembershipFactory
from tests.network.conftest import person, sign_in

from .factories_answer import assessment_make, element_add, invitation_make, version_make

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def assessment():
    version = version_make(languages=("en",))
    element_add(version, "name", version.elements.model.Kind.TEXT, required=True)
    assessment = assessment_make(version)
    invitation, token = invitation_make(assessment)
    assessment.invitation, assessment.token = invitation, token
    return assessment


@pytest.fixture
def researcher(assessment):
    user = person("researcher")
    assessment.researchers.add(user)
    return user


def interview_form(assessment, **changes):
    form = {
        "local_authority": assessment.invitation.local_authority_id,
        "interviewee_name": "Marta Gómez",
        "interviewee_role": "Secretary of social affairs",
        "organisation": "Alcaldía",
        "held_on": "2025-03-14",
        "mode": "phone",
        "consent": "on",
        "notes": "Called at 10:00.",
    }
    form.update(changes)
    return form


def test_starting_an_interview_needs_a_researcher_of_the_assessment(client, assessment):
    address = reverse("assessments:interview_start", args=[assessment.slug])
    response = client.get(address)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    member = person("member")
    MembershipFactory(user=member)
    client.force_login(member)
    assert client.get(address).status_code == 403
    elsewhere = person("researcher")
    client.force_login(elsewhere)
    assert client.get(address).status_code == 403
    assert client.post(address, interview_form(assessment)).status_code == 403
    assert not Interview.objects.exists()


def test_an_interview_needs_consent_and_records_who_answered(client, assessment, researcher):
    client.force_login(researcher)
    address = reverse("assessments:interview_start", args=[assessment.slug])
    refused = client.post(address, interview_form(assessment, consent=""))
    assert "consent is needed" in refused.content.decode()
    assert not Interview.objects.exists()

    form = interview_form(assessment)
    form["transcript"] = SimpleUploadedFile("notes.pdf", PDF, "application/pdf")
    response = client.post(address, form)
    saved = Response.objects.get()
    assert response["Location"] == reverse("assessments:interview", args=[saved.pk])
    interview = saved.interview
    assert (interview.researcher, interview.mode, interview.consent) == (researcher, "phone", True)
    assert interview.transcript.name
    assert saved.invitation == assessment.invitation

    section = reverse("assessments:interview_section", args=[saved.pk, "0"])
    assert "Interview with Marta Gómez" in client.get(section).content.decode()
    client.post(section, {"q-name": "Villa Nueva"})
    client.post(reverse("assessments:interview_review", args=[saved.pk]), {})
    saved.refresh_from_db()
    assert saved.status == Response.Status.SUBMITTED
    assert saved.submitted_by == researcher
    transcript = client.get(reverse("assessments:response_file", args=[saved.pk, 0]))
    assert b"".join(transcript.streaming_content) == PDF

    # Starting again for the same authority finds the answers submitted.
    again = client.post(address, interview_form(assessment))
    assert "must reopen them first" in again.content.decode()


def test_an_interview_transcript_of_the_wrong_type_is_refused(client, assessment, researcher):
    client.force_login(researcher)
    form = interview_form(assessment)
    form["transcript"] = SimpleUploadedFile("notes.pdf", b"plain words", "application/pdf")
    page = client.post(reverse("assessments:interview_start", args=[assessment.slug]), form)
    assert "whatever its name says" in page.content.decode()
    assert not Interview.objects.exists()


def test_interview_pages_are_for_the_assessments_team_only(client, assessment, researcher):
    client.force_login(researcher)
    client.post(
        reverse("assessments:interview_start", args=[assessment.slug]), interview_form(assessment)
    )
    saved = Response.objects.get()
    section = reverse("assessments:interview_section", args=[saved.pk, "0"])
    client.force_login(person("researcher"))
    assert client.post(section, {"q-name": "Intruder"}).status_code == 403
    client.logout()
    assert client.get(section).status_code == 302
    saved.refresh_from_db()
    assert saved.data == {}


def _submitted(assessment, **fields) -> Response:
    response = Response.objects.create(
        assessment=assessment,
        invitation=assessment.invitation,
        local_authority=assessment.invitation.local_authority,
        version=assessment.version,
        data={"name": "Villa Nueva"},
        status=Response.Status.SUBMITTED,
        **fields,
    )
    return response


def test_a_coordinator_reopens_submitted_answers_saying_why(client, assessment, researcher):
    response = _submitted(assessment)
    address = reverse("assessments:response_reopen", args=[response.pk])
    client.force_login(researcher)
    assert client.post(address, {"reason": "Typo"}).status_code == 403
    coordinator = person("coordinator")
    sign_in(client, coordinator)
    refused = client.post(address, {"reason": ""})
    assert "This field is required." in refused.content.decode()
    client.post(address, {"reason": "The authority asked to correct the budget."})
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT
    event = response.events.get(kind=ResponseEvent.Kind.REOPENED)
    assert (event.actor, event.note) == (
        coordinator,
        "The authority asked to correct the budget.",
    )
    assert "The authority asked to correct the budget." in client.get(address).content.decode()
    # The link can change the answers again.
    client.logout()
    client.post(
        reverse("assessments:answer_section", args=[assessment.token, "0"]), {"q-name": "Nueva"}
    )
    response.refresh_from_db()
    assert response.data["name"] == "Nueva"


def test_answers_given_are_in_the_persons_export_and_their_details_go_with_the_account(
    client, assessment
):
    official = person("official")
    response = _submitted(
        assessment,
        submitted_by=official,
        respondent_name="Carlos Ramírez",
        respondent_email=official.email,
    )
    client.force_login(official)
    export = json.loads(client.get("/en/network/account/data/").content)
    given = export["assessments"]["responses_submitted"]
    assert given[0]["respondent_name"] == "Carlos Ramírez"
    assert given[0]["local_authority"] == assessment.invitation.local_authority.name
    account_delete(user=official)
    response.refresh_from_db()
    assert (response.respondent_name, response.respondent_email, response.submitted_by) == (
        "",
        "",
        None,
    )
    assert response.data == {"name": "Villa Nueva"}  # the authority's answers stay
