"""The library index and a resource page run a constant number of queries, whatever the amount
of content (including fallback items and filters)."""

import pytest

from tests.once import built_once
from tests.query_counts import counts_then_grow

from . import builders

pytestmark = pytest.mark.django_db


class Library:
    """An English library with a Spanish translation; half of the resources translated."""

    def __init__(self, homes):
        self.en = builders.library(homes["en"])
        self.es = builders.translate_library(self.en, homes["es"], code="es", slug="biblioteca")
        self.size = 0
        self.first = None

    def grow(self, count: int) -> None:
        for number in range(self.size, self.size + count):
            page = builders.resource(
                self.en,
                slug=f"resource-{number}",
                year=2000 + number,
                resource_type=["report", "guide"][number % 2],
                themes=("health", ["data", "education"][number % 2]),
            )
            self.first = self.first or page
            if number % 2:
                builders.translate(page, self.es, code="es", slug=f"recurso-{number}")
        self.size += count


URLS = [
    "/en/library/",
    "/es/biblioteca/",
    "/es/biblioteca/?type=guide&theme=health",
    "/en/library/?year=2001",
    "/en/library/resource-0/",
]


def _small_counts_then_grow() -> dict[str, int]:
    """Each URL's query count with 4 resources; then 8 more are published."""
    return counts_then_grow(
        urls=URLS, build=lambda: Library(builders.homes()).grow, first=4, then=8
    )


@pytest.fixture(scope="class")
def small(django_db_setup, django_db_blocker):
    """The library built once for TestLibrary (tests/once.py): measured with 4 resources, then
    grown to 12, which each test measures again."""
    yield from built_once(django_db_blocker, _small_counts_then_grow)


class TestLibrary:
    @pytest.mark.parametrize("url", URLS)
    def test_query_count_does_not_grow_with_the_library(
        self, client, small, url, django_assert_num_queries
    ):
        client.get(url)
        with django_assert_num_queries(small[url]):
            client.get(url)
