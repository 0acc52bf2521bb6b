"""What the "queries do not grow with content" tests share: a page's query count, and the counts
of a list of pages measured on small data before the data grows."""

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation


def count_queries(client, url: str) -> int:
    """The queries of a request for ``url`` (which answers 200), once a first request warmed the
    per-process caches (site root paths, content types)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def counts_then_grow(
    *, urls: list[str], build: Callable[[], Callable[[int], object]], first: int, then: int
) -> dict[str, int]:
    """Each of ``urls``' query count once ``build()`` made the data and the ``grow(count)`` it
    returns added ``first`` items; then ``then`` more are added, for the tests to count again."""
    with translation.override(settings.LANGUAGE_CODE):
        grow = build()
        grow(first)
        client = Client()
        small = {url: count_queries(client, url) for url in urls}
        grow(then)
    return small
