"""A visitor's first minutes in a real browser: home page, language switch, sign in. Every page
visited is checked with axe-core for WCAG 2.1 A/AA violations."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.factories import UserFactory

from .accessibility import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture
def member():
    user = UserFactory(email="ana.lima@example.org", first_name="Ana", last_name="Lima")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_visitor_switches_to_spanish_and_signs_in(page, member):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)

    page.get_by_role("link", name="Español").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page).to_have_url(re.compile(r"/es/"))
    assert_accessible(page)

    page.locator("a[href*='/accounts/login/']").first.click()
    expect(page).to_have_url(re.compile(r"/es/accounts/login/"))
    assert_accessible(page)

    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='login']").fill(member.email)
    form.locator("input[name='password']").fill(PASSWORD)
    form.locator("button[type='submit'], input[type='submit']").first.click()

    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    # Signed in: the user menu offers "sign out" instead of "sign in".
    user_menu = page.locator("nav.user-menu")
    expect(user_menu.locator("form[action*='/accounts/logout/'] [type='submit']")).to_be_visible()
    expect(user_menu.locator("a[href*='/accounts/login/']")).to_have_count(0)
    assert_accessible(page)
