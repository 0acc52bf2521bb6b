"""Remembering where Wagtail's routing led, per worker process, until the next publish.

For every page request Wagtail finds the site (a query), walks the page tree from the site's
root one slug at a time (a query or two per level), then reads the view restrictions of the
page and its ancestors (two more). The answer only changes when pages are published,
unpublished, moved or deleted, or when restrictions, sites or locales change: exactly the events
that replace the generation token of ``cache.py``. So this middleware keeps, per host, language
and path, the site, the page (a clean copy of the specific page, locale loaded) and its
restrictions, and hands them to Wagtail's own serve view through the attributes Wagtail itself
caches on the request. Restrictions are still checked on every request against the visitor;
only their lookup is remembered.
"""

import copy
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from .cache import ProcessMemo, generation_for
from .models import BasePage

ROUTES = ProcessMemo(size=1000)


@dataclass(frozen=True)
class _Route:
    site: Site
    page: Page
    args: tuple
    kwargs: dict
    restrictions: list[PageViewRestriction]


def _route_key(request: HttpRequest, path: str) -> tuple[str, str, str]:
    return (request.get_host(), translation.get_language(), path)


class RouteMemoMiddleware:
    """Serve Wagtail pages from remembered routes (see module docstring). Only GET and HEAD
    requests for pages of the public site (``BasePage``) are remembered; anything else, and
    every miss, goes through Wagtail's routing unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != "wagtail_serve":
            return None
        if request.method not in {"GET", "HEAD"}:
            return None
        # Wagtail's pattern passes the path positionally.
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        key = _route_key(request, path)
        token = generation_for(request)
        route = ROUTES.get(key, token)
        if route is None:
            route = self._route(request, path)
            if route is None:
                return None
            ROUTES.put(key, token, route)
        page = copy.copy(route.page)
        page._memo_view_restrictions = route.restrictions
        request._wagtail_site = route.site
        request._wagtail_route_for_request = RouteResult(page, route.args, route.kwargs)
        return None

    @staticmethod
    def _route(request: HttpRequest, path: str) -> _Route | None:
        """Wagtail's own routing, kept only for the public site's pages."""
        result = Page.route_for_request(request, path)
        if result is None:
            return None
        page, args, kwargs = result
        site = Site.find_for_request(request)
        if not isinstance(page, BasePage) or site is None:
            return None
        page.locale  # noqa: B018 (loaded once, shared by every copy)
        return _Route(
            site=site,
            page=copy.copy(page),
            args=tuple(args or ()),
            kwargs=dict(kwargs or {}),
            restrictions=list(page.get_view_restrictions()),
        )
