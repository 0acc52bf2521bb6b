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

    health = page.locator("#facet-theme label", has_text="Health")
    if not health.is_visible():  # among the less frequent themes, shown on demand
        page.locator("#facet-theme .facet__more summary").click()
    health.click()
    page.get_by_role("button", name="Apply filters").click()
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


def _top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


def test_results_are_on_the_first_screen_on_a_desktop_and_a_phone(page, migrated_site):
    """The count, the active filters and the first results without scrolling on a 1280x800
    desktop (the filters beside them), within a screen and a half on a 390x844 phone (the
    filters and the menu collapsed), and nothing wider than a 360-px screen."""
    seed_practices(stdout=io.StringIO())
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/en/practices/?theme=health")
    for selector in (".practice-results h2", ".practice-results__active", ".practice-card"):
        assert _top(page, selector) < 800 - 40, selector
    expect(page.locator("#facet-country")).to_be_visible()  # beside the results
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/en/practices/?theme=health")
    assert page.locator(".site-header").bounding_box()["height"] <= 844 / 5
    assert _top(page, ".practice-results h2") < 844
    assert _top(page, ".practice-card") < 844 * 1.5
    expect(page.locator("#facet-country")).to_be_hidden()  # in the collapsed filters
    page.get_by_text("Filters (1)").click()
    page.locator("#facet-country label").first.click()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"country=[A-Z]{2}"))
    expect(page.locator(".practice-results__active li")).to_have_count(2)
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Good practices", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/en/practices/$"))
    assert_accessible(page)

    page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/en/", "/en/practices/", "/es/buenas-practicas/?q=salud"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)


def test_a_long_facet_shows_its_top_values_and_the_rest_on_demand(page, migrated_site):
    seed_practices(stdout=io.StringIO())
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/en/practices/")
    countries = page.locator("#facet-country .facet-option")
    hidden = page.locator("#facet-country .facet__more .facet-option")
    total = countries.count()
    assert total > 10 and hidden.count() == total - 6
    expect(hidden.first).to_be_hidden()
    page.locator("#facet-country .facet__more summary").click()
    expect(hidden.first).to_be_visible()


def test_a_documented_case_cites_its_source_accessibly_on_a_narrow_screen(page, migrated_site):
    seed_practices(stdout=io.StringIO())
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/es/buenas-practicas/ecuador-migracion-en-planes-de-desarrollo/")
    source = page.locator(".practice__sources a").first
    expect(source).to_have_attribute(
        "href",
        "https://migration4development.org/en/projects/integrating-migration-local-development-planning",
    )
    # The key facts and an indicator table (Tijuana) fit the screen.
    for path in ("", "/es/buenas-practicas/tijuana-modulo-de-bienvenida-a-repatriados/"):
        if path:
            page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url
        assert_accessible(page)
