"""Link cards of practices and library resources in posts: a public page's address becomes a
card with its title, summary and meta line; a private, unpublished or unknown one stays a link."""

import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

from network.community import cards
from network.community.cards import LinkCard, card_for_url, card_resolver_register
from network.community.markdown import markdown_render
from tests.library import builders as library_builders
from tests.outreach import builders
from tests.practices.builders import practice, practice_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes():
    return builders.homes()


@pytest.fixture
def gardens(homes):
    index = practice_index(homes["en"])
    spanish_index = builders.translate(index, homes["es"], code="es", slug="practicas")
    english = practice(
        index,
        slug="community-gardens",
        title="Community gardens",
        summary="Plots shared by old and new neighbours.",
        place_name="Villa Esperanza",
        country="CO",
    )
    return {"en": english, "spanish_index": spanish_index}


def test_a_public_practice_becomes_a_card(gardens, django_assert_num_queries):
    # One query for each resolver asked (the library's, then the practices'), in which the site,
    # the language's home page and the visibility rule are subqueries.
    with django_assert_num_queries(2):
        card = card_for_url(f"{settings.SITE_URL}/en/practices/community-gardens/")
    assert card == LinkCard(
        kind="practice",
        title="Community gardens",
        summary="Plots shared by old and new neighbours.",
        url="/en/practices/community-gardens/",
        meta="Villa Esperanza, Colombia",
    )
    assert card_for_url("/en/practices/community-gardens/?utm=x#top") == card


def test_the_card_shows_in_the_post(gardens):
    rendered = markdown_render(
        source="Have a look:\n\n/en/practices/community-gardens/\n\n"
        f"{settings.SITE_URL}/en/practices/community-gardens/",
        card_resolver=card_for_url,
    )
    assert rendered.html.count('<aside class="link-card link-card--practice">') == 1
    assert (
        '<a class="link-card__title" href="/en/practices/community-gardens/">Community gardens</a>'
        in rendered.html
    )
    assert '<p class="link-card__meta">Villa Esperanza, Colombia</p>' in rendered.html


def test_a_practice_in_another_language_is_found_under_its_own_home(gardens):
    practice(gardens["spanish_index"], slug="huertas", title="Huertas comunitarias")
    card = card_for_url("/es/practicas/huertas/")
    assert card is not None and card.title == "Huertas comunitarias"
    assert card_for_url("/en/practicas/huertas/") is None
    assert card_for_url("/de/practicas/huertas/") is None


def test_a_view_restricted_practice_stays_a_link(gardens):
    PageViewRestriction.objects.create(
        page=gardens["en"], restriction_type=PageViewRestriction.LOGIN
    )
    assert card_for_url("/en/practices/community-gardens/") is None
    rendered = markdown_render(
        source="/en/practices/community-gardens/", card_resolver=card_for_url
    )
    assert "link-card" not in rendered.html
    assert "Community gardens" not in rendered.html


def test_a_practice_below_a_restricted_index_stays_a_link(homes):
    index = practice_index(homes["en"])
    practice(index, slug="quiet")
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert card_for_url("/en/practices/quiet/") is None


def test_a_draft_or_unpublished_practice_stays_a_link(homes):
    index = practice_index(homes["en"])
    published = practice(index, slug="was-public")
    published.unpublish()
    assert card_for_url("/en/practices/was-public/") is None


def test_addresses_of_other_sites_and_other_pages_are_no_cards(gardens):
    assert card_for_url("https://other.example/en/practices/community-gardens/") is None
    assert card_for_url("/en/practices/") is None
    assert card_for_url("/en/practices/nothing-here/") is None
    assert card_for_url("javascript:alert(1)") is None


def test_a_public_library_resource_becomes_a_card(homes):
    library = library_builders.library(homes["en"])
    library_builders.resource(
        library,
        slug="reception-guide",
        title="Reception guide",
        summary="How to receive families.",
        resource_type="guide",
        year=2023,
        publisher="City of Lima",
    )
    assert card_for_url(f"{settings.SITE_URL}/en/library/reception-guide/") == LinkCard(
        kind="resource",
        title="Reception guide",
        summary="How to receive families.",
        url="/en/library/reception-guide/",
        meta="Guide · 2023 · City of Lima",
    )


def test_a_private_library_resource_stays_a_link(homes):
    library = library_builders.library(homes["en"])
    resource = library_builders.resource(library, slug="internal-notes")
    PageViewRestriction.objects.create(page=resource, restriction_type=PageViewRestriction.LOGIN)
    assert card_for_url("/en/library/internal-notes/") is None


def test_resolvers_are_asked_in_order_and_the_first_card_wins(gardens, monkeypatch):
    # The hook the community's topics use: a resolver registered under a name of its own.
    asked = []

    def topics(url):
        asked.append(url)
        if url.startswith("/en/community/t/"):
            return LinkCard(kind="topic", title="Housing", summary="", url=url, meta="3 replies")
        return None

    monkeypatch.setattr(cards, "_RESOLVERS", dict(cards._RESOLVERS))
    card_resolver_register(name="test-topics", resolve=topics)
    assert card_for_url("/en/community/t/7/housing/").kind == "topic"
    assert card_for_url("/en/practices/community-gardens/").kind == "practice"
    assert asked == ["/en/community/t/7/housing/"]
