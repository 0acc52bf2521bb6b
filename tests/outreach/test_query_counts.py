"""Listings run a constant number of queries, whatever the amount of content."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import LocalAuthorityFactory, NewsCategoryFactory
from tests.once import built_once

from . import builders


def count_queries(client, url: str) -> int:
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


class Site:
    """Indexes in English (news also in Spanish) to which items are added in batches."""

    def __init__(self, homes):
        self.news = builders.news_index(homes["en"])
        self.es_news = builders.translate(self.news, homes["es"], code="es", slug="noticias")
        self.events = builders.event_index(homes["en"])
        self.campaigns = builders.campaign_index(homes["en"])
        self.category = NewsCategoryFactory()
        self.size = 0

    def grow(self, count: int) -> None:
        for number in range(self.size, self.size + count):
            item = builders.news_page(
                self.news,
                slug=f"story-{number}",
                title=f"Integration story {number}",
                category=self.category,
            )
            if number % 2:
                builders.translate(item, self.es_news, code="es", slug=f"historia-{number}")
            builders.event_page(
                self.events,
                slug=f"event-{number}",
                title=f"Integration event {number}",
                starts_in=timedelta(days=number + 1),
            )
            builders.campaign_page(self.campaigns, slug=f"campaign-{number}")
            LocalAuthorityFactory(country=["CO", "EC", "PE", "MX"][number % 4], is_member=True)
        self.size += count


URLS = [
    "/en/",
    "/es/",
    "/en/news/",
    "/es/noticias/",
    "/en/events/",
    "/en/campaigns/",
    "/en/search/?q=integration",
    "/es/search/?q=integration",
]


def _small_counts_then_grow() -> dict[str, int]:
    """Each URL's query count with 4 items of each kind; then 10 more of each are published."""
    with translation.override(settings.LANGUAGE_CODE):
        site = Site(builders.homes())
        site.grow(4)
        client = Client()
        small = {url: count_queries(client, url) for url in URLS}
        site.grow(10)
    return small


@pytest.fixture(scope="class")
def small(django_db_setup, django_db_blocker):
    """The site built once for TestListings (tests/once.py): measured with 4 items of each kind,
    then grown to 14, which each test measures again."""
    yield from built_once(django_db_blocker, _small_counts_then_grow)


@pytest.mark.django_db
class TestListings:
    @pytest.mark.parametrize("url", URLS)
    def test_listing_queries_do_not_grow_with_content(
        self, client, small, url, django_assert_num_queries
    ):
        client.get(url)  # the first page after publishing rebuilds the shared menu
        with django_assert_num_queries(small[url]):
            response = client.get(url)
        assert response.status_code == 200
