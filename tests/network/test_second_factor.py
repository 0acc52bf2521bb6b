"""A coordinator's or a superuser's password alone opens nothing: every sign-in goes through
allauth, and acting in such a role needs the second factor in this very session."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from network.models import JoinRequest
from network.roles import role_groups_ensure
from practice_submissions.models import PracticeSubmission
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    PracticeSubmissionFactory,
)
from tests.practice_submissions.conftest import attachment_make

from .conftest import person, sign_in, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def _code() -> str:
    return totp_code()


@pytest.fixture
def targets(db):
    """What a coordinator's session could reach: the CMS, the join requests (their export holds
    applicants' personal data), the proposal queue, a proposal's private file, the decisions."""
    join_request = JoinRequestFactory()
    submission = PracticeSubmissionFactory()
    attachment = attachment_make(submission)
    PracticeSubmission.objects.filter(pk=submission.pk).update(state="submitted")
    requests = "wagtailsnippets_network_joinrequest"
    return {
        "join_request": join_request,
        "get": [
            "/cms/",
            reverse(f"{requests}:list"),
            reverse(f"{requests}:list") + "?export=csv",
            reverse(f"{requests}:list") + "?export=xlsx",
            reverse(f"{requests}:inspect", args=[join_request.pk]),
            reverse(f"{requests}:approve", args=[join_request.pk]),
            reverse(f"{requests}:decline", args=[join_request.pk]),
            reverse("practice_submissions:queue"),
            reverse("practice_submissions:detail", args=[submission.pk]),
            reverse(
                "practice_submissions:attachment_download", args=[submission.pk, attachment.pk]
            ),
        ],
        "post": [
            reverse(f"{requests}:approve", args=[join_request.pk]),
            reverse(f"{requests}:decline", args=[join_request.pk]),
            reverse("practice_submissions:review", args=[submission.pk]),
        ],
        "post_data": {"decision": "approve", "message": "", "reason": "No."},
        "submission": submission,
    }


def _assert_nothing_opens(client, targets, expected_location: str) -> None:
    for url in targets["get"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert expected_location in response["Location"], (url, response["Location"])
    for url in targets["post"]:
        response = client.post(url, targets["post_data"])
        assert response.status_code == 302, url
        assert expected_location in response["Location"], (url, response["Location"])
    targets["join_request"].refresh_from_db()
    targets["submission"].refresh_from_db()
    assert targets["join_request"].status == JoinRequest.Status.PENDING
    assert targets["submission"].state == "submitted"


# --- One door --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "next_url"),
    [
        ("/cms/login/?next=/cms/pages/", "/cms/pages/"),
        ("/cms/login/", "/cms/"),
        ("/django-admin/login/?next=/django-admin/network/user/", "/django-admin/network/user/"),
        ("/django-admin/login/", "/django-admin/"),
    ],
)
def test_the_admins_sign_in_pages_hand_over_to_allauth(client, path, next_url):
    response = client.get(path)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/en/accounts/login/?")
    assert client.get(location).status_code == 200
    # allauth brings them back where they were going after the sign-in.
    assert "next=" + next_url.replace("/", "%2F") in location


def test_a_password_posted_to_the_cms_sign_in_page_signs_nobody_in(client, targets):
    person("coordinator", email="coord@example.org")
    for path in ("/cms/login/", "/django-admin/login/"):
        response = client.post(path, {"username": "coord@example.org", "password": PASSWORD})
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session
    _assert_nothing_opens(client, targets, "/accounts/login/")


def test_the_wagtail_password_reset_is_allauths(client):
    response = client.get("/cms/password_reset/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password")


# --- Password alone --------------------------------------------------------------------------
def test_a_coordinators_password_alone_opens_nothing(client, targets):
    coordinator = person("coordinator", email="coord@example.org")
    client.force_login(coordinator)
    _assert_nothing_opens(client, targets, reverse("mfa_reauthenticate"))


def test_a_superusers_password_alone_opens_nothing(client, targets):
    admin = person(mfa=True, is_superuser=True, is_staff=True)
    client.force_login(admin)
    _assert_nothing_opens(client, targets, reverse("mfa_reauthenticate"))
    response = client.get("/django-admin/network/user/")
    assert response.status_code == 302
    assert reverse("mfa_reauthenticate") in response["Location"]


def test_a_superuser_without_an_authenticator_is_sent_to_set_one_up(client, targets):
    client.force_login(person(is_superuser=True, is_staff=True))
    _assert_nothing_opens(client, targets, reverse("mfa_activate_totp"))


def test_the_prompt_says_why_in_the_persons_language(client):
    client.force_login(person("coordinator"))
    response = client.get(reverse("practice_submissions:queue").replace("/en/", "/es/", 1))
    assert reverse("mfa_reauthenticate").replace("/en/", "/es/", 1) in response["Location"]
    (message,) = get_messages(response.wsgi_request)
    assert str(message) == (
        "Introduce un código de tu aplicación de autenticación para actuar como coordinador."
    )


# --- With the second factor ------------------------------------------------------------------
def test_signing_in_with_a_code_opens_everything(client, targets):
    sign_in(client, person("coordinator"))
    for url in targets["get"]:
        assert client.get(url).status_code == 200, url
    response = client.get(reverse("wagtailsnippets_network_joinrequest:list") + "?export=csv")
    assert targets["join_request"].authority_name in b"".join(response.streaming_content).decode()


def test_a_superuser_signed_in_with_a_code_opens_the_admins(client):
    sign_in(client, person(is_superuser=True, is_staff=True))
    assert client.get("/cms/").status_code == 200
    assert client.get("/django-admin/network/user/").status_code == 200


def test_giving_the_code_later_in_the_session_opens_the_cms(client):
    client.force_login(person("coordinator"))
    prompt = client.get("/cms/")["Location"]
    assert prompt.startswith(reverse("mfa_reauthenticate"))
    response = client.post(prompt, {"code": _code()})
    assert response.status_code == 302
    assert response["Location"] == "/cms/"
    assert client.get("/cms/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_who_just_set_up_two_factor_may_act(client):
    # Committed for real: allauth announces the new authenticator once the view's transaction
    # commits, before the session is saved, as in production. An earlier test of the same kind
    # may have flushed the database, and with it the role groups its migrations made.
    role_groups_ensure()
    coordinator = person("coordinator", email="new.coord@example.org", mfa=False)
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    setup = client.get("/cms/")["Location"]
    assert setup.startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password again before adding an authenticator.
    response = client.get(setup)
    if response.status_code == 302:
        client.post(response["Location"], {"password": PASSWORD})
        response = client.get(setup)
    secret = response.context["form"].secret
    code = totp_code(secret)
    response = client.post(setup, {"code": code})
    assert response.status_code == 302
    assert client.get("/cms/").status_code == 200


def test_another_persons_second_factor_does_not_count(client):
    """The records name the person: signing in as someone else starts again."""
    sign_in(client, person("official", email="official@example.org"))
    coordinator = person("coordinator")
    client.force_login(coordinator)
    response = client.get("/cms/")
    assert response.status_code == 302
    assert reverse("mfa_reauthenticate") in response["Location"]


def test_a_second_client_with_only_the_password_stays_out(targets):
    coordinator = person("coordinator")
    signed_in, password_only = Client(), Client()
    sign_in(signed_in, coordinator)
    password_only.force_login(coordinator)
    assert signed_in.get("/cms/").status_code == 200
    assert password_only.get("/cms/").status_code == 302


def test_a_focal_point_who_is_a_coordinator_sees_only_their_own_invitations_without_the_code(
    client,
):
    coordinator = person("coordinator")
    own = MembershipFactory(user=coordinator, is_focal_point=True).local_authority
    InvitationFactory(local_authority=own, email="colleague@example.org")
    InvitationFactory(email="elsewhere@example.org")
    client.force_login(coordinator)
    html = client.get(reverse("network:invitation_list")).content.decode()
    assert "colleague@example.org" in html
    assert "elsewhere@example.org" not in html
    sign_in(client, coordinator)
    assert (
        "elsewhere@example.org" in client.get(reverse("network:invitation_list")).content.decode()
    )


def test_a_superuser_who_is_also_a_moderator_still_needs_the_code_for_the_cms(client):
    client.force_login(person("moderator", mfa=True, is_superuser=True, is_staff=True))
    response = client.get("/cms/")
    assert response.status_code == 302
    assert reverse("mfa_reauthenticate") in response["Location"]
