"""Malformed filters never break the directory or its open outputs: NUL characters, digits of
other scripts, parameters repeated thousands of times. They are read in one place
(``practices.search.practice_search_params``, through ``network.inputs``)."""

import pytest
from django.urls import reverse

from .builders import practice

pytestmark = pytest.mark.django_db

OUTPUTS = ["map", "feed_rss", "feed_atom", "export_csv", "export_xlsx", "api_list"]


@pytest.fixture
def addresses(directory):
    practice(directory["en"], slug="bogota", title="Bogota health", country="CO")
    return [
        directory["en"].url,
        directory["es"].url,
        *(reverse(f"practices:{name}") for name in OUTPUTS),
    ]


def _answers(client, addresses, query: str) -> dict[str, int]:
    client.raise_request_exception = False
    return {url: client.get(f"{url}?{query}").status_code for url in addresses}


@pytest.mark.parametrize("query", ["q=Bogota%00", "q=%00", "q=\x00health"])
def test_nul_in_the_search_words_is_ignored(client, addresses, query):
    assert set(_answers(client, addresses, query).values()) == {200}


@pytest.mark.postgres
@pytest.mark.parametrize("query", ["q=Bogota%00", "q=%00"])
def test_nul_in_the_search_words_is_ignored_on_postgresql(client, addresses, query):
    """PostgreSQL refuses a NUL in any string: this answered 500 everywhere."""
    assert set(_answers(client, addresses, query).values()) == {200}
    api = client.get(reverse("practices:api_list"), {"q": "Bogota\x00"}).json()
    assert [record["title"] for record in api["results"]] == ["Bogota health"]


@pytest.mark.parametrize("year", ["²", "①", "2021²", "٢٠٢١"])
def test_a_year_in_other_digits_is_ignored(client, addresses, year):
    assert set(_answers(client, addresses, f"year={year}").values()) == {200}
    html = client.get(addresses[0], {"year": year}).content.decode()
    assert "Bogota health" in html  # the filter is dropped, not applied


def test_a_facet_repeated_thousands_of_times_answers(client, addresses, settings):
    """Under ``make run`` (DEBUG on) both answered 500; 900 values are one filter, and more
    parameters than Django reads are refused with a 400."""
    settings.DEBUG = True
    for name, value in [("country", "CO"), ("theme", "employment"), ("year", "2022")]:
        for many, expected in [(900, 200), (5000, 400)]:
            query = "&".join([f"{name}={value}"] * many)
            assert set(_answers(client, addresses, query).values()) == {expected}, (name, many)
    html = client.get(f"{addresses[0]}?{'&'.join(['country=CO'] * 900)}").content.decode()
    assert "Bogota health" in html
