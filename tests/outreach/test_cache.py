"""The anonymous page cache (base/cache.py)."""

import time

import pytest
from django.conf import settings as django_settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse

from base.cache import GENERATION_KEY
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


@pytest.mark.django_db
def test_each_host_and_scheme_gets_its_own_page(client, home, page_cache):
    first = client.get("/en/", HTTP_HOST="one.example.org")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/en/", HTTP_HOST="one.example.org")["X-Page-Cache"] == "hit"
    other = client.get("/en/", HTTP_HOST="two.example.org")
    assert other["X-Page-Cache"] == "miss"
    assert '"http://two.example.org/en/"' in other.content.decode()
    assert "one.example.org" not in other.content.decode()
    secure = client.get("/en/", HTTP_HOST="one.example.org", secure=True)
    assert secure["X-Page-Cache"] == "miss"
    assert '"https://one.example.org/en/"' in secure.content.decode()


@pytest.mark.django_db
def test_tracking_parameters_are_served_the_clean_page_and_never_stored(client, home, page_cache):
    stored = client.get("/en/")
    tracked = client.get("/en/?utm_source=newsletter&utm_campaign=june&fbclid=abc&gclid=x")
    assert tracked["X-Page-Cache"] == "hit"
    assert tracked.content == stored.content

    caches["pages"].clear()
    for number in range(20):
        response = client.get(f"/en/?utm_source=campaign-{number}")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response  # rendered, not stored
        assert f"campaign-{number}" not in caches["pages"].get(GENERATION_KEY, "")
    # None of them took the clean page's place, nor any other.
    assert client.get("/en/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_parameters_a_page_reads_stay_in_the_key_in_any_order(client, homes, page_cache):
    builders.news_index(homes["en"])
    client.get("/en/news/?page=1&category=x")
    assert client.get("/en/news/?category=x&page=1&utm_medium=mail")["X-Page-Cache"] == "hit"
    assert client.get("/en/news/?category=y&page=1")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_the_signed_out_message_is_shown_on_a_cached_page(client, home, page_cache):
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    client.force_login(UserFactory())
    response = client.post(reverse("account_logout"), follow=True)
    assert response.redirect_chain
    assert "You have signed out." in response.content.decode()
    # The message was shown once; the next visit is anonymous again and served from the cache.
    after = client.get("/en/")
    assert "You have signed out." not in after.content.decode()
    assert after["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_pending_message_is_never_stored_for_others(client, home, page_cache):
    client.cookies[CookieStorage.cookie_name] = "a-message-for-this-visitor"
    response = client.get("/en/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_public_pages_tell_shared_caches_to_keep_them(client, home, settings):
    # Sent whether or not this server's page cache is on: a CDN may keep the page.
    response = client.get("/en/")
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert control == {
        "public",
        f"max-age={settings.PAGE_CACHE_MAX_AGE}",
        f"s-maxage={settings.PAGE_CACHE_TIMEOUT}",
    }
    assert "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_pages_for_signed_in_people_and_forms_are_kept_nowhere(client, homes, page_cache):
    client.force_login(UserFactory())
    response = client.get("/en/")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    client.logout()
    # A form (its CSRF cookie) makes a page personal too, even anonymous.
    form = client.get(reverse("account_login"))
    assert "no-store" in form["Cache-Control"]


@pytest.mark.django_db
def test_a_cached_hit_keeps_cache_control(client, home, page_cache):
    client.get("/en/")
    hit = client.get("/en/")
    assert hit["X-Page-Cache"] == "hit"
    assert "public" in hit["Cache-Control"]


@pytest.mark.django_db
def test_head_requests_served_from_the_cache_are_not_counted_as_views(
    client, home, page_cache, monkeypatch
):
    from base import cache

    counted = []
    monkeypatch.setitem(cache._VIEW_COUNTERS, "story", counted.append)
    original = cache._may_store

    def mark_then_judge(request, response):
        cache.mark_page_view(request, kind="story", key="home")
        return original(request, response)

    monkeypatch.setattr(cache, "_may_store", mark_then_judge)
    client.get("/en/")  # rendered and stored with its mark
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    assert counted == ["home"]
    assert client.head("/en/")["X-Page-Cache"] == "hit"
    assert counted == ["home"]


def _fragment_ttls() -> list[float]:
    """Seconds left to each shared fragment, in local memory or in Redis."""
    cache = caches["pages"]
    if isinstance(cache, LocMemCache):
        return [
            cache._expire_info[key] - time.time()
            for key in cache._cache
            if ":outreach:fragment:" in key
        ]
    client = cache._cache.get_client()
    return [client.ttl(key) for key in client.scan_iter(match="*:outreach:fragment:*")]


@pytest.mark.django_db
def test_menu_and_language_links_live_in_the_shared_cache_with_an_expiry(
    client, homes, page_cache, settings
):
    about = builders.standard_page(homes["en"], slug="about", title="About us")
    about.show_in_menus = True
    about.save_revision().publish()
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/about/")
    ttls = _fragment_ttls()
    # The site of the host, the page of the address (with whether a view restriction applies),
    # the menu, the footer's pages, the page's language versions, its sharing metadata.
    assert len(ttls) == 6
    assert all(0 < ttl <= django_settings.PAGE_CACHE_TIMEOUT for ttl in ttls)
    # An address that leads nowhere keeps nothing (a crawler's guesses never fill the cache).
    assert client.get("/en/no-such-page/").status_code == 404
    assert len(_fragment_ttls()) == 6
    # What another worker or node stores there is what this one serves.
    builders.translate(about, homes["es"], code="es", slug="acerca")
    assert 'hreflang="es"' in client.get("/en/about/").content.decode()


def test_every_parameter_a_page_reads_is_part_of_the_key():
    """A parameter missing from the list would be left out of the key: its filtered page would
    be served the unfiltered one. The directory's facets and the library's filters are listed."""
    from base.cache import PAGE_QUERY_PARAMETERS
    from library.selectors import FILTER_NAMES
    from practices.search import FACETS

    read = {"page", "q", "sort", *FILTER_NAMES, *(spec.name for spec in FACETS)}
    assert read <= PAGE_QUERY_PARAMETERS
