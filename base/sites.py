"""Which Wagtail site answers a request, and page addresses relative to it.

Wagtail finds the site of a request (``Site.find_for_request``) with a query on every request
that needs it (routing, the menu, each ``get_url``): an annotated statement whose compiling alone
costs more than a page's search. ``current_site`` gives the same answer from the shared ``pages``
cache (``base.cache.shared_fragment``: keyed by host and port, under the generation token that
saving or deleting a site, a locale or a page replaces, with an expiry), so every worker and node
reads the same entry and sees a change on its next request; with the cache down, Wagtail looks
the site up as it always does. ``page_url`` is ``Page.get_url`` with that site: use it instead of
``page.get_url(request)`` wherever a request is at hand.
"""

from django.http import HttpRequest
from wagtail.models import Page, Site

from .cache import shared_fragment

# The attribute under which a request keeps its site once found (ours, not Wagtail's).
SITE_ATTRIBUTE = "convive_site"


def current_site(request: HttpRequest | None) -> Site | None:
    """The site answering ``request`` (with its root page), as ``Site.find_for_request``
    decides, or None when no site matches."""
    if request is None:
        return None
    if hasattr(request, SITE_ATTRIBUTE):
        return getattr(request, SITE_ATTRIBUTE)
    site = shared_fragment(request, site_fragment_name(request), lambda: _found(request))
    setattr(request, SITE_ATTRIBUTE, site)
    return site


def site_fragment_name(request: HttpRequest) -> str:
    # Wagtail matches on the host name and the port: shared_fragment adds the host.
    return f"site:{request.get_port()}"


def _found(request: HttpRequest) -> Site | None:
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page  # noqa: B018 -- kept with the site (Wagtail reads it with the site)
    return site


def page_url(page: Page, request: HttpRequest | None) -> str | None:
    """``page.get_url(request)``, with the request's site from ``current_site``: the address
    relative to the site when the page belongs to it, else absolute; None if not routable."""
    return page.relative_url(current_site(request), request=request)
