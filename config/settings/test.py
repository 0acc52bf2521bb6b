"""Test settings: fast hashing, mail kept in memory, uploads in a temporary folder, and Redis
databases of its own for each pytest-xdist worker."""

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit


def _redis_databases_per_worker() -> None:
    """Under pytest-xdist, give each worker Redis databases of its own, before base.py reads them.

    Tests clear the caches (FLUSHDB) and watch broker queues, so two workers must never share a
    database. Every ``*_URL`` variable that points at Redis moves from its database ``n`` to
    ``low + (n - low) * workers + index`` (``low``: the lowest database they name): with
    ``REDIS_URL=redis://.../4`` and two workers, gw0 uses 4 and gw1 uses 5. The variables are
    rewritten in the environment, so processes a test starts (a Celery worker) see the same
    databases; ``CONVIVE_TEST_REDIS_WORKER`` records that it was done, so they do not shift twice.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or os.environ.get("CONVIVE_TEST_REDIS_WORKER") == worker:
        return
    index = int(worker.removeprefix("gw"))
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    urls = {
        name: urlsplit(value)
        for name, value in os.environ.items()
        if name.endswith("_URL") and value.startswith(("redis://", "rediss://"))
    }
    databases = {name: int(url.path.strip("/") or 0) for name, url in urls.items()}
    low = min(databases.values(), default=0)
    for name, url in urls.items():
        database = low + (databases[name] - low) * workers + index
        os.environ[name] = urlunsplit(url._replace(path=f"/{database}"))
    os.environ["CONVIVE_TEST_REDIS_WORKER"] = worker


_redis_databases_per_worker()

from .base import *  # noqa: E402, F403
from .base import REDIS_URL, env  # noqa: E402

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
