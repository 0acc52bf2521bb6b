"""A whole-page cache for anonymous visitors of the public site.

Only GET requests for Wagtail pages from visitors without a session cookie are cached, and only
successful responses that set no cookie. Entries are keyed by full path and language and are
dropped at once whenever a page is published, unpublished or deleted. Invalidation replaces a
"generation" token that is part of every key, so it never has to flush the cache server (which
on Redis would also wipe other data sharing the database).
"""

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

CACHE_ALIAS = "pages"
GENERATION_KEY = "outreach:generation"
CACHED_HEADER = "X-Page-Cache"
CACHEABLE_VIEWS = {"wagtail_serve"}
MEMO_PATH_MAX = 300
T = TypeVar("T")


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
    """The cache key of a page: its full address, language prefix included (every cacheable page
    lives under i18n_patterns, so the address decides the language)."""
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"outreach:page:{digest}"


def _new_generation() -> None:
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def page_cache_clear(**kwargs) -> None:
    """Forget every cached page, route and fragment (connected to publishing and the other
    signals of ``signals.py``): at once, and again when the transaction commits, since a
    request that read the first new token before the commit may have stored what it saw."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _current(key: str) -> tuple[str, object | None]:
    """(the generation token, what ``key`` holds if it was stored under that token) in one
    round-trip; entries are stored as ``(generation, value)`` by ``_store``."""
    found = _cache().get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or _generation()
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return generation, stored[1]
    return generation, None


def _store(key: str, generation: str, value) -> None:
    # Stored under the generation read before building the value: if something was published
    # in the meantime, the entry is already stale and will not be used.
    _cache().set(key, (generation, value))


def generation_for(request: HttpRequest) -> str:
    """The generation token as this request first read it (one cache round-trip per request,
    shared by the page cache, the route memo and the fragments)."""
    token = getattr(request, "_outreach_generation", None)
    if token is None:
        token = _generation()
        request._outreach_generation = token
    return token


class ProcessMemo:
    """Values this worker process keeps until the generation token changes: what every visitor
    of a page sees alike (menus, routes, language links), rebuilt at most once per publish and
    process. Bounded: past ``size`` entries, the oldest stored go first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[object, tuple[str, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, token: str):
        found = self._entries.get(key)
        if found is None or found[0] != token:
            return None
        return found[1]

    def put(self, key, token: str, value) -> None:
        with self._lock:
            self._entries[key] = (token, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


FRAGMENTS = ProcessMemo(size=2000)


def shared_fragment(request: HttpRequest, name: str, build: Callable[[], T]) -> T:
    """A piece of data every visitor of a page sees alike (the main menu of a site in a language,
    the language versions of a page), built once per process and kept until the next publish:
    no query and no cache round-trip beyond the request's generation token."""
    token = generation_for(request)
    value = FRAGMENTS.get(name, token)
    if value is None:
        value = build()
        FRAGMENTS.put(name, token, value)
    return value


@lru_cache(maxsize=4096)
def _view_name(language: str, path_info: str, urlconf: str | None) -> str | None:
    # The URL configuration never changes while the process runs: resolve each address once.
    try:
        with translation.override(language):
            return resolve(path_info, urlconf).url_name
    except Resolver404:
        return None


# -- Views of cached pages ------------------------------------------------------------------------
# A page that counts its views (practices, for "most viewed") marks the request with
# ``(kind, key)``; the mark is stored with the cached page, and every hit calls the counter
# registered for that kind, so cached views count too.
PAGE_VIEW_ATTRIBUTE = "_outreach_page_view"
_VIEW_COUNTERS: dict[str, Callable[[str], None]] = {}


def register_view_counter(kind: str, counter: Callable[[str], None]) -> None:
    _VIEW_COUNTERS[kind] = counter


def mark_page_view(request: HttpRequest, *, kind: str, key: str) -> None:
    setattr(request, PAGE_VIEW_ATTRIBUTE, (kind, key))


def _count_view(kind: str, key: str) -> None:
    counter = _VIEW_COUNTERS.get(kind)
    if counter is not None:
        counter(key)


def _is_cacheable_view(request: HttpRequest) -> bool:
    # Resolve before touching the cache server, so that views which are never cached (forms,
    # accounts, feeds) pay no cache round-trip at all.
    # This runs before LocaleMiddleware: resolve in the language the address names, since the
    # i18n_patterns prefix only matches the active language.
    language = translation.get_language_from_path(request.path_info)
    if language is None:
        return False
    urlconf = getattr(request, "urlconf", None)
    if len(request.path_info) > MEMO_PATH_MAX:  # odd addresses are not worth remembering
        return _view_name.__wrapped__(language, request.path_info, urlconf) in CACHEABLE_VIEWS
    return _view_name(language, request.path_info, urlconf) in CACHEABLE_VIEWS


def _may_serve_from_cache(request: HttpRequest) -> bool:
    # Runs before the session and authentication middleware: a visitor without a session cookie
    # is anonymous, whoever they claim to be.
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
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


STORED_HEADERS = {"content-type", "content-language", "vary", "x-frame-options"}


class AnonymousPageCacheMiddleware:
    """Serve and store rendered Wagtail pages for anonymous visitors (see module docstring).

    Placed right after WhiteNoise, before sessions, locale, authentication and the rest: a hit
    costs one cache round-trip (the generation token and the page are read together) and none of
    the other middleware. The headers those middleware add to a page (language, Vary, frame
    options) are stored with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or not _may_serve_from_cache(request):
            return self.get_response(request)
        key = page_cache_key(request)
        generation, cached = _current(key)
        request._outreach_generation = generation
        if cached is not None:
            content, headers, *counted = cached
            if counted and counted[0]:
                _count_view(*counted[0])
            response = HttpResponse(content, headers=headers)
            response[CACHED_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _may_store(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = {
                name: value for name, value in response.items() if name.lower() in STORED_HEADERS
            }
            view = getattr(request, PAGE_VIEW_ATTRIBUTE, None)
            _store(key, generation, (response.content, headers, view))
            response[CACHED_HEADER] = "miss"
        return response
