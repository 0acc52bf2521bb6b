"""Four eyes: whoever proposed a practice never decides on it; another coordinator does."""

import pytest
from django.test import Client
from django.urls import reverse

from network import permissions
from network.roles import Role
from practice_submissions import rules
from practice_submissions.services import submission_submit
from tests.factories import PracticeSubmissionFactory
from tests.network.conftest import person, sign_in

pytestmark = pytest.mark.django_db

OWN = "You proposed this practice: another coordinator must review it."


@pytest.fixture
def own_proposal(directory, coordinator, django_capture_on_commit_callbacks):
    """A proposal sent by the ``coordinator`` fixture, waiting for a review."""
    submission = PracticeSubmissionFactory(submitter=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(submission=submission, user=coordinator)
    return submission


def test_a_coordinator_cannot_approve_their_own_proposal(client, coordinator, own_proposal):
    sign_in(client, coordinator)
    response = client.post(
        reverse("practice_submissions:review", args=[own_proposal.pk]),
        {"decision": "approve", "message": ""},
    )
    assert response.status_code == 403
    assert OWN in response.content.decode()
    own_proposal.refresh_from_db()
    assert own_proposal.state == "submitted"


def test_the_queue_and_the_page_say_why_and_offer_no_decision(client, coordinator, own_proposal):
    sign_in(client, coordinator)
    queue = client.get(reverse("practice_submissions:queue")).content.decode()
    assert own_proposal.title in queue and OWN in queue
    detail = client.get(reverse("practice_submissions:detail", args=[own_proposal.pk]))
    html = detail.content.decode()
    assert OWN in html
    assert reverse("practice_submissions:review", args=[own_proposal.pk]) not in html


def test_another_coordinator_approves_it(own_proposal, django_capture_on_commit_callbacks):
    other = Client()
    sign_in(other, person(Role.COORDINATOR))
    detail = other.get(reverse("practice_submissions:detail", args=[own_proposal.pk]))
    assert OWN not in detail.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = other.post(
            reverse("practice_submissions:review", args=[own_proposal.pk]),
            {"decision": "approve", "message": ""},
        )
    assert response.status_code == 302
    own_proposal.refresh_from_db()
    assert own_proposal.state == "approved"


def test_superusers_do_not_decide_on_their_own_proposals_either():
    admin = person(mfa=True, is_superuser=True)
    admin.second_factor_passed = True
    own = PracticeSubmissionFactory(submitter=admin, state="submitted")
    decision = permissions.decide(admin, rules.SUBMISSION_REVIEW, own)
    assert not decision.allowed and decision.reason == OWN
    someone_elses = PracticeSubmissionFactory(state="submitted")
    assert permissions.can(admin, rules.SUBMISSION_REVIEW, someone_elses)
