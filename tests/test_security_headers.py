"""Security headers on every kind of response: the public pages enforce a strict
Content-Security-Policy (no inline script or style, only the video players framed), the CMS
enforces a looser one and reports the strict one, and a Permissions-Policy turns off the
browser features the site never uses. The templates are checked for what the strict policy
would block, so a new template cannot break the public site quietly."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.network.conftest import sign_in
from tests.outreach import builders

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def _assert_strict(header: str) -> None:
    policy = _directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert set(policy["frame-src"]) == {
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    }


def _assert_permissions_policy(response) -> None:
    header = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "midi"):
        assert f"{feature}=()" in header
    # The video players may still go full screen; two-factor keys still work.
    assert "fullscreen" not in header
    assert "publickey-credentials-get" not in header


def _assert_kept_headers(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_public_page_enforces_the_strict_policy(client):
    builders.homes()
    response = client.get("/en/")

    assert response.status_code == 200
    _assert_strict(response["Content-Security-Policy"])
    assert "Content-Security-Policy-Report-Only" not in response
    _assert_permissions_policy(response)
    _assert_kept_headers(response)


def test_an_error_page_enforces_the_strict_policy(client):
    response = client.get("/en/no-such-page-anywhere/")

    assert response.status_code == 404
    _assert_strict(response["Content-Security-Policy"])
    _assert_permissions_policy(response)
    _assert_kept_headers(response)


def test_a_practice_export_and_the_api_have_the_headers_too(client):
    response = client.get("/en/practices/export/csv/")
    assert response.status_code == 200
    _assert_strict(response["Content-Security-Policy"])
    _assert_permissions_policy(response)


def test_only_the_authenticator_setup_may_show_its_qr_code_as_a_data_image(client):
    password = "correct horse battery"
    member = UserFactory(password=password)
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": password})

    setup = client.get(reverse("mfa_activate_totp"))
    profile = client.get(reverse("network:profile"))

    assert setup.status_code == 200
    assert _directives(setup["Content-Security-Policy"])["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in setup["Content-Security-Policy"]
    _assert_strict(profile["Content-Security-Policy"])
    assert _directives(profile["Content-Security-Policy"])["img-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/cms/", "/django-admin/"])
def test_the_admin_allows_inline_code_and_reports_the_strict_policy(client, path):
    sign_in(client, UserFactory(is_superuser=True, is_staff=True))
    response = client.get(path)

    assert response.status_code == 200
    enforced = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in enforced["script-src"]
    assert "'unsafe-inline'" in enforced["style-src"]
    # Still no plugins, no foreign scripts, no posting elsewhere, framed only by ourselves
    # (Wagtail's live preview).
    assert enforced["object-src"] == ["'none'"]
    assert set(enforced["script-src"]) == {"'self'", "'unsafe-inline'"}
    assert enforced["form-action"] == ["'self'"]
    assert enforced["frame-ancestors"] == ["'self'"]
    _assert_strict(response["Content-Security-Policy-Report-Only"])
    _assert_permissions_policy(response)


def test_wagtail_documents_keep_their_own_stricter_policy(client, settings):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Report", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="report.pdf")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"


# -- The templates have nothing the strict policy blocks ------------------------------------------

TEMPLATE_ROOTS = [Path(settings.BASE_DIR) / "templates"]
# Emails and the PDF are not shown by a browser under our policy.
NOT_IN_A_BROWSER = ("emails/", "email/", "notifications/", "/pdf/")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")")
INLINE_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=")
INLINE_STYLE = re.compile(r"<style|\sstyle\s*=")


def _browser_templates():
    for root in TEMPLATE_ROOTS:
        for path in sorted(root.rglob("*.html")):
            relative = path.relative_to(root).as_posix()
            if not any(part in f"/{relative}" for part in NOT_IN_A_BROWSER):
                yield relative, path.read_text()


def test_no_template_has_inline_script_handlers_or_styles():
    offending = [
        name
        for name, text in _browser_templates()
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text) or INLINE_STYLE.search(text)
    ]
    assert offending == []


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<a href="#" onclick="go()">',
        '<div class="x" style="color: red">',
        "<style>p {}</style>",
    ],
)
def test_the_template_check_sees_inline_code(markup):
    assert (
        INLINE_SCRIPT.search(markup) or INLINE_HANDLER.search(markup) or INLINE_STYLE.search(markup)
    )


@pytest.mark.parametrize(
    "markup",
    [
        '<script src="/static/app.js"></script>',
        '<script type="application/ld+json">{}</script>',
        '<a href="/online-help/" class="button">',
    ],
)
def test_the_template_check_lets_external_code_and_data_through(markup):
    assert not (
        INLINE_SCRIPT.search(markup) or INLINE_HANDLER.search(markup) or INLINE_STYLE.search(markup)
    )
