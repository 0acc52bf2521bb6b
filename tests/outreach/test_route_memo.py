"""Routes remembered until the next publish (base/routing.py): fewer queries, and
never a stale answer after publishing, unpublishing, moving, renaming or restricting a page."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home):
    return builders.standard_page(home, slug="about", title="About us")


def _get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [query["sql"] for query in queries.captured_queries]


def test_a_page_is_routed_once_then_served_without_walking_the_tree(client, about):
    first, first_sql = _get(client, "/en/about/")
    second, second_sql = _get(client, "/en/about/")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    # The site, the page tree and the view restrictions were looked up the first time only.
    assert any("wagtailcore_site" in sql for sql in first_sql)
    assert not any("wagtailcore_site" in sql for sql in second_sql)
    assert not any("wagtailcore_pageviewrestriction" in sql for sql in second_sql)
    assert len(second_sql) <= len(first_sql) - 4


def test_publishing_a_change_is_shown_at_once(client, about):
    client.get("/en/about/")
    about.title = "About the network"
    about.save_revision().publish()
    assert "About the network" in client.get("/en/about/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, about):
    assert client.get("/en/about/").status_code == 200
    about.unpublish()
    assert client.get("/en/about/").status_code == 404


def test_a_new_slug_moves_the_address(client, about):
    client.get("/en/about/")
    about.slug = "who-we-are"
    about.save_revision().publish()
    assert client.get("/en/about/").status_code == 404
    assert client.get("/en/who-we-are/").status_code == 200


def test_a_moved_page_answers_at_its_new_address(client, home, about):
    section = builders.standard_page(home, slug="network", title="Network")
    client.get("/en/about/")
    about.move(section, pos="last-child")
    old = client.get("/en/about/")  # Wagtail leaves a redirect behind
    assert (old.status_code, old["Location"]) == (301, "/en/network/about/")
    assert client.get("/en/network/about/").status_code == 200


@pytest.mark.parametrize("page_cache", [False, True])
def test_a_restriction_added_after_a_visit_applies_to_the_next_visitor(
    client, settings, about, page_cache
):
    settings.PAGE_CACHE_ENABLED = page_cache
    assert client.get("/en/about/").status_code == 200
    assert client.get("/en/about/").status_code == 200  # remembered (and cached)
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Partners"))
    response = client.get("/en/about/")
    assert response.status_code == 302
    assert "login" in response["Location"]
    restriction.delete()
    assert client.get("/en/about/").status_code == 200


def test_language_links_follow_a_translation_published_after_a_visit(client, homes, about):
    before = client.get("/en/about/").content.decode()
    assert '<link rel="alternate" hreflang="es"' not in before
    builders.translate(about, homes["es"], code="es", slug="acerca")
    after = client.get("/en/about/").content.decode()
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/acerca/">' in after
