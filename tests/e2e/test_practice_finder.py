"""The practice finder in a real browser, without JavaScript of its own: tick a facet, apply,
open the map of the results, pick a country on the map, land on the filtered list. Every page
is checked with axe-core."""

import io
import re

import pytest
from playwright.sync_api import expect

from practices.demo import seed_practices
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.browser


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
