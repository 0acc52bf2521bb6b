import pytest

from tests.factories import JoinRequestFactory, MembershipFactory, PartnerOrganisationFactory

from .conftest import person, sign_in

pytestmark = pytest.mark.django_db

URL = "/en/me/"


def test_dashboard_lists_organisations_and_roles(client, official):
    client.force_login(official)
    html = client.get(URL).content.decode()
    assert str(official.memberships.get().organisation) in html
    assert "Official" in html
    assert "Set up two-factor authentication" not in html
    assert "/en/network/invitations/" not in html


def test_coordinator_sees_pending_join_requests(client, coordinator):
    JoinRequestFactory.create_batch(3)
    JoinRequestFactory(status="approved")
    sign_in(client, coordinator)
    html = client.get(URL).content.decode()
    assert "3 requests to join the network are waiting for a decision." in html
    assert "/cms/snippets/network/joinrequest/" in html


def test_coordinator_without_two_factor_is_prompted(client, coordinator_without_mfa):
    JoinRequestFactory()
    client.force_login(coordinator_without_mfa)
    html = client.get(URL).content.decode()
    assert "Set up two-factor authentication" in html
    assert "/en/accounts/2fa/totp/activate/" in html
    assert "waiting for a decision" not in html


def test_focal_point_gets_a_link_to_invitations(client, focal_point):
    client.force_login(focal_point)
    assert "/en/network/invitations/" in client.get(URL).content.decode()


def test_person_without_organisation_is_told_how_to_join(client):
    client.force_login(person())
    assert "not part of any organisation yet" in client.get(URL).content.decode()


def test_juror_without_two_factor_is_prompted(client):
    client.force_login(person("juror", mfa=False))
    assert "Set up two-factor authentication" in client.get(URL).content.decode()


def test_partner_membership_is_listed(client):
    user = person("partner")
    partner = PartnerOrganisationFactory(acronym="IOM")
    MembershipFactory(user=user, local_authority=None, partner=partner)
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert "IOM" in html
    assert "Partner" in html


def test_coordinator_signed_in_with_a_password_alone_is_asked_for_a_code(client):
    JoinRequestFactory()
    client.force_login(person("coordinator"))
    html = client.get(URL).content.decode()
    assert "Enter a code from your authenticator app to act as a coordinator." in html
    assert "/en/accounts/2fa/reauthenticate/?next=/en/me/" in html
    assert "waiting for a decision" not in html
