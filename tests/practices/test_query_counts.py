"""Practice listings run a constant number of queries, whatever the number of practices."""

import pytest

from tests.factories import LocalAuthorityFactory
from tests.once import built_once
from tests.outreach import builders
from tests.query_counts import count_queries, counts_then_grow

from .builders import practice, practice_index, translate

pytestmark = pytest.mark.django_db


def _grow(directory, start: int, count: int) -> None:
    authority = LocalAuthorityFactory(country="EC")
    for number in range(start, start + count):
        fields = {"authority": authority, "country": "EC"} if number % 3 == 0 else {}
        page = practice(
            directory["en"],
            slug=f"practice-{number}",
            themes=("employment", "health"),
            groups=("migrants",),
            **fields,
        )
        if number % 2:
            translate(page, directory["es"], code="es", slug=f"practica-{number}")


URLS = [
    "/en/practices/",
    "/es/practicas/",
    "/en/practices/?theme=employment",
    "/en/practices/?q=practice&sort=most_viewed&page=2",
    "/en/",
    "/es/",
    "/en/practices/map/?theme=employment",
    "/en/practices/feed/rss/?country=EC",
    "/en/practices/feed/atom/",
    "/en/practices/export/csv/?theme=health",
    "/en/practices/export/xlsx/",
    "/en/api/practices/?sort=most_viewed",
    "/es/api/practices/?theme=employment&page=1",
]


def _small_counts_then_grow() -> dict[str, int]:
    """Each URL's query count with 3 practices; then 12 more are published."""

    def build():
        english = practice_index(builders.homes()["en"])
        directory = {
            "en": english,
            "es": builders.translate(english, builders.homes()["es"], code="es", slug="practicas"),
        }
        published = [0]

        def grow(count: int) -> None:
            _grow(directory, published[0], count)
            published[0] += count

        return grow

    return counts_then_grow(urls=URLS, build=build, first=3, then=12)


@pytest.fixture(scope="class")
def small(django_db_setup, django_db_blocker):
    """The directory built once for TestListings (tests/once.py): measured with 3 practices,
    then grown to 15, which each test measures again."""
    yield from built_once(django_db_blocker, _small_counts_then_grow)


class TestListings:
    @pytest.mark.parametrize("url", URLS)
    def test_listing_queries_do_not_grow(self, client, small, url, django_assert_num_queries):
        client.get(url)  # the first page after publishing rebuilds the shared menu
        with django_assert_num_queries(small[url]):
            assert client.get(url).status_code == 200


def test_practice_page_queries_do_not_grow_with_related(client, directory):
    _grow(directory, 0, 2)
    small = count_queries(client, "/en/practices/practice-0/")
    _grow(directory, 2, 10)
    assert count_queries(client, "/en/practices/practice-0/") == small
