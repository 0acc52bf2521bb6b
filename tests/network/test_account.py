import json

import pytest
from allauth.account.models import EmailAddress

from network import personal_data
from network.models import Invitation, JoinRequest, User
from tests.factories import InvitationFactory, JoinRequestFactory, MembershipFactory

from .conftest import person

pytestmark = pytest.mark.django_db

DELETE_URL = "/en/network/account/delete/"
DATA_URL = "/en/network/account/data/"


def test_wrong_password_deletes_nothing(client):
    user = person()
    client.force_login(user)
    response = client.post(DELETE_URL, {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "This password is not correct." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_the_account_removes_the_person_and_signs_out(client):
    user = person(email="leaving@example.org")
    MembershipFactory(user=user)
    JoinRequestFactory(contact_email="leaving@example.org", authority_name="Tumbes")
    InvitationFactory(email="leaving@example.org")
    client.force_login(user)
    response = client.post(DELETE_URL, {"password": "correct horse battery", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email="leaving@example.org").exists()
    # The authority's request stays, without the person.
    request = JoinRequest.objects.get(authority_name="Tumbes")
    assert "leaving" not in request.contact_email
    assert request.contact_name == "Deleted person"
    assert not Invitation.objects.filter(email="leaving@example.org").exists()
    # Signed out.
    assert client.get("/en/me/").status_code == 302


def test_personal_data_download_is_a_json_file_about_me_only(client):
    user = person("official", email="me@example.org", position="Mayor")
    MembershipFactory(user=user, local_authority__name="Quito", is_focal_point=True)
    JoinRequestFactory(contact_email="me@example.org", authority_name="Quito")
    person(email="someone.else@example.org")
    client.force_login(user)
    response = client.get(DATA_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment;" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "me@example.org"
    assert data["account"]["position"] == "Mayor"
    assert data["account"]["two_factor_methods"] == []
    assert data["network"]["roles"] == ["official"]
    assert data["network"]["memberships"][0]["organisation"] == "Quito"
    assert data["network"]["join_requests"][0]["authority_name"] == "Quito"
    assert "someone.else" not in response.content.decode()


def test_other_apps_add_their_section_to_the_export(client):
    @personal_data.register("tests_section")
    def _export(user):
        return {"greeting": f"hello {user.email}"}

    try:
        user = person(email="me@example.org")
        client.force_login(user)
        data = json.loads(client.get(DATA_URL).content)
        assert data["tests_section"] == {"greeting": "hello me@example.org"}
    finally:
        personal_data._EXPORTERS.pop("tests_section")


def test_two_apps_cannot_take_the_same_key():
    with pytest.raises(ValueError):
        personal_data.register("account", lambda user: {})
