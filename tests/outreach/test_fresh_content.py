"""Every change is shown on the next request, by every worker and node: nothing of the content
is kept in a worker's memory, and what the shared cache keeps (pages, menus, language links)
is dropped when a change commits (base/cache.py)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home):
    return builders.standard_page(home, slug="about", title="About us")


@pytest.fixture(params=[False, True], ids=["page-cache-off", "page-cache-on"])
def page_cache(request, settings):
    settings.PAGE_CACHE_ENABLED = request.param
    return request.param


def test_publishing_a_change_is_shown_at_once(client, about, page_cache):
    client.get("/en/about/")
    about.title = "About the network"
    about.save_revision().publish()
    assert "About the network" in client.get("/en/about/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, about, page_cache):
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


def test_a_restriction_added_after_a_visit_applies_to_the_next_visitor(client, about, page_cache):
    assert client.get("/en/about/").status_code == 200
    assert client.get("/en/about/").status_code == 200  # cached when the page cache is on
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Partners"))
    response = client.get("/en/about/")
    assert response.status_code == 302
    assert "login" in response["Location"]
    restriction.delete()
    assert client.get("/en/about/").status_code == 200


def test_language_links_follow_a_translation_published_after_a_visit(
    client, homes, about, page_cache
):
    before = client.get("/en/about/").content.decode()
    assert '<link rel="alternate" hreflang="es"' not in before
    builders.translate(about, homes["es"], code="es", slug="acerca")
    after = client.get("/en/about/").content.decode()
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/acerca/">' in after


def test_a_page_whose_sharing_image_was_deleted_still_answers(client, about, page_cache):
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "teal").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Square", file=ImageFile(buffer, name="square.png")
    )
    about.social_image = image
    about.save_revision().publish()
    assert "square" in client.get("/en/about/").content.decode()
    image.delete()
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert "square" not in response.content.decode()


def test_a_known_address_is_routed_from_the_shared_cache_and_without_it(client, about, settings):
    """The route from an address to its page is kept in the shared cache (base/routing.py): a
    known address costs fewer queries than walking the tree, and a cache that is down only
    means walking the tree again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.cache_servers import refusing_server

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured.captured_queries)

    walked = queries("/en/about/")
    assert queries("/en/about/") <= walked - 3
    with refusing_server() as url:
        settings.CACHES = {
            **settings.CACHES,
            "pages": {"BACKEND": "network.redis_cache.RedisCache", "LOCATION": url},
        }
        assert "About us" in client.get("/en/about/").content.decode()
        assert client.get("/en/no-such-page/").status_code == 404


def test_a_site_changed_after_a_visit_is_seen_at_once(client, about, page_cache):
    """The site of a host is kept in the shared cache (base/sites.py) under the token that
    saving a site renews: once the only site stops answering this host, its pages are gone."""
    from wagtail.models import Site

    assert client.get("/en/about/").status_code == 200
    assert client.get("/en/about/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.is_default_site = "elsewhere.example", False
    site.save()
    assert client.get("/en/about/").status_code == 404
    assert client.get("/en/about/", headers={"host": "elsewhere.example"}).status_code == 200
