"""Choosing a language: the browser's language on a first visit, then the remembered choice."""

import pytest
from django.conf import settings


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("es-CO,es;q=0.9,en;q=0.5", "/es/"),
        ("pt-BR,pt;q=0.9", "/pt/"),
        ("fr-CA", "/fr/"),
        ("de-DE,de;q=0.9", "/en/"),
    ],
)
def test_first_visit_to_root_goes_to_the_browsers_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_switcher_link_remembers_the_choice_and_keeps_the_page(client):
    response = client.get("/en/language/fr/", {"next": "/fr/search/?q=ville"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/search/?q=ville"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    # Later, the bare root opens in the remembered language despite the browser's preference.
    response = client.get("/", headers={"accept-language": "es"})
    assert response["Location"] == "/fr/"


@pytest.mark.django_db
def test_switcher_refuses_to_redirect_elsewhere(client):
    response = client.get("/en/language/es/", {"next": "https://evil.example.com/"})
    assert response["Location"] == "/es/"


@pytest.mark.django_db
def test_switcher_rejects_unknown_language(client):
    assert client.get("/en/language/xx/").status_code == 404


@pytest.mark.django_db
def test_switcher_is_a_plain_get_link(client):
    assert client.post("/en/language/es/").status_code == 405
