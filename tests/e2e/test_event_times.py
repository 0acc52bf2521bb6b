"""A signed-in person with their own time zone: the profile page to choose it and the event page
showing their time are accessible and fit a 360 px screen."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.outreach import builders

from .accessibility import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture
def event(migrated_site):
    index = builders.event_index(builders.homes()["en"])
    start = datetime(2036, 12, 12, 23, 0, tzinfo=ZoneInfo("America/Bogota"))
    return builders.event_page(
        index, slug="launch", title="Network launch", start=start, time_zone="America/Bogota"
    )


@pytest.fixture
def member(migrated_site):
    user = UserFactory(email="ana.lima@example.org", first_name="Ana", last_name="Lima")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _no_sideways_scrolling(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_person_chooses_a_zone_and_sees_the_event_in_their_time(page, member, event):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/en/accounts/login/")
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='login']").fill(member.email)
    form.locator("input[name='password']").fill(PASSWORD)
    form.locator("button[type='submit'], input[type='submit']").first.click()
    expect(page).not_to_have_url(r"/accounts/login/")

    page.goto("/en/network/profile/")
    page.get_by_label("time zone").select_option("America/Sao_Paulo")
    assert_accessible(page)
    _no_sideways_scrolling(page)
    page.locator("form.form button[type='submit']").first.click()

    page.goto("/en/events/launch/")
    expect(page.get_by_text("Your time", exact=True)).to_be_visible()
    expect(page.locator("dd", has_text="São Paulo time")).to_be_visible()
    assert_accessible(page)
    _no_sideways_scrolling(page)
