"""Django's Redis cache backend, failing open, without building a Redis client per operation.

A cache is an optimisation: when Redis is stopped, unreachable or hanging, every operation here
answers as a miss (``get`` returns the default, ``add`` and ``set`` pretend to succeed) instead of
raising, so pages are built uncached, sign-in works (allauth's rate limits and TOTP replay marks
read the default cache) and forms save. Short socket timeouts (0.25 s) bound what one operation
can cost; after a failure the server is not tried again for ``RETRY_AFTER`` seconds in this
process, so a request that makes many cache calls pays at most one timeout. A warning is logged
at most once a minute per process and server.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` returns a new ``redis.Redis``
for each call, and each one fills a table of about 170 response callbacks: that alone cost more
than the network round-trip of a page-cache hit. The client is safe to share (it draws its
connections from the pool), so this backend keeps one per connection pool."""

import functools
import logging
import threading
import time

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

SOCKET_TIMEOUT = 0.25
RETRY_AFTER = 5.0
WARNING_INTERVAL = 60.0
FAILURES = (redis.RedisError, OSError)


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


class _ServerHealth:
    """Per process and server: when to try again after a failure, when the last warning was
    logged. Django builds one cache backend per thread, so this lives at module level."""

    def __init__(self) -> None:
        self.retry_at = 0.0
        self.warned_at = float("-inf")


_HEALTH: dict[str, _ServerHealth] = {}
_HEALTH_LOCK = threading.Lock()


def _health(location: str) -> _ServerHealth:
    with _HEALTH_LOCK:
        return _HEALTH.setdefault(location, _ServerHealth())


def _fail_open(answer):
    """Run the operation unless the server failed in the last ``RETRY_AFTER`` seconds; on a
    Redis or socket error, log (rate-limited) and return ``answer(*args, **kwargs)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            health = _health(self._location)
            if time.monotonic() < health.retry_at:
                return answer(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except FAILURES as error:
                now = time.monotonic()
                health.retry_at = now + RETRY_AFTER
                if now - health.warned_at >= WARNING_INTERVAL:
                    health.warned_at = now
                    logger.warning(
                        "Cache server %s unavailable (%s: %s); serving uncached for now.",
                        self._location,
                        type(error).__name__,
                        error,
                    )
                return answer(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        options = {
            "socket_connect_timeout": SOCKET_TIMEOUT,
            "socket_timeout": SOCKET_TIMEOUT,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._location = ",".join(self._servers)

    # A missing answer means "not cached". ``add`` answers True, as if stored: callers use it
    # as a lock or a first-use mark (allauth), and must go on rather than wait or refuse.
    get = _fail_open(_default)(DjangoRedisCache.get)
    get_many = _fail_open(lambda keys, version=None: {})(DjangoRedisCache.get_many)
    has_key = _fail_open(lambda key, version=None: False)(DjangoRedisCache.has_key)
    add = _fail_open(lambda *args, **kwargs: True)(DjangoRedisCache.add)
    set = _fail_open(lambda *args, **kwargs: None)(DjangoRedisCache.set)
    set_many = _fail_open(lambda data, *args, **kwargs: list(data))(DjangoRedisCache.set_many)
    touch = _fail_open(lambda *args, **kwargs: False)(DjangoRedisCache.touch)
    delete = _fail_open(lambda *args, **kwargs: False)(DjangoRedisCache.delete)
    delete_many = _fail_open(lambda *args, **kwargs: None)(DjangoRedisCache.delete_many)
    incr = _fail_open(lambda key, delta=1, version=None: delta)(DjangoRedisCache.incr)
    clear = _fail_open(lambda: None)(DjangoRedisCache.clear)
