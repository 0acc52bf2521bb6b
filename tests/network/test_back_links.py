"""Links from a filtered list carry its query, and the item's page leads back to that same
list ("Back to results"), never anywhere else; without a query, back to the plain list."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from tests.factories import LocalAuthorityFactory
from tests.library import builders as library_builders
from tests.outreach import builders
from tests.practices.builders import practice, practice_index

pytestmark = pytest.mark.django_db


def _back(html: str) -> tuple[str, str]:
    match = re.search(r'<p class="back-link"><a href="([^"]*)">([^<]*)</a></p>', html)
    assert match, "no back link"
    return html_lib.unescape(match.group(1)), match.group(2)


def _card_links(html: str, start: str) -> list[str]:
    return [html_lib.unescape(href) for href in re.findall(rf'href="({start}[^"]*)"', html)]


@pytest.fixture
def home():
    return builders.homes()["en"]


def test_practice_directory_to_practice_and_back(client, home):
    directory = practice_index(home)
    practice(directory, slug="desk", title="Welcome desk", country="MX", place_name="Tijuana")
    listing = client.get("/en/practices/?country=MX&theme=employment&utm_source=x").content
    links = _card_links(listing.decode(), "/en/practices/desk/")
    assert links == ["/en/practices/desk/?country=MX&theme=employment"]

    page = client.get(links[0]).content.decode()
    assert _back(page) == ("/en/practices/?country=MX&theme=employment", "Back to results")
    # The citation gives the practice's own address, not the list's parameters.
    assert "/en/practices/desk/. Accessed" in page
    # Reached from anywhere else: the plain directory.
    assert _back(client.get("/en/practices/desk/").content.decode()) == (
        "/en/practices/",
        "All good practices",
    )


def test_news_events_and_library_lead_back_to_their_filtered_lists(client, home):
    news_index = builders.news_index(home)
    builders.news_page(news_index, slug="launch", news_type="press_release")
    events = builders.event_index(home)
    builders.event_page(events, slug="webinar")
    library = library_builders.library(home)
    library_builders.resource(library, slug="guide", themes=("education",))

    for list_url, item_path, label in [
        ("/en/news/?type=press_release&page=1", "/en/news/launch/", "All news"),
        ("/en/events/?when=upcoming", "/en/events/webinar/", "All events"),
        ("/en/library/?theme=education", "/en/library/guide/", "The whole library"),
    ]:
        listing = client.get(list_url).content.decode()
        query = list_url.partition("?")[2]
        assert _card_links(listing, item_path) == [f"{item_path}?{query}"], list_url
        item = client.get(f"{item_path}?{query}").content.decode()
        assert _back(item) == (list_url, "Back to results")
        assert _back(client.get(item_path).content.decode()) == (
            item_path.rsplit("/", 2)[0] + "/",
            label,
        )


def test_a_back_address_from_elsewhere_is_never_followed(client, home):
    directory = practice_index(home)
    practice(directory, slug="desk")
    page = client.get(
        "/en/practices/desk/?back=https://evil.example/&next=//evil.example&q=%22%3E%3Cscript%3E"
    )
    url, label = _back(page.content.decode())
    assert label == "Back to results"
    assert url == "/en/practices/?q=%22%3E%3Cscript%3E"
    main = page.content.decode().partition("<main")[2].partition("</main>")[0]
    assert "evil" not in main
    assert "<script>" not in main


def test_the_page_cache_keeps_each_lists_back_link_apart(client, home, settings):
    directory = practice_index(home)
    practice(directory, slug="desk")
    first = client.get("/en/practices/desk/?country=MX").content.decode()
    second = client.get("/en/practices/desk/?country=PE").content.decode()
    plain = client.get("/en/practices/desk/?utm_source=newsletter").content.decode()
    assert _back(first)[0] == "/en/practices/?country=MX"
    assert _back(second)[0] == "/en/practices/?country=PE"
    # A parameter no page reads is neither a new cache entry nor carried back.
    assert _back(plain) == ("/en/practices/", "All good practices")


def test_authority_directory_to_authority_and_back(client):
    LocalAuthorityFactory(name="Tijuana", slug="tijuana", country="MX")
    listing = client.get("/en/network/authorities/?country=mx&page=abc").content.decode()
    links = _card_links(listing, "/en/network/authorities/tijuana/")
    assert links == ["/en/network/authorities/tijuana/?country=MX"]
    detail = client.get(links[0]).content.decode()
    assert _back(detail) == ("/en/network/authorities/?country=MX", "Back to results")
    detail = client.get("/en/network/authorities/tijuana/?country=ZZ&page=//evil").content
    assert _back(detail.decode()) == (reverse("network:authority_list"), "All member authorities")


def test_a_cms_preview_leads_back_to_the_pages_own_list(rf, home):
    from base.templatetags.back_links import back_link

    directory = practice_index(home)
    desk = practice(directory, slug="desk")
    request = rf.get("/cms/pages/9/edit/preview/?mode=")
    request.is_preview = True
    link = back_link({"request": request, "page": desk}, "All good practices")
    assert link["url"] == "/en/practices/"
