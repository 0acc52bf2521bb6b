"""A year written in other digits ("²", "①": ``isdigit()`` is true for them) is ignored by the
library's filters instead of answering 500."""

import pytest

from . import builders

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["²²²²", "①②③④", "2024²", "+202"])
def test_a_malformed_year_is_ignored(client, library, year):
    builders.resource(library, slug="guide", title="Reception guide", year=2024)
    client.raise_request_exception = False
    response = client.get(library.url, {"year": year})
    assert response.status_code == 200
    assert "Reception guide" in response.content.decode()


def test_a_year_in_ascii_digits_still_filters(client, library):
    builders.resource(library, slug="guide", title="Reception guide", year=2024)
    builders.resource(library, slug="older", title="Older report", year=2019)
    html = client.get(library.url, {"year": "2019"}).content.decode()
    assert "Older report" in html and "Reception guide" not in html
