"""Listings run a constant number of queries, whatever the amount of content."""

from datetime import timedelta

import pytest

from tests.factories import LocalAuthorityFactory, NewsCategoryFactory
from tests.once import built_once
from tests.query_counts import counts_then_grow

from . import builders


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
    return counts_then_grow(urls=URLS, build=lambda: Site(builders.homes()).grow, first=4, then=10)


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
