"""Links in emails, in the language of whoever reads them.

A notification is stored once, when something happens, often during someone else's visit (a
coordinator's approval in English links a Spanish-speaking author's practice). Its links are
therefore decided when it is rendered, for the reader:

- a context naming a page links to it through ``page_urls``, its address in each language
  (the sender writes them with ``base.localization.page_urls_by_language``: the live
  translation, else the address in that language that serves the original);
- any other address of the site with a language prefix (``/en/...``) is reversed again in the
  reader's language (a Wagtail page's address is left alone: its slugs differ by language);
- addresses outside the language prefixes (the CMS, media files) stay as they are.

Every link comes out absolute, on ``SITE_URL``.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

PAGE_VIEW = "wagtail_serve"


def absolute_url(url: str) -> str:
    """A link usable outside the site (in an email): site-relative paths get ``SITE_URL``."""
    if not url:
        return ""
    if url.startswith(("https://", "http://")):
        return url
    if url.startswith("/") and not url.startswith("//"):
        return f"{settings.SITE_URL}{url}"
    return ""


def site_path(url: str) -> str | None:
    """The path (with query and fragment) of an address on this site; None for another site."""
    if url.startswith("/") and not url.startswith("//"):
        return url
    if url.startswith(f"{settings.SITE_URL}/"):
        return url[len(settings.SITE_URL) :]
    return None


def _prefix_language(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES}
    return first if first in codes else None


def page_link_of(*, context: dict, language: str) -> str:
    """The page a notification is about, for a reader of ``language``: its address in that
    language from the context's ``page_urls`` (language code: address, written by the sender
    with ``base.localization.page_urls_by_language``); "" when there is none."""
    page_urls = context.get("page_urls")
    if not isinstance(page_urls, dict):
        return ""
    return link_for_language(url=page_urls.get(language) or "", language=language)


def notification_link(*, url: str, context: dict, language: str) -> str:
    """Where a notification leads a reader of ``language``: the page it is about, else its
    own address (see the module docstring)."""
    return page_link_of(context=context, language=language) or link_for_language(
        url=url, language=language
    )


def link_for_language(*, url: str, language: str) -> str:
    """``url`` (relative or absolute) as the same place for a reader of ``language``,
    absolute on ``SITE_URL``. Addresses of other sites are returned unchanged."""
    path = site_path(url or "")
    if path is None:
        return absolute_url(url or "")
    source_language = _prefix_language(path)
    if source_language is None or source_language == language:
        return absolute_url(path)
    # The prefix only resolves with its own language active (i18n_patterns).
    with translation.override(source_language):
        try:
            match = resolve(urlsplit(path).path)
        except Resolver404:
            return absolute_url(path)
        if match.url_name == PAGE_VIEW:
            # A page's address differs by language (translated slugs): only its sender can
            # know them all (``page_urls``); reversing the same path under another prefix
            # would guess.
            return absolute_url(path)
        # Django's own resolve-and-reverse in the other language (the path unchanged when it
        # has no address there), keeping the query and fragment.
        return absolute_url(translate_url(path, language))
