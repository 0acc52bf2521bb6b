"""The Redis cache backend (network/redis_cache.py): one client per connection pool, and every
operation failing open when the server is stopped or hanging."""

import logging
import time

import pytest
from django.conf import settings

from network import redis_cache
from network.redis_cache import RedisCache

from .cache_servers import hanging_server, refusing_server


@pytest.mark.redis
def test_one_client_serves_every_operation_and_values_round_trip():
    cache = RedisCache(settings.REDIS_URL, {"KEY_PREFIX": "convive-test-client-reuse"})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("greeting", {"es": "hola"}, 30)
    assert cache.get_many(["greeting", "missing"]) == {"greeting": {"es": "hola"}}
    assert cache._cache.get_client() is client
    cache.delete("greeting")
    assert cache.get("greeting") is None


@pytest.fixture(autouse=True)
def _forget_server_health():
    redis_cache._HEALTH.clear()
    yield
    redis_cache._HEALTH.clear()


@pytest.mark.parametrize("server", [refusing_server, hanging_server])
def test_an_unavailable_server_answers_misses_quickly_and_warns_once(server, caplog):
    caplog.set_level(logging.WARNING, logger="network.redis_cache")
    with server() as url:
        cache = RedisCache(url, {"KEY_PREFIX": "fail-open"})
        started = time.monotonic()
        assert cache.get("menu") is None
        assert cache.get("menu", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.get_or_set("token", "fresh") == "fresh"
        cache.set("menu", ["home"], 30)
        assert cache.add("lock", True) is True  # callers using add() as a lock go on
        assert cache.incr("count") == 1
        assert cache.delete("menu") is False
        assert cache.has_key("menu") is False
        cache.set_many({"a": 1})
        cache.delete_many(["a"])
        cache.clear()
        # One socket timeout at most: after a failure the server is left alone for a while.
        assert time.monotonic() - started < 1.0
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert url.rsplit("/", 1)[0] in warnings[0].getMessage()


def _timed_get(cache) -> float:
    started = time.monotonic()
    assert cache.get("menu") is None
    return time.monotonic() - started


def test_a_hanging_server_costs_one_timeout_then_is_tried_again_after_a_pause(monkeypatch):
    monkeypatch.setattr(redis_cache, "RETRY_AFTER", 0.5)
    with hanging_server() as url:
        cache = RedisCache(url, {})
        assert _timed_get(cache) >= redis_cache.SOCKET_TIMEOUT * 0.9
        assert _timed_get(cache) < 0.1  # left alone for RETRY_AFTER seconds
        time.sleep(0.5)
        assert _timed_get(cache) >= redis_cache.SOCKET_TIMEOUT * 0.9
