"""Views every part of the public site shares: the language switch, robots.txt and the error
pages. Thin: the addresses come from ``localization``."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .cache import page_query_string, url_with_query
from .localization import language_home_url

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _query_beside_next(query: QueryDict, target: str) -> str:
    """The page parameters of the switch's own query that ``target`` does not carry already."""
    own = QueryDict(urlsplit(target).query)
    beside = QueryDict(mutable=True)
    for name, values in query.lists():
        if name != "next" and name not in own:
            beside.setlist(name, values)
    return page_query_string(beside)


@require_GET
def language_switch(request: HttpRequest, code: str) -> HttpResponse:
    """Remember the chosen language in a cookie (so ``/`` opens in it) and go to ``next``,
    the current page in that language, with its query (and the page parameters given next to
    ``next``, such as a directory's filters when ``next`` was not encoded)."""
    if code not in LANGUAGE_CODES:
        raise Http404
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = url_with_query(target, _query_beside_next(request.GET, target))
    else:
        target = language_home_url(code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 60 * 60,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return render(
        request, "outreach/robots.txt", {"sitemap_url": sitemap}, content_type="text/plain"
    )


@require_GET
@cache_control(max_age=86400, public=True)
def site_address_css(request: HttpRequest) -> HttpResponse:
    """The site's address as a CSS custom property, for the print stylesheet (static/css/
    print.css), which writes it before each relative link's address: printed links are whole
    addresses a reader can type. A stylesheet of its own, because the Content-Security-Policy
    allows no inline style."""
    address = request.build_absolute_uri("/").rstrip("/")
    return render(
        request, "includes/site_address.css", {"address": address}, content_type="text/css"
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"request_path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without a request context: no database, no context processors, so it works
    when whatever broke the page was the database."""
    template = loader.get_template("500.html")
    language = translation.get_language() or settings.LANGUAGE_CODE
    return HttpResponse(template.render({"LANGUAGE_CODE": language}), status=500)
