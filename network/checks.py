"""System checks of the deployment's settings (``manage.py check --deploy``)."""

from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


def redis_database(url: str) -> tuple[str, int | None, str] | None:
    """(host or socket path, port, database number) of a Redis URL; None for anything else."""
    parts = urlsplit(url)
    if parts.scheme in {"redis", "rediss"}:
        number = parts.path.strip("/") or parse_qs(parts.query).get("db", ["0"])[0]
        return (parts.hostname or "localhost", parts.port or 6379, number)
    if parts.scheme == "unix":
        return (parts.path, None, parse_qs(parts.query).get("db", ["0"])[0])
    return None


@register(Tags.caches, deploy=True)
def check_caches_apart_from_broker(app_configs, **kwargs) -> list[Error]:
    """The caches must not share the Celery broker's Redis database: a cache is evicted
    (LRU) and cleared, a broker must lose nothing."""
    broker = redis_database(settings.CELERY_BROKER_URL)
    if broker is None:
        return []
    return [
        Error(
            f"The {alias!r} cache uses the Celery broker's Redis database.",
            hint="Give CACHE_URL and PAGE_CACHE_URL other databases or another Redis than "
            "CELERY_BROKER_URL (see README, Caches).",
            id="network.E001",
        )
        for alias, cache in settings.CACHES.items()
        if cache["BACKEND"].endswith("RedisCache") and redis_database(cache["LOCATION"]) == broker
    ]
