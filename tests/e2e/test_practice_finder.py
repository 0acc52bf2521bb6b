"""The practice finder in a real browser, without JavaScript of its own: tick a facet, apply,
open the map of the results, pick a country on the map, land on the filtered list. Every page
is checked with axe-core."""

import importlib
import io
import re

import pytest
from playwright.sync_api import expect

from practices.demo import seed_practices
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def migrated_site(transactional_db):
    """The root page, locales, site and home pages the data migrations create: the live server
    needs committed data, and an earlier browser test's flush removes them."""
    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Locale, Page

    if not Page.objects.filter(depth=1).exists():
        locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    homes = importlib.import_module("network.outreach.migrations.0002_locales_and_home_pages")
    homes.create_home_pages(apps, None)


def test_a_visitor_narrows_practices_with_facets_and_the_map(page, migrated_site):
    seed_practices(stdout=io.StringIO())
    page.goto("/en/practices/")
    assert_accessible(page)

    page.locator("#facet-theme label", has_text="Health").click()
    page.locator("form.practice-facets button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"theme=health"))
    health = page.locator(".practice-results h2").inner_text()
    assert re.match(r"\d+ practices? found", health)
    assert_accessible(page)

    page.get_by_role("link", name="These results on a map of countries").click()
    expect(page).to_have_url(re.compile(r"/en/practices/map/\?theme=health"))
    expect(page.locator("h1")).to_have_text("Map of practices")
    assert_accessible(page)

    country = page.locator(".practice-map svg a").first
    label = country.get_attribute("aria-label")
    name, count = re.match(r"(.+): (\d+) practices?", label).groups()
    country.click()
    expect(page).to_have_url(re.compile(r"/en/practices/\?country=[A-Z]{2}&theme=health"))
    expect(page.locator(".practice-results h2")).to_contain_text(f"{count} practice")
    expect(page.locator("#facet-country input[checked]")).to_have_count(1)
    expect(page.locator(".practice-results__active")).to_contain_text(name)
    assert_accessible(page)
