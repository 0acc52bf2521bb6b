"""A whole-page cache for anonymous visitors of the public site.

Only GET requests for Wagtail pages from visitors without a session cookie are cached, and only
successful responses that set no cookie. Entries are keyed by full path and language and are
dropped at once whenever a page is published, unpublished or deleted. Invalidation replaces a
"generation" token that is part of every key, so it never has to flush the cache server (which
on Redis would also wipe other data sharing the database).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

CACHE_ALIAS = "pages"
GENERATION_KEY = "outreach:generation"
CACHED_HEADER = "X-Page-Cache"
CACHEABLE_VIEWS = {"wagtail_serve"}


def _cache():
    return caches[CACHE_ALIAS]


def _generation() -> str:
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        # add() keeps a token another process may have set in the meantime.
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def page_cache_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"outreach:page:{_generation()}:{translation.get_language()}:{digest}"


def page_cache_clear(**kwargs) -> None:
    """Forget every cached page (connected to Wagtail's publish signals)."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _is_cacheable_view(request: HttpRequest) -> bool:
    # Resolve before touching the cache server, so that views which are never cached (forms,
    # accounts, feeds) pay no cache round-trip at all.
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.url_name in CACHEABLE_VIEWS


def _may_serve_from_cache(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
        and _is_cacheable_view(request)
    )


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    match = getattr(request, "resolver_match", None)
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and match is not None
        and match.url_name in CACHEABLE_VIEWS
        and not response.cookies
        and not response.streaming
        and not response.has_header("Set-Cookie")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and (session.modified or not session.is_empty()))
        and not getattr(request, "user", None).is_authenticated
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Serve and store rendered Wagtail pages for anonymous visitors (see module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or not _may_serve_from_cache(request):
            return self.get_response(request)
        key = page_cache_key(request)
        cached = _cache().get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, headers=headers)
            response[CACHED_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _may_store(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() in {"content-type", "content-language", "vary"}
            }
            _cache().set(key, (response.content, headers))
            response[CACHED_HEADER] = "miss"
        return response
