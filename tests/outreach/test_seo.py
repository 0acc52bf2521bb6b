"""Sitemap, feeds, robots.txt and the error pages."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import path

from base.demo import seed_site
from tests.factories import LocalAuthorityFactory

from . import builders

# The parsed XML is our own responses (ruff S314 is about untrusted data).
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture
def news(homes):
    index = builders.news_index(homes["en"])
    es_index = builders.translate(index, homes["es"], code="es", slug="noticias", title="Noticias")
    item = builders.news_page(
        index, slug="launch", title="Network launched", days_ago=2, summary="Twenty cities."
    )
    builders.translate(
        item,
        es_index,
        code="es",
        slug="lanzamiento",
        title="Red lanzada",
        summary="Veinte ciudades.",
    )
    builders.news_page(index, slug="webinar", title="Webinar announced", days_ago=1)
    return index


@pytest.mark.django_db
def test_sitemap_lists_pages_of_every_language_with_alternates(client, news):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)  # noqa: S314
    locations = [loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)]
    paths = {
        location.split("127.0.0.1:8000", 1)[-1].split("localhost", 1)[-1] for location in locations
    }
    for expected in [
        "/en/",
        "/es/",
        "/pt/",
        "/fr/",
        "/en/news/launch/",
        "/es/noticias/lanzamiento/",
        "/en/news/webinar/",
    ]:
        assert expected in paths
    launch = next(
        url
        for url in tree.findall("s:url", SITEMAP_NS)
        if url.find("s:loc", SITEMAP_NS).text.endswith("/en/news/launch/")
    )
    alternates = {
        link.get("hreflang"): link.get("href") for link in launch.findall("x:link", SITEMAP_NS)
    }
    assert set(alternates) == {"en", "es"}
    assert alternates["es"].endswith("/es/noticias/lanzamiento/")


@pytest.mark.django_db
def test_rss_feed_per_language(client, news):
    response = client.get("/es/news/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    assert channel.find("language").text == "es"
    titles = [item.find("title").text for item in channel.findall("item")]
    # The Spanish translation, and the untranslated item in English; never both versions.
    assert titles == ["Webinar announced", "Red lanzada"]
    links = [item.find("link").text for item in channel.findall("item")]
    assert links[1] == "http://testserver/es/noticias/lanzamiento/"
    english = ET.fromstring(client.get("/en/news/feed/rss/").content).find("channel")  # noqa: S314
    assert [item.find("title").text for item in english.findall("item")] == [
        "Webinar announced",
        "Network launched",
    ]


@pytest.mark.django_db
def test_atom_feed_per_language(client, news):
    response = client.get("/fr/news/feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert len(feed.findall("a:entry", ns)) == 2


@pytest.mark.django_db
def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *\nAllow: /\n" in body
    for rule in ["Disallow: /cms/", "Disallow: /django-admin/", "Disallow: /*/accounts/"]:
        assert rule in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("en", "Page not found")])
def test_404_page_in_the_visitors_language(client, language, title):
    response = client.get(f"/{language}/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
    assert 'href="/en/search/"' in html


@pytest.mark.django_db
def test_404_page_in_spanish(client):
    response = client.get("/es/no/existe/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert 'href="/es/"' in html


def _boom(request):
    raise RuntimeError("broken")


urlpatterns = i18n_patterns(path("boom/", _boom))
handler404 = "base.views.page_not_found"
handler500 = "base.views.server_error"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_500_page_renders_without_database_or_context_processors():
    client = Client(raise_request_exception=False)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fr/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>" in html
    assert '<html lang="fr">' in html
    assert "/static/css/convive.css" in html
    # Only the savepoints of ATOMIC_REQUESTS around the failing view; nothing from the page.
    statements = [query["sql"] for query in queries]
    assert all(sql.split()[0] in {"SAVEPOINT", "RELEASE", "ROLLBACK"} for sql in statements)


def test_500_page_never_touches_the_database(rf):
    from django.utils import translation

    from base.views import server_error

    def refuse(*args):
        raise AssertionError("the 500 page used the database")

    with translation.override("pt"), connection.execute_wrapper(refuse):
        response = server_error(rf.get("/pt/boom/"))
    assert response.status_code == 500
    assert '<html lang="pt">' in response.content.decode()


def _sitemap_urls(client) -> dict[str, dict[str, str]]:
    """Each location of the sitemap with its hreflang alternates."""
    tree = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    return {
        url.find("s:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
        for url in tree.findall("s:url", SITEMAP_NS)
    }


@pytest.mark.django_db
@override_settings(SITE_URL="http://127.0.0.1:8100")
def test_sitemap_lists_the_public_views_and_authority_pages_at_the_served_address(client, homes):
    LocalAuthorityFactory(slug="quito-ec", name="Quito", country="EC")
    LocalAuthorityFactory(slug="arica-cl", name="Arica", is_member=False, joined_at=None)
    output = io.StringIO()
    seed_site(stdout=output)
    assert "now served at http://127.0.0.1:8100" in output.getvalue()

    urls = _sitemap_urls(client)
    base = "http://127.0.0.1:8100"
    for code in ("en", "es", "pt", "fr"):
        for view in (
            "network/join/",
            "practices/map/",
            "network/authorities/",
            "network/authorities/quito-ec/",
        ):
            location = f"{base}/{code}/{view}"
            assert location in urls, location
            assert urls[location]["es"] == f"{base}/es/{view}"
            assert set(urls[location]) == {"en", "es", "pt", "fr"}
        # Wagtail pages use the site, which now follows SITE_URL too.
        assert f"{base}/{code}/" in urls
    assert not [location for location in urls if "arica-cl" in location]
    assert all(location.startswith(f"{base}/") for location in urls)

    # Seeding again leaves the site as it is, and says so.
    output = io.StringIO()
    seed_site(stdout=output)
    assert "(unchanged)" in output.getvalue()
