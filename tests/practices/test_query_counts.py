"""Practice listings run a constant number of queries, whatever the number of practices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import LocalAuthorityFactory

from .builders import practice, translate

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


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


@pytest.mark.parametrize(
    "url",
    [
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
    ],
)
def test_listing_queries_do_not_grow(client, directory, url, django_assert_num_queries):
    _grow(directory, 0, 3)
    small = _count(client, url)
    _grow(directory, 3, 12)
    client.get(url)  # the first page after publishing rebuilds the shared menu
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200


def test_practice_page_queries_do_not_grow_with_related(client, directory):
    _grow(directory, 0, 2)
    small = _count(client, "/en/practices/practice-0/")
    _grow(directory, 2, 10)
    assert _count(client, "/en/practices/practice-0/") == small
