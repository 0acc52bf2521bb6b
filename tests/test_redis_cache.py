"""The Redis cache backend keeps one client per connection pool (network/redis_cache.py)."""

import pytest
from django.conf import settings

from network.redis_cache import RedisCache

pytestmark = pytest.mark.redis


def test_one_client_serves_every_operation_and_values_round_trip():
    cache = RedisCache(settings.REDIS_URL, {"KEY_PREFIX": "convive-test-client-reuse"})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("greeting", {"es": "hola"}, 30)
    assert cache.get_many(["greeting", "missing"]) == {"greeting": {"es": "hola"}}
    assert cache._cache.get_client() is client
    cache.delete("greeting")
    assert cache.get("greeting") is None
