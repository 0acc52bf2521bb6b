"""Test settings: fast hashing, mail kept in memory, uploads in a temporary folder."""

import tempfile

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="convive-test-key-not-for-production")
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="convive-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="convive-test-private-media-")
# Tests ask for a real worker explicitly (see tests/notifications/test_worker.py); everything else
# is eager.
CELERY_TASK_ALWAYS_EAGER = True
PAGE_CACHE_ENABLED = False
# Every Redis key a test writes stays in the one database REDIS_URL names (parallel runs and
# other checkouts each use their own), whatever CACHE_URL and PAGE_CACHE_URL would derive.
if REDIS_URL:
    for _alias in CACHES:  # noqa: F405
        CACHES[_alias]["LOCATION"] = REDIS_URL  # noqa: F405
