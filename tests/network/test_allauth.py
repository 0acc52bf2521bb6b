"""Sign-up, sign-in, password reset and two-factor, through allauth with Convive's templates."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from network.models import User

from .conftest import person, totp_code

pytestmark = pytest.mark.django_db


def unlabelled_inputs(html: str) -> list[str]:
    """Ids of visible form controls that have no <label for=...>."""
    labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', html))
    missing = []
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if re.search(r'type="(hidden|submit|button)"', tag):
            continue
        match = re.search(r'id="([^"]+)"', tag)
        if not match or match.group(1) not in labelled:
            missing.append(tag)
    return missing


@pytest.mark.parametrize(
    "url",
    ["/en/accounts/login/", "/en/accounts/signup/", "/en/accounts/password/reset/"],
)
def test_entrance_pages_use_the_site_layout_and_label_every_input(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skip to content" in html  # Convive's base.html, not allauth's bare layout
    assert html.count("<h1") == 1
    assert unlabelled_inputs(html) == []


def test_manage_pages_use_the_site_layout(client):
    client.force_login(person())
    for url in ("/en/accounts/password/change/", "/en/accounts/2fa/", "/en/accounts/email/"):
        html = client.get(url).content.decode()
        assert "Skip to content" in html, url
        assert unlabelled_inputs(html) == [], url


def test_sign_up_requires_email_verification(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "nueva@example.org",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
    )
    assert response.status_code == 302
    assert "/accounts/confirm-email/" in response["Location"]
    assert not EmailAddress.objects.get(email="nueva@example.org").verified
    # Not signed in until the address is confirmed.
    assert client.get("/en/me/").status_code == 302
    (message,) = mail.outbox
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    client.post(path)
    assert EmailAddress.objects.get(email="nueva@example.org").verified


def test_login_is_by_email(client):
    person(email="ana@example.org")
    response = client.post(
        "/en/accounts/login/", {"login": "ana@example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/me/"


def test_password_reset_sends_an_email(client):
    person(email="ana@example.org")
    client.post("/en/accounts/password/reset/", {"email": "ana@example.org"})
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "/accounts/password/reset/key/" in message.body


def test_coordinator_with_totp_is_asked_for_a_code_at_sign_in(client):
    person("coordinator", email="coord@example.org")
    response = client.post(
        "/en/accounts/login/", {"login": "coord@example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert "/accounts/2fa/authenticate/" in response["Location"]

    code = totp_code()
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert client.get("/en/me/").status_code == 200


def test_users_have_no_username():
    user = User.objects.create_user("Mixed@Example.org", "pw")
    assert user.email == "mixed@example.org"
