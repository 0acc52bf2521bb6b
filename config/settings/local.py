"""Local development: the embedded defaults of `make run` (SQLite, Celery eager, console email)."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import SITE_URL, env

# Off by default, so that `make run` shows the site's own translated 404 and 500 pages, as in
# production (DJANGO_DEBUG=true for Django's debug pages while developing).
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The embedded server serves static files from the apps' folders (no collectstatic needed) and
# uploaded media itself (config/urls.py); production leaves media to object storage or the proxy.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
SECRET_KEY = env("SECRET_KEY", default="convive-local-development-key-not-for-production")
# The loopback names, and the host of SITE_URL (`make run HOST=192.168.1.20` sets it).
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", urlsplit(SITE_URL).hostname]
)
