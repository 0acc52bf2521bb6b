"""The anonymous page cache (base/cache.py)."""

import pytest
from django.conf import settings as django_settings

from tests.factories import UserFactory

from . import builders


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.mark.django_db
def test_second_anonymous_get_is_served_from_cache_without_queries(
    client, home, page_cache, django_assert_num_queries
):
    first = client.get("/en/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/")
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_cache_is_keyed_by_language_and_full_path(client, homes, page_cache):
    builders.news_index(homes["en"])
    client.get("/en/")
    spanish = client.get("/es/")
    assert spanish["X-Page-Cache"] == "miss"
    assert '<html lang="es">' in spanish.content.decode()
    client.get("/en/news/")
    assert client.get("/en/news/?page=2")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_publishing_a_page_invalidates_the_cache(client, home, page_cache):
    client.get("/en/")
    home.hero_heading = "A brand new heading"
    home.save_revision().publish()
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "miss"
    assert "A brand new heading" in response.content.decode()


@pytest.mark.django_db
def test_unpublishing_and_deleting_pages_invalidate_the_cache(client, homes, page_cache):
    index = builders.news_index(homes["en"])
    builders.news_page(index, slug="one", title="First story")
    second = builders.news_page(index, slug="two", title="Second story")
    assert "Second story" in client.get("/en/news/").content.decode()
    second.unpublish()
    assert "Second story" not in client.get("/en/news/").content.decode()
    client.get("/en/news/")  # cached again
    index.get_children().get(slug="one").delete()
    assert "First story" not in client.get("/en/news/").content.decode()


@pytest.mark.django_db
def test_signed_in_person_is_never_served_a_cached_page(client, home, page_cache):
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    client.force_login(UserFactory())
    response = client.get("/en/")
    assert "X-Page-Cache" not in response
    assert "My Convive" in response.content.decode()
    # ...and what they see is never stored for others.
    client.logout()
    assert "My Convive" not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_visitor_with_a_session_cookie_is_not_served_from_cache(client, home, page_cache):
    client.get("/en/")
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "some-session"
    assert "X-Page-Cache" not in client.get("/en/")


@pytest.mark.django_db
def test_errors_and_non_page_views_are_not_cached(client, home, page_cache):
    client.get("/en/missing/")
    assert "X-Page-Cache" not in client.get("/en/missing/")
    client.get("/en/search/?q=city")
    assert "X-Page-Cache" not in client.get("/en/search/?q=city")


@pytest.mark.django_db
def test_responses_that_set_cookies_or_use_csrf_are_not_stored(rf, home):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse
    from django.urls import resolve

    from base.cache import _may_store

    def page_request():
        request = rf.get("/en/")
        request.resolver_match = resolve("/en/")
        request.user = AnonymousUser()
        request.session = SessionStore()
        return request

    assert _may_store(page_request(), HttpResponse("page"))
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("messages", "x")
    assert not _may_store(page_request(), with_cookie)
    csrf_request = page_request()
    csrf_request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not _may_store(csrf_request, HttpResponse("page"))
    session_request = page_request()
    session_request.session["seen"] = True
    assert not _may_store(session_request, HttpResponse("page"))
    assert not _may_store(page_request(), HttpResponse("gone", status=404))


@pytest.mark.django_db
def test_cache_is_off_unless_enabled(client, home):
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/")


@pytest.mark.django_db
def test_a_hit_keeps_the_page_headers_and_skips_the_session(client, homes, page_cache):
    first = client.get("/es/")
    hit = client.get("/es/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Language"] == "es"
    assert hit["X-Frame-Options"] == first["X-Frame-Options"] == "DENY"
    assert "Cookie" in hit["Vary"]
    assert django_settings.SESSION_COOKIE_NAME not in hit.cookies
