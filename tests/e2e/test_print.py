"""Printing (static/css/print.css), through Chromium's own print to PDF: A4 pages with only the
content (no header, menu, footer or filters), every link in the content followed by its whole
address, and a demo practice on at most two pages in each language."""

import io
import re

import pytest
from pypdf import PdfReader

from practices.models import PracticePage
from tests import crawl

pytestmark = pytest.mark.browser

A4_POINTS = (595, 842)


def _printed(tab, path: str) -> PdfReader:
    tab.goto(path)
    tab.wait_for_load_state("load")
    return PdfReader(io.BytesIO(tab.pdf(prefer_css_page_size=True, print_background=True)))


def _text(pdf: PdfReader) -> str:
    """The printed text without any whitespace, so addresses broken across lines read whole."""
    return "".join("".join(page.extract_text() for page in pdf.pages).split())


def test_a_demo_practice_prints_on_at_most_two_a4_pages_in_every_language(page, migrated_site):
    crawl.demo_seed()
    source = PracticePage.objects.get(slug=crawl.PRACTICE, locale__language_code="en")

    for practice in PracticePage.objects.filter(translation_key=source.translation_key):
        pdf = _printed(page, practice.url)

        sizes = {(round(p.mediabox.width), round(p.mediabox.height)) for p in pdf.pages}
        assert sizes == {A4_POINTS}, practice.url
        assert len(pdf.pages) <= 2, f"{practice.url} prints on {len(pdf.pages)} pages"


def test_a_printed_page_has_only_its_content_with_whole_link_addresses(
    page, live_server, migrated_site
):
    crawl.demo_seed()
    practice = PracticePage.objects.get(slug=crawl.PRACTICE, locale__language_code="en")

    text = _text(_printed(page, practice.url))

    assert practice.title.replace(" ", "") in text
    # The header (site menu, search, sign-in) and the footer are left out.
    for screen_only in ("Skiptocontent", "Jointhenetwork", "Searchthesite", "Signin"):
        assert screen_only not in text
    # A relative link (the authority) is followed by the site's address and its own.
    authority = f"{live_server.url}/en/network/authorities/{practice.authority.slug}/"
    assert f"({authority})" in text
    # An absolute one as written; an email address is not repeated.
    assert "(mailto:" not in text
    assert re.search(r"\(https?://", text)


def test_the_directory_prints_its_results_without_the_filters(page, migrated_site):
    crawl.demo_seed()
    page.emulate_media(media="print")
    page.goto("/en/practices/")

    assert page.locator(".finder__filters, .finder__panel").first.is_hidden()
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".site-footer").is_hidden()
    assert page.locator(".pagination").count() == 0 or page.locator(".pagination").is_hidden()
    assert page.locator("main .card").first.is_visible()
