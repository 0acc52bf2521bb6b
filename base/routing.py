"""Serving pages: Wagtail's serve view, with the route from an address to its page kept in the
shared cache.

Wagtail finds the page of an address by walking the tree from the site's root: the root in the
visitor's language, then one lookup and one fetch of the specific page per path segment (five to
seven queries for a directory). ``serve`` answers the same way, but keeps the id and type of the
page an address leads to in the shared ``pages`` cache (``base.cache.shared_fragment``: under
the generation token that every publish, unpublish, move, rename, restriction and deletion
replaces, with an expiry), so that a known address costs one query for its page. Every worker and
node reads the same entry, and a change is seen by all of them on their next request; when the
cache is down, every request walks the tree as Wagtail does. Addresses that lead nowhere are
never kept. The page is still checked as Wagtail's own route checks it (live), and the same
``before_serve_page`` and ``on_serve_page`` hooks run (view restrictions, view counting).
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve_chain

from .cache import shared_fragment


def _walk(site: Site, request: HttpRequest, components: list[str]) -> RouteResult | None:
    try:
        return site.root_page.localized.specific.route(request, components)
    except Http404:
        return None


def page_route(*, request: HttpRequest, path: str) -> RouteResult | None:
    """The route (page, args, kwargs) of ``path`` for the visitor of ``request``, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    walked: list[RouteResult | None] = []

    def build() -> tuple[int, int] | None:
        walked.append(_walk(site, request, components))
        result = walked[0]
        if result is None or result.args or result.kwargs:
            return None  # not kept: a missing page, or a route with arguments
        return (result.page.pk, result.page.content_type_id)

    found = shared_fragment(
        request, f"route:{site.pk}:{translation.get_language()}:{'/'.join(components)}", build
    )
    if walked:
        return walked[0]
    if found is None:
        return _walk(site, request, components)
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.select_related("locale").filter(pk=page_id, live=True).first()
    if page is None:
        # Gone or unpublished in the instant before the token changed: walk as Wagtail does.
        return _walk(site, request, components)
    return RouteResult(page)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's ``wagtail.views.serve``, with the route from ``page_route``."""
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
