import pytest
from django.contrib.auth.models import AnonymousUser

from network import permissions
from network.permissions import decide
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    PartnerOrganisationFactory,
    UserFactory,
)

from .conftest import person, totp_add

pytestmark = pytest.mark.django_db


def test_coordinator_without_two_factor_is_told_to_set_it_up(coordinator_without_mfa):
    decision = decide(coordinator_without_mfa, permissions.JOIN_REQUEST_REVIEW)
    assert not decision.allowed
    assert decision.needs_mfa
    assert decision.reason == "Set up two-factor authentication to act as a coordinator."


def test_coordinator_with_two_factor_may_review(coordinator):
    assert decide(coordinator, permissions.JOIN_REQUEST_REVIEW, JoinRequestFactory()).allowed


def test_adding_two_factor_then_giving_it_unlocks_the_role():
    user = person("coordinator", mfa=False)
    assert not permissions.can(user, permissions.ROLE_ASSIGN)
    totp_add(user)
    fresh = type(user).objects.get(pk=user.pk)
    decision = decide(fresh, permissions.ROLE_ASSIGN)
    assert decision.needs_mfa and decision.has_authenticator
    assert decision.reason == "Enter a code from your authenticator app to act as a coordinator."
    fresh.second_factor_passed = True
    assert permissions.can(fresh, permissions.ROLE_ASSIGN)


def test_decided_request_cannot_be_reviewed_again(coordinator):
    decided = JoinRequestFactory(status="approved")
    decision = decide(coordinator, permissions.JOIN_REQUEST_REVIEW, decided)
    assert not decision.allowed
    assert "already been decided" in decision.reason


def test_juror_needs_two_factor_to_score():
    juror = person("juror", mfa=False)
    decision = decide(juror, permissions.COMPETITION_SCORE)
    assert decision.needs_mfa
    assert decision.reason == "Set up two-factor authentication to act as a juror."
    juror = person("juror")
    assert decide(juror, permissions.COMPETITION_SCORE).has_authenticator
    juror.second_factor_passed = True
    assert permissions.can(juror, permissions.COMPETITION_SCORE)


def test_other_roles_need_no_two_factor():
    assert permissions.can(person("moderator"), permissions.CMS_ACCESS)


def test_people_without_the_role_get_a_reason_not_a_two_factor_prompt():
    decision = decide(person("official"), permissions.JOIN_REQUEST_REVIEW)
    assert not decision.allowed
    assert not decision.needs_mfa
    assert "Coordinator" in decision.reason


def test_superuser_acts_in_every_role_only_after_the_second_factor():
    admin = UserFactory(is_superuser=True)
    decision = decide(admin, permissions.JOIN_REQUEST_REVIEW)
    assert not decision.allowed and decision.needs_mfa and not decision.has_authenticator
    totp_add(admin)
    admin = type(admin).objects.get(pk=admin.pk)
    assert decide(admin, permissions.INVITATION_SEND, LocalAuthorityFactory()).has_authenticator
    admin.second_factor_passed = True
    assert permissions.can(admin, permissions.JOIN_REQUEST_REVIEW)
    assert permissions.can(admin, permissions.INVITATION_SEND, LocalAuthorityFactory())
    # ...but never skips a rule's other conditions.
    decided = JoinRequestFactory(status="approved")
    assert not permissions.can(admin, permissions.JOIN_REQUEST_REVIEW, decided)


def test_anonymous_may_do_nothing():
    assert not permissions.can(AnonymousUser(), permissions.DASHBOARD_VIEW)


def test_inactive_people_may_do_nothing(coordinator):
    coordinator.is_active = False
    assert not permissions.can(coordinator, permissions.JOIN_REQUEST_REVIEW)


def test_unknown_action_is_a_programming_error(coordinator):
    with pytest.raises(ValueError):
        decide(coordinator, "join_request.reveiw")


def test_focal_point_invites_to_their_own_organisation_only(focal_point):
    assert permissions.can(focal_point, permissions.INVITATION_SEND, focal_point.authority)
    other = LocalAuthorityFactory()
    decision = decide(focal_point, permissions.INVITATION_SEND, other)
    assert not decision.allowed
    assert other.name in decision.reason


def test_partner_focal_point_invites_to_their_partner():
    user = person("partner")
    partner = PartnerOrganisationFactory()
    MembershipFactory(user=user, local_authority=None, partner=partner, is_focal_point=True)
    assert permissions.can(user, permissions.INVITATION_SEND, partner)


def test_plain_official_may_not_invite(official):
    membership = official.memberships.get()
    assert not permissions.can(official, permissions.INVITATION_LIST)
    assert not permissions.can(official, permissions.INVITATION_SEND, membership.organisation)


def test_coordinator_invites_anywhere(coordinator):
    assert permissions.can(coordinator, permissions.INVITATION_SEND, LocalAuthorityFactory())


def test_only_pending_invitations_can_be_revoked(focal_point):
    invitation = InvitationFactory(local_authority=focal_point.authority)
    assert permissions.can(focal_point, permissions.INVITATION_REVOKE, invitation)
    invitation.revoked_at = invitation.created_at
    assert not permissions.can(focal_point, permissions.INVITATION_REVOKE, invitation)


def test_profile_is_edited_by_its_owner_only():
    owner, other = UserFactory(), UserFactory()
    assert permissions.can(owner, permissions.PROFILE_EDIT, owner)
    assert not permissions.can(other, permissions.PROFILE_EDIT, owner)


def test_focal_point_edits_their_organisation(focal_point):
    assert permissions.can(focal_point, permissions.ORGANISATION_EDIT, focal_point.authority)
    assert not permissions.can(focal_point, permissions.ORGANISATION_EDIT, LocalAuthorityFactory())


def test_another_app_can_register_an_action():
    action = "tests.dance"

    @permissions.rule(action)
    def _dancers(user, obj):
        return permissions.Decision(user.first_name == "Ana", "Only Ana dances.")

    try:
        assert permissions.can(UserFactory(first_name="Ana"), action)
        assert decide(UserFactory(first_name="Bea"), action).reason == "Only Ana dances."
    finally:
        permissions._RULES.pop(action)
