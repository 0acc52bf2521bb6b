"""Production: every secret, host and service comes from the environment; the process refuses
to start without them, naming the variable that is missing."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    AWS_PRIVATE_STORAGE_BUCKET_NAME,
    AWS_STORAGE_BUCKET_NAME,
    DATABASES,
    MEDIA_ROOT,
    PRIVATE_MEDIA_ROOT,
    SITE_URL,
    STORAGES,
    env,
)


def _required(name: str, example: str) -> str:
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in production, for example {name}={example}"
        )
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY", "<50 or more random characters>")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    _required("ALLOWED_HOSTS", "convive.example.org,www.convive.example.org")
# Several workers and nodes share one database and one Redis (the caches, the rate limits, the
# Celery queue): a SQLite file or a per-process memory would give each its own answer.
_required("DATABASE_URL", "postgres://convive:secret@db.internal:5432/convive")
_required("REDIS_URL", "redis://redis.internal:6379/0")
if AWS_STORAGE_BUCKET_NAME:
    if AWS_PRIVATE_STORAGE_BUCKET_NAME in ("", AWS_STORAGE_BUCKET_NAME):
        raise ImproperlyConfigured(
            "AWS_PRIVATE_STORAGE_BUCKET_NAME must name a bucket other than "
            "AWS_STORAGE_BUCKET_NAME, for example AWS_PRIVATE_STORAGE_BUCKET_NAME=convive-private: "
            "private files in the public bucket would be readable by anyone."
        )
# Set PRIVATE_MEDIA_ROOT in the environment; inside MEDIA_ROOT its files would be public.
elif PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT.")

DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Secure-sessionid"
CSRF_COOKIE_NAME = "__Secure-csrftoken"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
