"""The visual identity in a real browser: the header's logo, the footer's links in each language,
cards of one height in each row of a grid, no sideways scrolling on a phone, and no axe-core
violation on the pages that show them."""

import io

import pytest
from playwright.sync_api import expect

from outreach.demo import seed_outreach
from practices.demo import seed_practices

from .accessibility import assert_accessible

pytestmark = pytest.mark.browser

FOOTER_PAGES = {
    "en": ("privacy", "terms-of-use", "accessibility"),
    "es": ("privacidad", "condiciones-de-uso", "accesibilidad"),
    "pt": ("privacidade", "termos-de-uso", "acessibilidade"),
    "fr": ("confidentialite", "conditions-d-utilisation", "accessibilite"),
}


def _rows_of_cards(page, selector: str) -> list[list[float]]:
    """The heights of the cards in ``selector``, grouped by row (cards sharing a top edge)."""
    boxes = [card.bounding_box() for card in page.locator(selector).all()]
    rows: dict[float, list[float]] = {}
    for box in boxes:
        rows.setdefault(round(box["y"]), []).append(box["height"])
    return list(rows.values())


def test_logo_footer_and_card_grid_on_a_wide_screen(page, migrated_site):
    out = io.StringIO()
    seed_outreach(stdout=out)
    seed_practices(stdout=out)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/en/")
    logo = page.locator("header a.site-name img")
    expect(logo).to_be_visible()
    expect(logo).to_have_attribute("alt", "Convive")
    assert page.evaluate("(img) => img.naturalWidth", logo.element_handle()) > 0

    # Three cards side by side, each row's cards of one height whatever their text's length.
    news_rows = _rows_of_cards(page, "section[aria-labelledby='news-title'] .cards > li")
    assert news_rows and len(news_rows[0]) == 3
    practice_rows = _rows_of_cards(page, "section[aria-labelledby='practices-title'] .cards > li")
    for row in news_rows + practice_rows:
        assert max(row) - min(row) < 1, row
    # Content uses the wide screen: wider than the 70rem column of before.
    assert page.locator("main").bounding_box()["width"] > 1150
    assert_accessible(page)

    page.goto("/en/practices/")
    rows = _rows_of_cards(page, ".finder__results .cards > li")
    assert len(rows[0]) >= 3
    for row in rows:
        assert max(row) - min(row) < 1, row
    assert_accessible(page)

    for language, slugs in FOOTER_PAGES.items():
        page.goto(f"/{language}/")
        footer = page.locator("footer.site-footer")
        for slug in slugs:
            expect(footer.locator(f"a[href='/{language}/{slug}/']")).to_be_visible()
        expect(footer.locator("a[href^='mailto:']")).to_be_visible()

    page.goto("/fr/accessibilite/")
    expect(page.locator("h1")).to_have_text("Déclaration d'accessibilité")
    assert_accessible(page)


def test_the_home_page_fits_a_360_pixel_phone(page, migrated_site):
    seed_outreach(stdout=io.StringIO())
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/en/")
    expect(page.locator("header a.site-name img")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    cards = page.locator("section[aria-labelledby='news-title'] .cards > li")
    assert cards.count() == 3
    for card in cards.all():
        assert card.bounding_box()["width"] <= 360
    assert_accessible(page)
