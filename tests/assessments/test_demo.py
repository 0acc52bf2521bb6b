"""The demo's needs assessment: its questionnaire sound and complete in four languages, and an
open assessment of it whose follow-up page shows every state, with valid answers in several
languages, one interview, and dates as they happened. Seeded once for the module; idempotent."""

import io
from collections import Counter

import pytest
from django.utils import timezone

from assessments.answering import Evaluation, Messages
from assessments.demo import ASSESSMENT_SLUG, seed_assessments
from assessments.models import (
    AnswerRevision,
    Assessment,
    Element,
    Invitation,
    InvitationEmail,
    QuestionnaireVersion,
    Response,
    ResponseEvent,
    ReviewComment,
)
from assessments.selectors_answer import version_structure_load
from assessments.selectors_invitations import InvitationState, invitations_with_state
from assessments.structure import version_problems
from network.demo import MEMBER_AUTHORITY_COUNT, seed_network
from notifications.models import EmailDelivery
from tests.once import built_once

pytestmark = pytest.mark.django_db


def _seed() -> str:
    output = io.StringIO()
    seed_network(stdout=io.StringIO())
    seed_assessments(stdout=output)
    return output.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _seed)


@pytest.fixture
def assessment(seeded) -> Assessment:
    return Assessment.objects.get(slug=ASSESSMENT_SLUG)


def test_the_demo_questionnaire_is_published_sound_and_in_four_languages(seeded):
    version = QuestionnaireVersion.objects.get()
    assert version.status == QuestionnaireVersion.Status.PUBLISHED
    assert version.approval_note
    assert version_problems(version=version) == []
    sections = version.elements.filter(parent=None).values_list("kind", flat=True)
    assert set(sections) == {Element.Kind.GROUP}
    # Every text a respondent reads is there in the four languages.
    for element in version.elements.all():
        if element.kind != Element.Kind.CALCULATE:
            assert set(element.label) == {"en", "es", "pt", "fr"}, element.key
    for choice_list in version.choice_lists.prefetch_related("choices"):
        for choice in choice_list.choices.all():
            assert set(choice.label) == {"en", "es", "pt", "fr"}, choice.name
    # The subgroups the analysis breaks out are tagged, and sensitive questions marked.
    tags = {tag for element in version.elements.all() for tag in element.tags}
    assert {"women-girls", "children", "indigenous"} <= tags
    assert version.elements.filter(sensitive=True).exists()


def test_the_follow_up_page_shows_every_state(assessment):
    assert assessment.status == Assessment.Status.OPEN
    assert set(assessment.title) == {"en", "es", "pt", "fr"}
    assert assessment.due_date > timezone.localdate()
    assert (assessment.reminder_max_count, assessment.reminder_interval_days) == (3, 7)
    assert [user.get_full_name() for user in assessment.researchers.all()] == ["Marie Joseph"]

    invitations = list(invitations_with_state(assessment=assessment))
    states = Counter(invitation.state for invitation in invitations)
    assert states == {
        # Two answers were given back by the review ("has issues"): in progress again.
        InvitationState.SUBMITTED: 15,
        InvitationState.IN_PROGRESS: 7,
        InvitationState.OPENED: 4,
        InvitationState.OVERDUE: 2,
        InvitationState.SENT: 2,
        InvitationState.BOUNCED: 1,
        InvitationState.REVOKED: 1,
    }
    # Every member authority is invited, plus the named respondents.
    authority_wide = [invitation for invitation in invitations if not invitation.respondent_email]
    assert len(authority_wide) == MEMBER_AUTHORITY_COUNT
    assert len(invitations) == 32
    # An overdue invitation had an earlier due date; another one was given more time.
    overdue = [invitation for invitation in invitations if invitation.state == "overdue"]
    assert all(invitation.due_date < timezone.localdate() for invitation in overdue)
    assert {invitation.due_date for invitation in invitations} >= {assessment.due_date}
    assert len({invitation.due_date for invitation in invitations}) == 3
    # Reminders went out, three at most, none to a submitted or bounced invitation before...
    assert max(invitation.reminder_count for invitation in invitations) == 3
    assert InvitationEmail.objects.filter(kind=InvitationEmail.Kind.REMINDER).exists()


def test_the_seed_emails_nobody_its_past_invitations_are_in_the_outbox_as_sent(assessment):
    deliveries = EmailDelivery.objects.filter(
        pk__in=InvitationEmail.objects.values("delivery"), status=EmailDelivery.Status.SENT
    )
    assert deliveries.count() == InvitationEmail.objects.count() > 32
    assert not EmailDelivery.objects.filter(status=EmailDelivery.Status.QUEUED).exists()


def test_every_submitted_answer_is_valid_for_its_version(assessment):
    structure = version_structure_load(version=assessment.version)
    submitted = Response.objects.filter(assessment=assessment, status=Response.Status.SUBMITTED)
    assert submitted.count() == 15
    for response in submitted:
        evaluation = Evaluation(structure, response.data)
        assert evaluation.errors(messages=Messages(structure, language=response.language)) == {}
        assert evaluation.submitted_data() == response.data
        assert response.respondent_name
    # Skip logic, repeats, "other, specify", budget shares and subgroups are all exercised.
    data = [response.data for response in submitted]
    assert any(len(answers.get("programmes", [])) >= 3 for answers in data)
    assert any("services_other" in answers for answers in data)
    assert any("coordination_obstacles" in answers for answers in data)
    assert any(answers.get("budget_band") == "high" for answers in data)
    assert any(answers.get("budget_band") == "low" for answers in data)
    assert any("indigenous_services" in answers for answers in data)
    assert any(answers.get("responsible_unit") == "none" for answers in data)
    assert all(
        "unit_staff" not in answers for answers in data if answers["responsible_unit"] == "none"
    )


def test_the_answers_are_in_the_respondents_languages(assessment):
    languages = Counter(
        Response.objects.filter(assessment=assessment).values_list("language", flat=True)
    )
    assert set(languages) == {"es", "pt", "en", "fr"}
    by_language = dict(
        Response.objects.filter(status=Response.Status.SUBMITTED).values_list(
            "language", "data__women_needs"
        )
    )
    assert "mulheres" not in by_language["es"]


def test_drafts_a_reopened_response_and_the_interview(assessment):
    drafts = Response.objects.filter(assessment=assessment, status=Response.Status.DRAFT)
    assert drafts.count() == 8
    reopened = ResponseEvent.objects.get(kind=ResponseEvent.Kind.REOPENED)
    assert reopened.note and reopened.actor.email.startswith("coordinator@")
    assert reopened.response.status == Response.Status.DRAFT
    assert reopened.response.data["budget_share"] == "0.6"

    response = Response.objects.get(assessment=assessment, interview__isnull=False)
    interview = response.interview
    assert interview.consent
    assert interview.researcher.get_full_name() == "Marie Joseph"
    assert interview.interviewee_name and interview.interviewee_role and interview.organisation
    assert interview.notes and interview.mode
    assert response.status == Response.Status.SUBMITTED
    assert response.submitted_by == interview.researcher
    assert interview.held_on <= timezone.localdate()


def test_dates_are_past_and_in_order(assessment):
    now = timezone.now()
    for invitation in Invitation.objects.filter(assessment=assessment).select_related("response"):
        assert invitation.created_at <= invitation.sent_at <= now
        if invitation.opened_at:
            assert invitation.sent_at <= invitation.opened_at <= now
        response = getattr(invitation, "response", None)
        if response is not None:
            assert invitation.sent_at <= response.started_at <= response.updated_at <= now
            if response.submitted_at:
                assert response.started_at <= response.submitted_at <= now
                if invitation.opened_at:
                    assert invitation.opened_at <= response.submitted_at


def test_a_second_run_creates_nothing(seeded):
    assert "1 assessment(s), 32 invitation(s), 23 response(s)" in seeded
    counts = (Invitation.objects.count(), Response.objects.count(), EmailDelivery.objects.count())
    again = _seed()
    assert "0 questionnaire version(s) created" in again
    assert "0 assessment(s), 0 invitation(s), 0 response(s) and 0 focal point(s) created" in again
    assert (
        Invitation.objects.count(),
        Response.objects.count(),
        EmailDelivery.objects.count(),
    ) == counts


def test_the_answers_are_reviewed_with_dates_as_they_happened(assessment):
    reviewed = Response.objects.filter(assessment=assessment).exclude(review_state="")
    states = Counter(reviewed.values_list("review_state", flat=True))
    # Received: the two submitted last, and Panama City's, reopened before the review.
    assert states == {"approved": 12, "has_issues": 2, "rejected": 1, "received": 3}
    for response in reviewed.exclude(review_state="received"):
        assert response.submitted_at < response.reviewed_at < timezone.now()
    issues = ReviewComment.objects.filter(state="has_issues").select_related("response")
    assert len(issues) == 2 and all(comment.body for comment in issues)
    assert all(comment.response.status == Response.Status.DRAFT for comment in issues)
    assert ReviewComment.objects.get(state="rejected").author.email.startswith("coordinator@")
    revision = AnswerRevision.objects.get()
    assert (revision.key, revision.old_value, revision.new_value) == ("people_served", 21500, 25100)
    assert revision.reason and revision.changed_by.get_full_name() == "Marie Joseph"
    assert revision.changed_at < ReviewComment.objects.get(response=revision.response).created_at
    # The authorities given back their answers were told, on the day: nobody is emailed now.
    told = EmailDelivery.objects.filter(key__startswith="assessments-review:")
    assert told.count() >= 2
    assert not told.exclude(status=EmailDelivery.Status.SENT).exists()
