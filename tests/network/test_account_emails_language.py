"""Account emails (address confirmation, password reset) are in the person's language, with
links to that language on the site's served address, whatever page they acted from."""

import re

import pytest
from django.conf import settings
from django.core import mail

from network.models import User

from .conftest import person

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def test_password_reset_asked_from_an_english_page_links_to_the_persons_language(client):
    person(email="joana@example.org", preferred_language="pt")
    client.post("/en/accounts/password/reset/", {"email": "joana@example.org"})
    (message,) = mail.outbox
    links = LINK.findall(message.body)
    assert links
    assert all(link.startswith(f"{settings.SITE_URL}/pt/accounts/") for link in links), links
    # The link works: it opens the reset form in Portuguese.
    path = links[0][len(settings.SITE_URL) :]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/pt/accounts/password/reset/key/")


def test_sign_up_in_french_keeps_french_and_confirms_in_french(client):
    client.post(
        "/fr/accounts/signup/",
        {
            "email": "claire@example.org",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
    )
    assert User.objects.get(email="claire@example.org").preferred_language == "fr"
    (message,) = mail.outbox
    links = LINK.findall(message.body)
    assert any(f"{settings.SITE_URL}/fr/accounts/confirm-email/" in link for link in links)
    assert all(link.startswith(f"{settings.SITE_URL}/fr/") for link in links), links
