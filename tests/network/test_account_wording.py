"""The sign-in, sign-up and password pages (allauth's) speak like the rest of the site: sentence
case in English and Spanish, Brazilian Portuguese (the variant most Portuguese speakers of the
Americas use), through the corrections compile_translations merges over the libraries'
catalogues (locale/*/LC_MESSAGES/overrides.po, and the libraries' pt_BR catalogues for pt)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _page(client, name: str, language: str) -> tuple[str, str, str]:
    with translation.override(language):
        html = client.get(reverse(name)).content.decode()
    title = " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
    return title, heading, html


@pytest.mark.parametrize(
    ("name", "language", "heading"),
    [
        ("account_login", "en", "Sign in"),
        ("account_signup", "en", "Sign up"),
        ("account_reset_password", "en", "Password reset"),
        ("account_reset_password", "es", "Restablecer contraseña"),
        ("account_login", "pt", "Entrar"),
        ("account_signup", "pt", "Cadastrar-se"),
        ("account_reset_password", "pt", "Redefinição de senha"),
    ],
)
def test_account_pages_use_sentence_case_and_brazilian_portuguese(client, name, language, heading):
    title, found, _html = _page(client, name, language)
    assert found == heading
    assert title == f"{heading} · Convive"


def test_no_european_portuguese_on_the_sign_in_page(client):
    _title, _heading, html = _page(client, "account_login", "pt")
    assert "Senha" in html
    assert "palavra-passe" not in html.lower()
    assert "Iniciar sessão" not in html
