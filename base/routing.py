"""Serving pages: Wagtail's serve view, with the route from an address to its page kept in the
shared cache.

Wagtail finds the page of an address by walking the tree from the site's root: the root in the
visitor's language, then one lookup and one fetch of the specific page per path segment (five to
seven queries for a directory). ``serve`` answers the same way, but keeps the page an address
leads to (the specific page with its locale, as the walk found it) in the shared ``pages`` cache
(``base.cache.shared_fragment``: under the generation token that every publish, unpublish, move,
rename, restriction and deletion replaces, with an expiry), so that a known address costs no
query. Every worker and node reads the same entry, and a change is seen by all of them on their
next request; when the cache is down, every request walks the tree as Wagtail does. Addresses
that lead nowhere, or to a route with arguments, are never kept. The same ``before_serve_page``
and ``on_serve_page`` hooks run (view restrictions, whose absence is kept with the page:
``BasePage.view_restricted``; view counting).
"""

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve_chain

from .cache import shared_fragment, shared_fragments_fetch
from .sites import current_site, site_fragment_name
from .templatetags.base_tags import frame_fragment_names


def _walk(site: Site, request: HttpRequest, components: list[str]) -> RouteResult | None:
    try:
        return site.root_page.localized.specific.route(request, components)
    except Http404:
        return None


def page_route(*, request: HttpRequest, path: str) -> RouteResult | None:
    """The route (page, args, kwargs) of ``path`` for the visitor of ``request``, or None."""
    components = [component for component in path.split("/") if component]
    # The site is decided by host and port (shared_fragment adds the host): the site, the page
    # of the address and what the page's frame shows are read together, in one round-trip.
    name = f"page-of:{request.get_port()}:{translation.get_language()}:{'/'.join(components)}"
    shared_fragments_fetch(
        request, [site_fragment_name(request), name, *frame_fragment_names(request)]
    )
    site = current_site(request)
    if site is None:
        return None
    walked: list[RouteResult | None] = []

    def build() -> Page | None:
        walked.append(_walk(site, request, components))
        result = walked[0]
        if result is None or result.args or result.kwargs:
            return None  # not kept: a missing page, or a route with arguments
        page = result.page
        page.locale  # noqa: B018 -- kept with the page: serving reads it
        # Kept with the page: no visitor of a page without restrictions reads them again.
        page.view_restricted = page.get_view_restrictions().exists()
        return page

    page = shared_fragment(request, name, build)
    if walked:
        return walked[0]
    if page is None:
        return _walk(site, request, components)
    return RouteResult(page)


# Pages only read on GET and HEAD (the view counter appends one row, atomic by itself), so those
# run outside a transaction: no BEGIN and COMMIT round-trips on every page; any other method
# keeps the transaction ATOMIC_REQUESTS gives every other view.
SAFE_METHODS = {"GET", "HEAD"}


@transaction.non_atomic_requests
def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's ``wagtail.views.serve``, with the route from ``page_route``."""
    if request.method in SAFE_METHODS:
        return _serve(request, path)
    with transaction.atomic():
        return _serve(request, path)


def _serve(request: HttpRequest, path: str) -> HttpResponse:
    route = page_route(request=request, path=path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    on_serve_chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = hook(on_serve_chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)
