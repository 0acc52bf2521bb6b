"""Every invitation's state as the coordinator's follow-up page, its export and the reminders
see it, decided in one selector (assessments/selectors_invitations.invitations_with_state)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments import services_invitations
from assessments.models import Invitation, InvitationEmail, Response
from assessments.selectors_invitations import InvitationState, follow_table, invitations_with_state
from notifications.models import EmailDelivery
from notifications.services import bounce_record
from tests.assessments.invite_helpers import (
    URLCONF,
    assessment_make,
    authority_with_focal_point,
    invite,
    response_for,
)
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]


@pytest.fixture
def assessment():
    return assessment_make()


@pytest.fixture
def sent_one(coordinator, assessment, django_capture_on_commit_callbacks):  # noqa: F811
    def make(country: str = "CO"):
        authority, focal = authority_with_focal_point(country=country)
        [invitation] = invite(coordinator, assessment, authority)
        with django_capture_on_commit_callbacks(execute=True):
            services_invitations.invitation_send(invitation_id=invitation.pk)
        invitation.refresh_from_db()
        return invitation, focal

    return make


def _state(invitation) -> str:
    return invitations_with_state(assessment=invitation.assessment).get(pk=invitation.pk).state


def test_every_state(coordinator, assessment, sent_one):  # noqa: F811
    not_sent = invite(coordinator, assessment, LocalAuthorityFactory())[0]
    sent, _ = sent_one()
    opened, _ = sent_one()
    Invitation.objects.filter(pk=opened.pk).update(opened_at=timezone.now())
    empty_draft, _ = sent_one()
    response_for(empty_draft)
    in_progress, _ = sent_one()
    response_for(in_progress, data={"staff": 4})
    submitted, _ = sent_one()
    response_for(submitted, status=Response.Status.SUBMITTED, data={"staff": 4})
    overdue, _ = sent_one()
    response_for(overdue, data={"staff": 1})
    Invitation.objects.filter(pk=overdue.pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    bounced, bounced_focal = sent_one()
    bounce_record(address=bounced_focal.email.upper(), hard=True, status="5.1.1")
    revoked, _ = sent_one()
    services_invitations.invitation_revoke(by=coordinator, invitation=revoked)

    expected = {
        not_sent: InvitationState.NOT_SENT,
        sent: InvitationState.SENT,
        opened: InvitationState.OPENED,
        empty_draft: InvitationState.OPENED,
        in_progress: InvitationState.IN_PROGRESS,
        submitted: InvitationState.SUBMITTED,
        overdue: InvitationState.OVERDUE,
        bounced: InvitationState.BOUNCED,
        revoked: InvitationState.REVOKED,
    }
    states = dict(invitations_with_state(assessment=assessment).values_list("pk", "state"))
    assert states == {invitation.pk: state for invitation, state in expected.items()}
    assert set(InvitationState.ORDER) == set(expected.values())


def test_a_submitted_answer_is_submitted_even_after_the_due_date(assessment, sent_one):
    invitation, _ = sent_one()
    response_for(invitation, status=Response.Status.SUBMITTED)
    Invitation.objects.filter(pk=invitation.pk).update(
        due_date=timezone.localdate() - timedelta(days=3)
    )
    assert _state(invitation) == InvitationState.SUBMITTED


def test_a_soft_bounce_or_one_from_before_the_email_does_not_count(assessment, sent_one):
    invitation, focal = sent_one()
    bounce_record(address=focal.email, hard=False, status="4.2.2")
    assert _state(invitation) == InvitationState.SENT
    InvitationEmail.objects.filter(invitation=invitation).update(
        created_at=timezone.now() + timedelta(minutes=5)
    )
    bounce_record(address=focal.email, hard=True, status="5.1.1")
    assert _state(invitation) == InvitationState.SENT


def test_bounced_only_when_every_address_failed(coordinator, assessment, sent_one):  # noqa: F811
    invitation, focal = sent_one()
    colleague = UserFactory()
    MembershipFactory(
        user=colleague, local_authority=invitation.local_authority, is_focal_point=True
    )
    stamp = services_invitations.sent_stamp(invitation)
    services_invitations.invitation_resend(by=coordinator, invitation=invitation, stamp=stamp)
    bounce_record(address=focal.email, hard=True, status="5.1.1")
    assert _state(invitation) == InvitationState.SENT  # the colleague got it
    bounce_record(address=colleague.email, hard=True, status="5.2.1")
    row = invitations_with_state(assessment=assessment).get(pk=invitation.pk)
    assert (row.state, row.bounce_status) == (InvitationState.BOUNCED, "5.2.1")


def test_an_email_the_outbox_cancelled_for_a_bouncing_address_is_a_bounce(assessment, sent_one):
    invitation, _ = sent_one()
    EmailDelivery.objects.filter(
        pk__in=InvitationEmail.objects.filter(invitation=invitation).values("delivery")
    ).update(status=EmailDelivery.Status.CANCELLED)
    assert _state(invitation) == InvitationState.BOUNCED


def test_an_opened_invitation_is_not_bounced(assessment, sent_one):
    invitation, focal = sent_one()
    bounce_record(address=focal.email, hard=True)
    Invitation.objects.filter(pk=invitation.pk).update(opened_at=timezone.now())
    assert _state(invitation) == InvitationState.OPENED


def test_counts_by_country_and_filters(coordinator, assessment, sent_one):  # noqa: F811
    sent_one("CO")
    sent_one("CO")
    peru, _ = sent_one("PE")
    response_for(peru, status=Response.Status.SUBMITTED)
    invite(coordinator, assessment, LocalAuthorityFactory(country="BR"))

    table = follow_table(assessment=assessment)
    counts = {row.code: row.counts for row in table.counts}
    assert counts == {
        "CO": {InvitationState.SENT: 2},
        "PE": {InvitationState.SUBMITTED: 1},
        "BR": {InvitationState.NOT_SENT: 1},
    }
    assert [row.name for row in table.counts] == ["Brazil", "Colombia", "Peru"]
    assert table.totals.total == 4 and table.shown == 4

    only_sent = follow_table(assessment=assessment, state=InvitationState.SENT)
    assert [country.code for country, _items in only_sent.groups] == ["CO"]
    assert only_sent.shown == 2 and only_sent.totals.total == 4
    peru_only = follow_table(assessment=assessment, country="PE")
    assert [items for _country, items in peru_only.groups] == [[peru]]
