"""Where a page lives in each language, falling back to another language where it has no
translation yet. Pages reached through a fallback are served by ``BasePage.route``."""

from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from .sites import page_url


def localized_queryset(queryset, *, language: str):
    """Restrict a page (or translatable snippet) queryset to items in ``language``, plus items in
    the default language that have no live translation in ``language`` (never both). The
    languages are matched through the locale join inside the same query: no separate lookup."""
    default = settings.LANGUAGE_CODE
    if language == default:
        return queryset.filter(locale__language_code=default)
    translated = queryset.filter(locale__language_code=language).values("translation_key")
    return queryset.filter(
        Q(locale__language_code=language)
        | (Q(locale__language_code=default) & ~Q(translation_key__in=translated))
    )


def children_of_translations_q(page: Page) -> Q:
    """A filter matching the children of ``page`` and of each of its translations."""
    q = Q()
    for path, depth in Page.objects.filter(translation_key=page.translation_key).values_list(
        "path", "depth"
    ):
        q |= Q(path__startswith=path, depth=depth + 1)
    return q


def descendants_of_translations_q(page: Page) -> Q:
    """A filter matching the descendants of ``page`` and of each of its translations."""
    q = Q()
    for path, depth in Page.objects.filter(translation_key=page.translation_key).values_list(
        "path", "depth"
    ):
        q |= Q(path__startswith=path, depth__gt=depth)
    return q


def language_home_url(language: str) -> str:
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


def page_urls_in_language(
    pages: Iterable[Page], *, language: str, request: HttpRequest | None = None
) -> dict[int, str]:
    """The address of each page for a visitor reading ``language``: the page itself when it is in
    that language, else its live translation, else the address under the translated parent that
    serves the page as a fallback. A constant number of queries whatever the number of pages."""
    pages = list(pages)
    urls: dict[int, str] = {}
    if not pages:
        return urls
    pending = []
    for page in pages:
        if page.locale.language_code == language:
            urls[page.pk] = page_url(page, request)
        else:
            pending.append(page)
    if not pending:
        return urls

    translations = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(
            translation_key__in=[page.translation_key for page in pending],
            locale__language_code=language,
        )
        .select_related("locale")
    }
    still_pending = []
    for page in pending:
        translated = translations.get(page.translation_key)
        if translated is not None:
            urls[page.pk] = page_url(translated, request)
        else:
            still_pending.append(page)
    if not still_pending:
        return urls

    parent_paths = {page.path[: -Page.steplen] for page in still_pending}
    parents = {
        parent.path: parent
        for parent in Page.objects.filter(path__in=parent_paths).select_related("locale")
    }
    routable = [parent for parent in parents.values() if parent.depth >= 2]
    parent_urls = page_urls_in_language(routable, language=language, request=request)
    for page in still_pending:
        parent = parents.get(page.path[: -Page.steplen])
        if parent is None or not parent_urls.get(parent.pk):
            # A site root without a translation: the language's home address serves it.
            urls[page.pk] = language_home_url(language)
        else:
            urls[page.pk] = f"{parent_urls[parent.pk]}{page.slug}/"
    return urls


def page_url_in_language(page: Page, *, language: str, request: HttpRequest | None = None) -> str:
    return page_urls_in_language([page], language=language, request=request)[page.pk]


def page_urls_by_language(page: Page) -> dict[str, str]:
    """The site path of ``page`` for a reader of each language (see ``page_urls_in_language``),
    for what is read later and elsewhere (an email's links): language code -> path."""
    paths = {}
    for language, _name in settings.LANGUAGES:
        url = page_url_in_language(page, language=language) or ""
        # Without a request Wagtail may write the Site row's host: keep only the path.
        parts = urlsplit(url)
        paths[language] = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    return paths
