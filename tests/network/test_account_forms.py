"""allauth's account and two-factor pages (sign in, sign up, password reset and change, email
addresses, two-factor settings) look and behave like the site's own forms: each field's label
above it, its help text and errors tied to it, the site's buttons, errors that concern the whole
form announced as an alert, and every title and button in sentence case."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


class _Main(HTMLParser):
    """The forms, labels, controls and headings inside <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.forms: list[dict] = []
        self.labels: list[str] = []
        self.controls: list[dict] = []
        self.buttons: list[dict] = []
        self.texts: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.depth += 1
        if not self.depth:
            return
        if tag == "form":
            self.forms.append(attrs)
        elif tag == "label":
            self.labels.append(attrs.get("for", ""))
        elif tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.controls.append({**attrs, "labelled": attrs.get("id") in self.labels})
        if tag == "button" or (tag == "a" and "button" in attrs.get("class", "").split()):
            self.buttons.append(attrs)
        if tag in ("h1", "h2", "button", "title") or (
            tag == "a" and "button" in attrs.get("class", "")
        ):
            self._text = []

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if self._text is not None and tag in ("h1", "h2", "button", "a"):
            self.texts.append(" ".join("".join(self._text).split()))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def _main(response) -> _Main:
    assert response.status_code == 200
    parser = _Main()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def member():
    user = UserFactory(email="ana.lima@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _get(client, name: str, language: str = "en"):
    with translation.override(language):
        return client.get(reverse(name))


def _assert_site_form(main: _Main) -> None:
    assert main.forms, "no form on the page"
    for form in main.forms:
        assert "form" in form.get("class", "").split(), form
        assert form.get("action", None) != "", "an empty action attribute"
    for control in main.controls:
        # The label comes before (above) the field, except for a checkbox or radio button.
        if control.get("type") not in ("checkbox", "radio"):
            assert control["labelled"], f"{control.get('name')} has no label above it"
    for button in main.buttons:
        assert "button" in button.get("class", "").split(), button


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_entrance_pages_use_the_site_form_layout(client, name):
    _assert_site_form(_main(_get(client, name)))


@pytest.mark.parametrize(
    "name", ["account_change_password", "account_email", "account_reauthenticate"]
)
def test_account_settings_use_the_site_form_layout(client, member, name):
    client.force_login(member)
    _assert_site_form(_main(_get(client, name)))


def test_password_rules_are_help_text_tied_to_the_field(client):
    html = _get(client, "account_signup").content.decode()

    rules = re.search(r'<div class="helptext" id="id_password1_helptext">(.*?)</div>', html, re.S)
    assert rules is not None
    assert "<li>" in rules.group(1)
    assert re.search(
        r'<input[^>]*name="password1"[^>]*aria-describedby="id_password1_helptext"', html
    )


def test_a_wrong_password_is_announced_as_an_alert(client, member):
    with translation.override("es"):
        response = client.post(
            reverse("account_login"), {"login": member.email, "password": "not the password"}
        )

    html = response.content.decode()
    alert = re.search(r'<div class="notice notice--warning" role="alert">(.*?)</div>', html, re.S)
    assert alert is not None
    assert "contraseña" in alert.group(1).lower()


def test_a_field_error_is_shown_at_the_field(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "not-an-address", "password1": PASSWORD, "password2": PASSWORD},
    )

    html = response.content.decode()
    # Under the field's label, in the field's own group (not above the label, as in as_p).
    assert re.search(
        r'<div>\s*<label for="id_email">[^<]*</label>\s*<ul class="errorlist" id="id_email_error">',
        html,
    )
    assert re.search(r'<input[^>]*name="email"[^>]*aria-invalid="true"', html)


def test_two_factor_settings_use_panels_and_site_buttons(client, member):
    client.force_login(member)
    main = _main(_get(client, "mfa_index"))

    assert main.buttons
    assert all("button" in button.get("class", "").split() for button in main.buttons)


def test_authenticator_secret_has_its_label_and_help_above_it(client, member):
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    html = _get(client, "mfa_activate_totp").content.decode()

    field = re.search(
        r'<label for="authenticator_secret">\s*Authenticator secret\s*</label>\s*'
        r'<div class="helptext" id="authenticator_secret_helptext">.*?</div>\s*'
        r'<input type="text" id="authenticator_secret"[^>]*disabled'
        r'[^>]*aria-describedby="authenticator_secret_helptext"',
        html,
        re.S,
    )
    assert field is not None, html
    _assert_site_form(_main(_get(client, "mfa_activate_totp")))


SENTENCE_CASE_EXCEPTIONS = {"Convive", "JavaScript"}


def _sentence_case(text: str) -> bool:
    words = [word for word in re.findall(r"[\w'-]+", text) if word not in SENTENCE_CASE_EXCEPTIONS]
    return not any(word[0].isupper() for word in words[1:])


def test_titles_and_buttons_are_in_sentence_case(client, member):
    """(Library strings in title case are corrected in locale/*/overrides.po.)"""
    texts = []
    for name in ("account_login", "account_signup", "account_reset_password"):
        texts += _main(_get(client, name)).texts
    client.force_login(member)
    for name in ("account_change_password", "account_email", "mfa_index", "account_reauthenticate"):
        texts += _main(_get(client, name)).texts

    assert texts
    assert [text for text in texts if not _sentence_case(text)] == []
