"""A directory's search, filters, sort and page survive the localized redirects, the language
switcher, the hreflang alternates, pagination and sorting; tracking parameters are not carried
into the site's own links."""

import re

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from practices.search import practice_search

from .builders import practice

pytestmark = pytest.mark.django_db

FILTERED = "/en/practices/?q=health&theme=health&utm_source=newsletter"


def test_directory_at_another_languages_address_redirects_with_the_query(client, directory):
    response = client.get("/es/practices/?q=salud&country=MX")
    assert response.status_code == 302
    assert response["Location"] == "/es/practicas/?q=salud&country=MX"


def test_address_without_language_keeps_the_query_to_the_localized_directory(client, directory):
    response = client.get("/practices/?q=salud&country=MX", headers={"accept-language": "es"})
    assert response["Location"] == "/es/practices/?q=salud&country=MX"
    response = client.get(response["Location"])
    assert response["Location"] == "/es/practicas/?q=salud&country=MX"
    assert client.get(response["Location"]).status_code == 200


def test_language_switcher_keeps_the_directory_filters_not_tracking(client, directory):
    html = client.get(FILTERED).content.decode()
    switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    spanish = re.search(r'href="(/es/language/es/\?next=[^"]*)"', switcher).group(1)
    assert spanish == "/es/language/es/?next=%2Fes%2Fpracticas%2F%3Fq%3Dhealth%26theme%3Dhealth"
    english = re.search(r'href="(/en/language/en/\?next=[^"]*)"', switcher).group(1)
    assert english == "/en/language/en/?next=%2Fen%2Fpractices%2F%3Fq%3Dhealth%26theme%3Dhealth"
    # Following it lands on the Spanish directory with the same search.
    response = client.get(spanish)
    assert response["Location"] == "/es/practicas/?q=health&theme=health"


def test_hreflang_alternates_keep_the_directory_filters_not_tracking(client, directory):
    html = client.get(FILTERED + "&page=1").content.decode()
    head = html.split("</head>", 1)[0]
    assert (
        '<link rel="alternate" hreflang="es" '
        'href="http://testserver/es/practicas/?q=health&amp;theme=health&amp;page=1">'
    ) in head
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="http://testserver/en/practices/?q=health&amp;theme=health&amp;page=1">'
    ) in head
    assert "utm_source" not in head


def test_language_versions_stay_shared_whatever_the_query(client, directory):
    client.get("/en/practices/?q=health")
    html = client.get("/en/practices/?theme=education").content.decode()
    assert 'hreflang="es" href="http://testserver/es/practicas/?theme=education">' in html
    assert "q=health" not in html


def test_switch_view_passes_the_page_parameters_beside_next_on(client, directory):
    response = client.get(
        "/es/language/es/?next=/es/practicas/&q=salud&country=MX&utm_source=newsletter"
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/practicas/?q=salud&country=MX"
    response = client.get("/es/language/es/", {"next": "/es/practicas/?q=salud&sort=newest"})
    assert response["Location"] == "/es/practicas/?q=salud&sort=newest"


def test_pagination_links_keep_search_filters_and_sort(directory):
    for number in range(21):
        practice(directory["en"], slug=f"p-{number}", title=f"Health desk {number}", country="MX")
    with translation.override("en"):
        search = practice_search(
            params=QueryDict("q=desk&country=MX&sort=most_viewed"), language="en", page_number=2
        )
        results = render_to_string("practices/includes/results.html", {"search": search})
        facets = render_to_string("practices/includes/facets.html", {"search": search})
    assert 'href="?q=desk&amp;country=MX&amp;sort=most_viewed&amp;page=1" rel="prev"' in results
    # Choosing another sort submits the same form: the search words and filters go with it.
    assert 'name="q" value="desk"' in facets
    assert re.search(r'name="country" value="MX" checked', facets)
    assert 'option value="most_viewed" selected' in facets
