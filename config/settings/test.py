"""Test settings: fast hashing, mail kept in memory, uploads in a temporary folder."""

import tempfile

from .base import *  # noqa: F403
from .base import env

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
