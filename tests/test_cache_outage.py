"""With the cache's Redis stopped or hanging, the site keeps working uncached: pages render
within a second and a half, sign-in (whose rate limits read the default cache) works, forms save."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from network import redis_cache
from tests.network.conftest import person
from tests.outreach import builders
from tests.practices.builders import practice, practice_index

from .cache_servers import hanging_server, refusing_server

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture(params=[refusing_server, hanging_server], ids=["stopped", "hanging"])
def redis_down(request, settings, db):
    # Load templates, translations and URL patterns first: the budget below is for pages
    # without a cache, not for a process's first request.
    Client().get("/en/")
    redis_cache._HEALTH.clear()
    with request.param() as url:
        settings.CACHES = {
            alias: {
                "BACKEND": "network.redis_cache.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": alias,
            }
            for alias in ("default", "pages")
        }
        settings.PAGE_CACHE_ENABLED = True
        yield
    redis_cache._HEALTH.clear()


# A request pays at most one 0.25 s socket timeout a minute (network/redis_cache.py), so a page
# that asked a hanging cache at every call would take several seconds; a page of the loaded CI
# machine (three test workers on two cores) takes up to about a second on its own.
BUDGET_SECONDS = 1.5


def _timed(call):
    started = time.monotonic()
    response = call()
    elapsed = time.monotonic() - started
    assert response.status_code in {200, 302}, response.status_code
    assert elapsed < BUDGET_SECONDS, f"{elapsed:.2f} s"
    return response


def test_pages_sign_in_and_forms_work_without_the_cache(client, redis_down, caplog):
    home = builders.homes()["en"]
    directory = practice_index(home)
    page = practice(directory, slug="shelter", title="Shelter network")
    user = person(email="ana@example.org")

    for address in ("/en/", page.url, "/en/", page.url):
        response = _timed(lambda address=address: client.get(address))
        assert response.status_code == 200
        assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "miss"
    assert "Shelter network" in client.get(page.url).content.decode()

    signed_in = _timed(
        lambda: client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == reverse("network:dashboard")
    assert _timed(lambda: client.get("/en/")).status_code == 200

    saved = _timed(
        lambda: client.post(
            "/en/network/profile/",
            {
                "first_name": "Ana",
                "last_name": "Souza",
                "position": "Social worker",
                "languages_spoken": ["pt"],
                "preferred_language": "pt",
            },
        )
    )
    assert saved.status_code == 302
    user.refresh_from_db()
    assert user.position == "Social worker"
    warnings = [record for record in caplog.records if record.name == "network.redis_cache"]
    assert len(warnings) == 1  # once a minute, not once a request


def test_sessions_do_not_depend_on_redis(settings):
    assert settings.SESSION_ENGINE in {
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.signed_cookies",
    }
