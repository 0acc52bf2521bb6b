from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network.models import Invitation, Membership
from network.selectors import user_has_role
from notifications.models import Notification
from tests.factories import InvitationFactory, LocalAuthorityFactory, UserFactory

from .conftest import person, sign_in

pytestmark = pytest.mark.django_db

LIST_URL = "/en/network/invitations/"


def accept_url(token: str, language: str = "en") -> str:
    return f"/{language}/network/invitations/accept/{token}/"


def invite(client, authority, **data):
    form = {
        "email": "colleague@example.org",
        "organisation": f"authority:{authority.pk}",
        "role": "official",
        "position": "Social worker",
        "language": "pt",
        **data,
    }
    return client.post(LIST_URL, form)


def test_focal_point_invites_a_colleague_by_email(
    client, focal_point, django_capture_on_commit_callbacks
):
    client.force_login(focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, focal_point.authority)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "colleague@example.org"
    assert invitation.invited_by == focal_point
    assert invitation.role == "official"
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    (message,) = mail.outbox
    assert message.to == ["colleague@example.org"]
    assert '<html lang="pt">' in message.alternatives[0][0]
    # The link works, and the database holds only its hash.
    token = message.body.split("/pt/network/invitations/accept/")[1].split("/")[0]
    assert token not in invitation.token_hash
    client.logout()
    assert client.get(accept_url(token, "pt")).status_code == 200


def test_invitation_form_errors_keep_what_was_typed(client, focal_point):
    InvitationFactory(email="colleague@example.org", local_authority=focal_point.authority)
    client.force_login(focal_point)
    response = invite(client, focal_point.authority, position="Lawyer")
    assert response.status_code == 200
    html = response.content.decode()
    assert "already has a pending invitation" in html
    assert 'value="Lawyer"' in html
    assert Invitation.objects.count() == 1


def test_focal_point_cannot_invite_to_another_organisation(client, focal_point):
    other = LocalAuthorityFactory()
    client.force_login(focal_point)
    response = invite(client, other)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()


def test_focal_point_cannot_grant_the_coordinator_role(client, focal_point):
    client.force_login(focal_point)
    response = invite(client, focal_point.authority, role="coordinator")
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_coordinator_may_grant_any_role(client, coordinator, mailoutbox):
    authority = LocalAuthorityFactory()
    sign_in(client, coordinator)
    assert invite(client, authority, role="juror").status_code == 302
    assert Invitation.objects.get().role == "juror"


def test_official_who_is_not_focal_point_gets_403(client, official):
    client.force_login(official)
    response = client.get(LIST_URL)
    assert response.status_code == 403
    assert "focal point" in response.content.decode()


def test_list_shows_only_the_focal_points_organisation(client, focal_point):
    InvitationFactory(email="mine@example.org", local_authority=focal_point.authority)
    InvitationFactory(email="theirs@example.org")
    client.force_login(focal_point)
    html = client.get(LIST_URL).content.decode()
    assert "mine@example.org" in html
    assert "theirs@example.org" not in html


def test_list_query_count_does_not_grow_with_invitations(
    client, focal_point, assert_constant_queries
):
    def add(count):
        for _ in range(count):
            InvitationFactory(local_authority=focal_point.authority, accepted_by=UserFactory())

    add(2)
    client.force_login(focal_point)
    assert_constant_queries(LIST_URL, lambda: add(10))


def test_revoking_stops_the_link(client, focal_point):
    invitation, token = InvitationFactory.with_token(local_authority=focal_point.authority)
    client.force_login(focal_point)
    response = client.post(reverse("network:invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at
    client.logout()
    response = client.get(accept_url(token))
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_someone_else_cannot_revoke(client, focal_point):
    invitation = InvitationFactory()
    client.force_login(focal_point)
    response = client.post(reverse("network:invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_signed_in_invitee_accepts_and_becomes_an_official_focal_point(
    client, django_capture_on_commit_callbacks
):
    inviter = person("coordinator")
    invitation, token = InvitationFactory.with_token(
        invited_by=inviter, make_focal_point=True, position="Director"
    )
    invitee = person(email=invitation.email)
    client.force_login(invitee)
    assert "Accept the invitation" in client.get(accept_url(token)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(accept_url(token))
    assert response.status_code == 302
    assert response["Location"] == "/en/me/"
    membership = Membership.objects.get(user=invitee)
    assert membership.local_authority == invitation.local_authority
    assert membership.is_focal_point and membership.position == "Director"
    assert user_has_role(user=type(invitee).objects.get(pk=invitee.pk), role="official")
    notification = Notification.objects.get(recipient=inviter, kind="invitation_accepted")
    assert notification.context["organisation_name"] == str(invitation.local_authority)
    # Single use.
    response = client.post(accept_url(token))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_anonymous_invitee_signs_up_with_the_email_prefilled_and_comes_back(client):
    invitation, token = InvitationFactory.with_token(email="new.person@example.org")
    page = client.get(accept_url(token))
    assert page.status_code == 200
    signup_url = page.context["signup_url"]
    assert "email=new.person%40example.org" in signup_url
    signup = client.get(signup_url)
    assert 'value="new.person@example.org"' in signup.content.decode()

    response = client.post(
        signup_url,
        {
            "email": "new.person@example.org",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "next": accept_url(token),
        },
    )
    # The invitation proved the address: no verification email, straight back to the link.
    assert response.status_code == 302
    assert response["Location"] == accept_url(token)
    assert client.post(accept_url(token)).status_code == 302
    invitation.refresh_from_db()
    assert invitation.accepted_by.email == "new.person@example.org"


def test_expired_link_shows_a_clear_page(client):
    _invitation, token = InvitationFactory.with_token(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(accept_url(token))
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_unknown_link_shows_a_clear_page(client):
    for token in ("nope", "x" * 500):
        response = client.get(accept_url(token))
        assert response.status_code == 404
        assert "We do not know this link" in response.content.decode()


def test_expired_link_cannot_be_accepted_by_post(client):
    _invitation, token = InvitationFactory.with_token(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(person())
    assert client.post(accept_url(token)).status_code == 410
    assert not Membership.objects.exists()


# --- Bound to the invited address ------------------------------------------------------------
def test_another_signed_in_account_cannot_accept_and_is_told_why(client):
    invitation, token = InvitationFactory.with_token(email="invited@example.org", role="official")
    someone_else = person(email="someone.else@example.org")
    client.force_login(someone_else)

    page = client.get(accept_url(token))
    assert page.status_code == 403
    html = page.content.decode()
    assert "This invitation was sent to invited@example.org" in html
    assert "Accept the invitation" not in html
    assert reverse("account_logout") in html

    assert client.post(accept_url(token)).status_code == 403
    assert not Membership.objects.filter(user=someone_else).exists()
    assert not user_has_role(
        user=type(someone_else).objects.get(pk=someone_else.pk), role="official"
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_refusal_is_translated(client):
    _invitation, token = InvitationFactory.with_token(email="invited@example.org")
    client.force_login(person(email="someone.else@example.org"))
    html = client.get(accept_url(token, "es")).content.decode()
    assert "Esta invitación se envió a invited@example.org" in html


def test_an_unconfirmed_copy_of_the_invited_address_is_not_enough(client):
    _invitation, token = InvitationFactory.with_token(email="invited@example.org")
    user = person(email="someone.else@example.org")
    user.emailaddress_set.create(email="invited@example.org", verified=False)
    client.force_login(user)
    assert client.post(accept_url(token)).status_code == 403
    assert not Membership.objects.filter(user=user).exists()


def test_the_invited_address_is_matched_whatever_its_case(client):
    _invitation, token = InvitationFactory.with_token(email="Invited.Person@Example.org")
    invitee = person(email="invited.person@example.org")
    client.force_login(invitee)
    assert client.post(accept_url(token)).status_code == 302
    assert Membership.objects.filter(user=invitee).exists()
