"""The library in a real browser, without JavaScript of its own: filter with the form, land on a
URL that carries the filters, open a resource. Every page is checked with axe-core."""

import io
import re

import pytest
from playwright.sync_api import expect

from library.demo import seed_library
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_a_visitor_filters_the_library_and_opens_a_resource(page, migrated_site):
    seed_library(stdout=io.StringIO())
    page.goto("/es/biblioteca/")
    assert_accessible(page)

    page.locator("#library-type").select_option("guide")
    page.locator("#library-language").select_option("en")
    page.locator("form.library-filters button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"type=guide"))
    expect(page).to_have_url(re.compile(r"language=en"))
    expect(page.locator(".resource-card")).to_have_count(1)
    assert_accessible(page)

    page.locator(".resource-card h2 a").first.click()
    expect(page.locator("h1")).to_have_text("Guide to setting up a municipal migrant office")
    expect(page.locator(".resource-actions a.resource-download")).to_contain_text("PDF")
    assert_accessible(page)
