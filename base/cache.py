"""Caching of the public site, shared by every worker and node (the ``pages`` cache alias).

Two kinds of entries, each stored as ``(generation token, value)`` under a stable key and with an
expiry (``PAGE_CACHE_TIMEOUT``):

- whole pages rendered for anonymous visitors (``AnonymousPageCacheMiddleware``), keyed by
  scheme, host and port (which decide the Wagtail site), path and the query parameters pages
  read (``PAGE_QUERY_PARAMETERS``; tracking parameters such as ``utm_source`` are left out);
- fragments every visitor of a page sees alike (the main menu, a page's language versions),
  through ``shared_fragment``.

Publishing and the other changes of ``signals.py`` replace the token, so every worker and node
stops using older entries the moment the change commits, without flushing the cache server
(which on Redis would also wipe other data sharing the database). The cache backend fails open
(``network/redis_cache.py``): with Redis down or hanging, pages are built uncached.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

CACHE_ALIAS = "pages"
GENERATION_KEY = "outreach:generation"
CACHED_HEADER = "X-Page-Cache"
CACHEABLE_VIEWS = {"wagtail_serve"}
MEMO_PATH_MAX = 300
# Every query parameter a Wagtail page of the site reads: pagination here, and what each app
# registers from its ``ready()`` (the news and event filters, the practice directory's search,
# facets and sort, the library's filters). Any other parameter (utm_*, fbclid, gclid, _ga...)
# changes nothing on the page: it is left out of the cache key, so such a visit is served the
# cached page, and a page rendered for it is not stored (its links could carry the parameter).
PAGE_QUERY_PARAMETERS: set[str] = {"page"}


def page_query_parameters_register(*names: str) -> None:
    """Declare query parameters that pages of an app read, so that they are part of the key."""
    PAGE_QUERY_PARAMETERS.update(names)


def _page_parameters(query: QueryDict) -> list[tuple[str, str]]:
    """The (name, value) pairs of ``query`` that pages read, in the order given."""
    return [
        (name, value)
        for name, values in query.lists()
        if name in PAGE_QUERY_PARAMETERS
        for value in values
    ]


def page_query_string(query: QueryDict) -> str:
    """The parameters of ``query`` that pages read (``PAGE_QUERY_PARAMETERS``: a directory's
    search words, filters, sort and page), encoded in the order given: what a link to the same
    page in another language keeps. Tracking parameters (utm_*, fbclid...) are left out."""
    return urlencode(_page_parameters(query))


def url_with_query(url: str, query_string: str) -> str:
    """``url`` with ``query_string`` appended (after its own parameters, if it has some)."""
    if not query_string:
        return url
    return f"{url}{'&' if '?' in url else '?'}{query_string}"


# The attribute under which a request keeps the generation token it first read (one cache
# round-trip per request, shared by the page cache and the fragments).
GENERATION_ATTRIBUTE = "content_generation"
# ... and the fragments read for it (``shared_fragments_fetch``), by key.
FRAGMENTS_ATTRIBUTE = "content_fragments"
T = TypeVar("T")


def _cache():
    return caches[CACHE_ALIAS]


def _timeout() -> int:
    return settings.PAGE_CACHE_TIMEOUT


def _generation() -> str:
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        # add() keeps a token another process may have set in the meantime. The token itself
        # never expires: evicting it only makes every entry stale, which is safe.
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def _known_parameters(request: HttpRequest) -> list[tuple[str, str]]:
    return sorted(_page_parameters(request.GET))


def _has_only_known_parameters(request: HttpRequest) -> bool:
    return all(name in PAGE_QUERY_PARAMETERS for name in request.GET)


def page_cache_key(request: HttpRequest) -> str:
    """The cache key of a page: scheme, host and port (Wagtail picks the site by host name and
    port), the path (its language prefix decides the language) and the known query parameters,
    sorted."""
    parts = (
        request.scheme,
        request.get_host(),
        request.get_port(),
        request.path,
        urlencode(_known_parameters(request)),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"outreach:page:{digest}"


def _new_generation() -> None:
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def page_cache_clear(**kwargs) -> None:
    """Forget every cached page and fragment (connected to publishing and the other signals of
    ``signals.py``): at once, and again when the transaction commits, since a request that read
    the first new token before the commit may have stored what it saw."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _fetch(request: HttpRequest, keys: list[str]) -> None:
    """Read ``keys`` in one round-trip (with the generation token, on the request's first read)
    and keep, for the request, what each holds under the token (None when nothing is)."""
    generation = getattr(request, GENERATION_ATTRIBUTE, None)
    found = _cache().get_many(keys if generation is not None else [GENERATION_KEY, *keys])
    if generation is None:
        generation = found.get(GENERATION_KEY) or _generation()
        setattr(request, GENERATION_ATTRIBUTE, generation)
    fetched = getattr(request, FRAGMENTS_ATTRIBUTE, None)
    if fetched is None:
        fetched = {}
        setattr(request, FRAGMENTS_ATTRIBUTE, fetched)
    for key in keys:
        stored = found.get(key)
        fetched[key] = stored[1] if stored is not None and stored[0] == generation else None


def _current(request: HttpRequest, key: str):
    """What ``key`` holds if it was stored under the request's generation token, else None:
    fetched now, unless ``shared_fragments_fetch`` already read it for this request."""
    fetched = getattr(request, FRAGMENTS_ATTRIBUTE, None)
    if fetched is None or key not in fetched:
        _fetch(request, [key])
        fetched = getattr(request, FRAGMENTS_ATTRIBUTE)
    return fetched.pop(key)  # read once: a later read asks the cache again


def _store(request: HttpRequest, key: str, value) -> None:
    # Stored under the generation read before building the value: if something was published
    # in the meantime, the entry is already stale and will not be used.
    _cache().set(key, (getattr(request, GENERATION_ATTRIBUTE), value), timeout=_timeout())


def _fragment_key(request: HttpRequest, name: str) -> str:
    digest = hashlib.sha256(f"{request.get_host()}|{name}".encode()).hexdigest()
    return f"outreach:fragment:{digest}"


def shared_fragment(request: HttpRequest, name: str, build: Callable[[], T]) -> T:
    """A piece of data every visitor of a page sees alike (the main menu of a site in a language,
    the language versions of a page), built once per publish for every worker and node. ``name``
    must say everything the value depends on; the host is added here."""
    key = _fragment_key(request, name)
    value = _current(request, key)
    if value is None:
        value = build()
        if value is not None:  # None reads as "not kept": storing it would only fill the cache
            _store(request, key, value)
    return value


def shared_fragments_fetch(request: HttpRequest, names: Iterable[str]) -> None:
    """Read the fragments ``names`` that the request is about to ask ``shared_fragment`` for,
    all in one round-trip to the cache instead of one each."""
    _fetch(request, [_fragment_key(request, name) for name in names])


@lru_cache(maxsize=4096)
def _view_name(language: str, path_info: str, urlconf: str | None) -> str | None:
    # The URL configuration never changes while the process runs: resolve each address once.
    # Only the view's name is kept, never content, so workers cannot disagree about it.
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


def _is_anonymous_visit(request: HttpRequest) -> bool:
    # Runs before the session and authentication middleware: a visitor without a session cookie
    # is anonymous, whoever they claim to be. One with a messages cookie has a message waiting
    # ("You have signed out"): their page is rendered, never served from or stored in the cache.
    # (An emptied cookie, as a client may send back after its deletion, is no cookie.)
    return not (
        request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        or request.COOKIES.get(CookieStorage.cookie_name)
    )


def _may_serve_from_cache(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and _is_anonymous_visit(request)
        and _is_cacheable_view(request)
    )


def _is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the response was made for this visitor: signed in, with a session, a form's CSRF
    token, a message, or a cookie being set."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    # Cheapest first: without a session cookie, ``request.user`` costs no query.
    return bool(
        not _is_anonymous_visit(request)
        or response.cookies
        or response.has_header("Set-Cookie")
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and (session.modified or not session.is_empty()))
        or (user is not None and user.is_authenticated)
    )


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether ``response`` is a public page: the same for every anonymous visitor of its
    address, so that this cache, a CDN or a reverse proxy may keep it."""
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and match is not None
        and match.url_name in CACHEABLE_VIEWS
        and not response.streaming
        and _has_only_known_parameters(request)
        and not _is_personal(request, response)
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


def _send_cache_control(request: HttpRequest, response: HttpResponse, public: bool) -> None:
    """Tell browsers, CDNs and reverse proxies what they may keep: a public page for a short
    while in the browser and ``PAGE_CACHE_TIMEOUT`` in a shared cache (publishing purges it,
    see ``frontend_cache``); anything made for this visitor nowhere."""
    if response.has_header("Cache-Control"):
        return
    if public:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_MAX_AGE,
            s_maxage=settings.PAGE_CACHE_TIMEOUT,
        )
    elif _is_personal(request, response):
        patch_cache_control(response, private=True, no_store=True)


STORED_HEADERS = {"content-type", "content-language", "vary", "x-frame-options", "cache-control"}


class AnonymousPageCacheMiddleware:
    """Serve and store rendered Wagtail pages for anonymous visitors (see module docstring), and
    send ``Cache-Control`` for a CDN or reverse proxy whether or not this cache is enabled.

    Placed right after WhiteNoise, before sessions, locale, authentication and the rest: a hit
    costs one cache round-trip (the generation token and the page are read together) and none of
    the other middleware. The headers those middleware add to a page (language, Vary, frame
    options) are stored with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or not _may_serve_from_cache(request):
            response = self.get_response(request)
            _send_cache_control(request, response, public=_may_store(request, response))
            return response
        key = page_cache_key(request)
        cached = _current(request, key)
        if cached is not None:
            content, headers, counted = cached
            # A HEAD request (a link checker, a monitor) is not a view.
            if counted and request.method == "GET":
                _count_view(*counted)
            response = HttpResponse(content, headers=headers)
            response[CACHED_HEADER] = "hit"
            return response
        response = self.get_response(request)
        public = _may_store(request, response)
        _send_cache_control(request, response, public=public)
        if public:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = {
                name: value for name, value in response.items() if name.lower() in STORED_HEADERS
            }
            view = getattr(request, PAGE_VIEW_ATTRIBUTE, None)
            _store(request, key, (response.content, headers, view))
            response[CACHED_HEADER] = "miss"
        return response
