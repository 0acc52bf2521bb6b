"""Purging a CDN or caching proxy when a page is published, without ever holding the publish up.

Wagtail's HTTP backend (``wagtail.contrib.frontend_cache.backends.HTTPBackend``) sends each PURGE
with no timeout: a proxy that accepts the connection and never answers keeps the editor's publish
waiting for as long as the operating system lets the socket wait. ``TimedHTTPBackend`` sends the
same request (method PURGE, the page's path and query on the proxy's address, the page's host in
``Host``) with a timeout (``TIMEOUT``, seconds, default 2) and logs a purge that fails or times out
instead of raising: the page is published either way and the proxy's copy expires on its own.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 2.0


class TimedHTTPBackend(HTTPBackend):
    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", DEFAULT_TIMEOUT))
        super().__init__(params)

    def purge(self, url: str) -> None:
        page = urlsplit(url)
        host = f"{page.hostname}:{page.port}" if page.port else page.hostname
        request = PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, page.path, page.query, page.fragment]
            ),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            # The scheme and address are the configured proxy's (FRONTEND_CACHE_URL).
            with urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except (URLError, OSError) as error:  # HTTPError, refused, reset, timed out
            logger.error("Could not purge %s from the caching proxy: %s", url, error)
