"""The practice finder at the size the benchmark uses: 10,000 practices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.datasets import fill_practices
from benchmarks.pages import PAGES
from practice_search.models import PracticeSearchEntry

from .builders import practice

pytestmark = pytest.mark.django_db

FINDER = next(page.path for page in PAGES if page.name == "practice-finder")


def _queries(client, url: str) -> tuple[int, str]:
    client.get(url)  # the first page after publishing rebuilds the shared menu
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_directory_runs_the_same_queries_for_10_and_10000_practices(client, directory):
    # Ten practices like the benchmark's: some English, some only in Spanish (listed in English
    # in their original language), all matching the benchmark's search.
    for number in range(10):
        language = "en" if number % 2 else "es"
        practice(
            directory[language],
            slug=f"practice-{number}",
            themes=("health",),
            country="MX",
            summary="Ruta de atención a la migración.",
            original_language=language,
        )
    urls = [FINDER, "/en/practices/", "/en/practices/?theme=health&status=running&page=3"]
    small = {url: _queries(client, url)[0] for url in urls}

    fill_practices(size="large")
    assert PracticeSearchEntry.objects.filter(listed_in__contains=",en,").count() == 10_010

    for url in urls:
        count, html = _queries(client, url)
        assert count == small[url], url
        assert "practice-card" in html
        # The page stays light at that size: 20 cards, facets and no script.
        assert len(html.encode()) < 60_000, url
        assert "<script" not in html
    _count, html = _queries(client, "/en/practices/")
    assert "10010 practices found" in html
