"""Django's Redis cache backend, without building a Redis client object for every operation.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` returns a new ``redis.Redis``
for each call, and each one fills a table of about 170 response callbacks: that alone cost more
than the network round-trip of a page-cache hit. The client is safe to share (it draws its
connections from the pool), so this backend keeps one per connection pool."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options) -> None:
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
