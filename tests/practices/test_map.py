"""The map of practices by country: drawn from local outlines, shaded and linked by the
directory's filters, readable as a table, in every language."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.countries import AMERICAS
from practices.geo import americas

from .builders import practice, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(directory):
    index = directory["en"]
    for number in range(3):
        practice(index, slug=f"mx-{number}", country="MX", themes=("health",))
    practice(index, slug="co", country="CO", themes=("employment",))
    practice(index, slug="lc", country="LC", themes=("health",))  # drawn as a dot
    return index


def _paths(html: str) -> dict[str, str]:
    """The class of each country's shape, by the name in its tooltip."""
    shapes = re.findall(r'<(?:path|circle) [^>]*class="([^"]+)"><title>([^:<]+):', html)
    return {name: classes for classes, name in shapes}


def test_outlines_cover_every_network_country():
    outlines = americas()
    assert set(outlines.countries) == set(AMERICAS)
    drawn = [country for country in outlines.countries.values() if country.path]
    assert len(drawn) >= 26 and all(country.path.startswith("M") for country in drawn)
    for country in outlines.countries.values():
        assert 0 <= country.x <= outlines.width and 0 <= country.y <= outlines.height


def test_map_shades_and_links_countries_with_practices(client, spread):
    response = client.get("/en/practices/map/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 practices on the map" in html
    shapes = _paths(html)
    assert shapes["Mexico"] == "map-level-4"
    assert shapes["Colombia"] == "map-level-2"
    assert shapes["Saint Lucia"] == "map-level-2"
    assert shapes["Peru"] == "map-level-0"
    assert 'aria-label="Mexico: 3 practices" href' not in html  # the link comes first
    assert '<a href="/en/practices/?country=MX" aria-label="Mexico: 3 practices">' in html
    assert '<a href="/en/practices/?country=PE"' not in html
    # The same numbers as text, linked to the directory.
    assert '<th scope="row"><a href="/en/practices/?country=MX">Mexico</a></th><td>3</td>' in html
    assert "<script" not in html


def test_map_follows_the_directorys_filters(client, spread):
    html = client.get("/en/practices/map/?theme=health&country=CO").content.decode()
    # Counts ignore the country filter itself, like the Country facet; others apply.
    assert "4 practices on the map" in html
    shapes = _paths(html)
    assert shapes["Mexico"] == "map-level-4"
    assert shapes["Colombia"] == "map-level-0 map-selected"
    assert '<a href="/en/practices/?country=MX&amp;theme=health"' in html
    assert 'href="/en/practices/?country=CO&amp;theme=health">Back to the list' in html


def test_the_directory_links_to_the_map_of_its_results(client, spread):
    html = client.get("/en/practices/?theme=health").content.decode()
    assert 'href="/en/practices/map/?theme=health">These results on a map' in html


@pytest.mark.parametrize(
    ("language", "heading", "mexico"),
    [
        ("es", "Mapa de prácticas", "México: 3 prácticas"),
        ("pt", "Mapa de práticas", "México: 3 práticas"),
        ("fr", "Carte des pratiques", "Mexique : 3 pratiques"),
    ],
)
def test_map_in_other_languages(client, directory, spread, language, heading, mexico):
    translate(spread.get_children().get(slug="co").specific, directory["es"], code="es", slug="co")
    html = client.get(f"/{language}/practices/map/").content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert mexico.replace(" : ", ": ") in html or mexico in html
    # Decimal commas must never reach the drawing.
    assert not re.search(r'c[xy]="\d+,\d', html)


def test_map_queries_do_not_grow_with_practices(client, directory):
    def queries() -> int:
        client.get("/en/practices/map/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/practices/map/").status_code == 200
        return len(captured)

    practice(directory["en"], slug="first", country="MX")
    small = queries()
    for number in range(12):
        practice(directory["en"], slug=f"more-{number}", country=("CO", "PE", "BR")[number % 3])
    assert queries() == small


def test_unpublished_practices_are_not_on_the_map(client, spread):
    spread.get_children().get(slug="mx-0").specific.unpublish()
    html = client.get("/en/practices/map/").content.decode()
    assert "4 practices on the map" in html
    assert '<a href="/en/practices/?country=MX" aria-label="Mexico: 2 practices">' in html
