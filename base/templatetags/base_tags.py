"""Template tags of the public site's frame: language switcher, menu, sharing metadata."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from network.visibility import visible_pages

from ..cache import page_query_string, shared_fragment, url_with_query
from ..localization import children_of_translations_q, localized_queryset, page_urls_in_language
from ..sites import current_site, page_url

register = template.Library()

OG_LOCALES = {"en": "en_US", "es": "es_LA", "pt": "pt_BR", "fr": "fr_FR"}


def _current_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


def _language_versions(page: Page, request) -> dict[str, tuple[str, bool]]:
    """For each language: (the address showing ``page`` in it, whether that is a translation)."""
    # Shared by every visitor of the page: the translations anyone may see.
    translations = {
        item.locale.language_code: item
        for item in visible_pages(page.get_translations(inclusive=True), user=None).select_related(
            "locale"
        )
    }
    versions = {}
    for code, _name in settings.LANGUAGES:
        if code in translations:
            versions[code] = (page_url(translations[code], request), True)
        else:
            versions[code] = (
                page_urls_in_language([page], language=code, request=request)[page.pk],
                False,
            )
    return versions


@lru_cache(maxsize=32)
def _switch_url(code: str) -> str:
    with translation.override(code):
        return reverse("base:language_switch", kwargs={"code": code})


# The fragments every page's frame reads, named by what decides them: the site (host, which
# shared_fragment adds, and port), the language, and for a page's versions its address.
def _menu_name(request) -> str:
    return f"main-menu:{request.get_port()}:{translation.get_language()}"


def _versions_name(request) -> str:
    return f"language-versions:{request.get_port()}:{request.path}"


def _sharing_name(request) -> str:
    # Absolute addresses: the scheme too.
    return f"sharing:{request.scheme}:{request.get_port()}:{request.path}"


def _footer_name(request) -> str:
    return f"footer-pages:{request.get_port()}:{translation.get_language()}"


def frame_fragment_names(request) -> list[str]:
    """The shared fragments the frame of the page at ``request.path`` reads (menu, footer,
    language versions, sharing metadata), for ``base.routing`` to read with the page's own in
    one round-trip."""
    return [
        _menu_name(request),
        _footer_name(request),
        _versions_name(request),
        _sharing_name(request),
    ]


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language: the current page in that language (its translation, or the
    fallback address that shows it with a notice), the switcher link that remembers the choice,
    and whether a real translation exists (for hreflang alternates). On a page, each address
    keeps the query parameters pages read (a directory's search, filters, sort and page), not
    tracking ones; the language versions themselves are shared by every visitor of the page."""
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "outreach_language_links", None)
    if cached is not None:
        return cached
    current = translation.get_language()
    page = _current_page(context)
    current_path = request.get_full_path()
    versions = (
        shared_fragment(request, _versions_name(request), lambda: _language_versions(page, request))
        if page is not None
        else {}
    )
    kept = page_query_string(request.GET) if page is not None else ""
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            target = current_path if page is None else url_with_query(request.path, kept)
            is_translation = page is None or versions[code][1]
        elif page is None:
            target = translate_url(current_path, code)
            is_translation = target != current_path
        else:
            target, is_translation = versions[code]
            target = url_with_query(target, kept)
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": target,
                "absolute_url": request.build_absolute_uri(target),
                "switch_url": f"{_switch_url(code)}?{urlencode({'next': target})}",
                "is_current": code == current,
                "is_translation": is_translation,
                "og_locale": OG_LOCALES.get(code, code),
            }
        )
    request.outreach_language_links = links
    return links


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """The home page's children marked "show in menus" that anyone may see (the menu is shared
    by every visitor), in the visitor's language."""
    request = context.get("request")
    if request is None:
        return []
    site = current_site(request)
    if site is None:
        return []
    language = translation.get_language()

    def build() -> list[tuple[str, str]]:
        pages = list(
            localized_queryset(
                visible_pages(Page.objects.all(), user=None)
                .in_menu()
                .filter(children_of_translations_q(site.root_page))
                .select_related("locale"),
                language=language,
            )
        )
        pages.sort(key=lambda page: (page.path[-Page.steplen :], page.path))
        urls = page_urls_in_language(pages, language=language, request=request)
        return [(page.title, urls[page.pk]) for page in pages]

    entries = shared_fragment(request, _menu_name(request), build)
    return [
        {"title": title, "url": url, "is_current": request.path.startswith(url)}
        for title, url in entries
    ]


# The pages every footer links to, by their key and the slug of their default-language version
# under the site's home page (seeded by outreach.demo_legal, renamed in the admin at will: only
# the default-language slug must stay).
FOOTER_PAGES = {"privacy": "privacy", "terms": "terms-of-use", "accessibility": "accessibility"}


@register.simple_tag(takes_context=True)
def footer_pages(context) -> dict[str, str]:
    """The address of each footer page (privacy notice, terms of use, accessibility statement)
    in the visitor's language, by key; a page that does not exist or is not public is left out.
    Shared by every visitor of a site in a language, like the main menu."""
    request = context.get("request")
    site = current_site(request) if request is not None else None
    if site is None:
        return {}
    language = translation.get_language()
    keys = {slug: key for key, slug in FOOTER_PAGES.items()}

    def build() -> dict[str, str]:
        pages = list(
            visible_pages(Page.objects.child_of(site.root_page), user=None)
            .filter(slug__in=keys)
            .select_related("locale")
        )
        urls = page_urls_in_language(pages, language=language, request=request)
        return {keys[page.slug]: urls[page.pk] for page in pages if urls.get(page.pk)}

    return shared_fragment(request, _footer_name(request), build)


@register.simple_tag
def contact_email() -> str:
    """The network secretariat's address (settings.CONTACT_EMAIL)."""
    return settings.CONTACT_EMAIL


@register.simple_tag
def url_if_exists(name: str) -> str:
    """Reverse a URL name that another part of Convive may not provide yet; "" if it does not."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def sharing_meta(context) -> dict:
    """Title, description, canonical address and image for Open Graph and Twitter cards: the
    same for every visitor of a page, so kept with the page's other shared fragments."""
    request = context.get("request")
    page = _current_page(context)
    if page is None or request is None:
        return _sharing_meta(page, request, context_description=context.get("meta_description"))
    page_id, meta = shared_fragment(
        request, _sharing_name(request), lambda: (page.pk, _sharing_meta(page, request))
    )
    # Another page shown at this address (a view's own context): not the one kept for it.
    return meta if page_id == page.pk else _sharing_meta(page, request)


def _sharing_meta(page: Page | None, request, *, context_description: str = "") -> dict:
    meta = {"title": "", "description": "", "url": "", "image": "", "type": "website"}
    if page is not None:
        specific = page.specific if type(page) is Page else page
        meta["title"] = specific.seo_title or specific.title
        meta["description"] = (
            specific.search_description
            or getattr(specific, "summary", "")
            or getattr(specific, "hero_text", "")
            or getattr(specific, "intro", "")
        )
        url = page_url(specific, request) or ""
        meta["url"] = request.build_absolute_uri(url) if request is not None else url
        meta["type"] = "article" if specific._meta.model_name == "newspage" else "website"
        image = (
            getattr(specific, "social_image", None)
            or getattr(specific, "image", None)
            or getattr(specific, "hero_image", None)
        )
        if image is not None:
            meta["image"] = image.get_rendition("fill-1200x630").url
    elif request is not None:
        meta["url"] = request.build_absolute_uri(request.path)
    if not meta["image"]:
        meta["image"] = static("img/convive-share.png")
    if request is not None:
        meta["image"] = request.build_absolute_uri(meta["image"])
        if not meta["url"].startswith("http"):
            meta["url"] = request.build_absolute_uri(meta["url"] or request.path)
    meta["description"] = description_cut(
        strip_tags(str(meta["description"] or context_description or SITE_DESCRIPTION))
    )
    return meta


# What a page without a description of its own says of itself to search engines and link
# previews: the network, in the visitor's language (the footer's words).
SITE_DESCRIPTION = _(
    "A network of local authorities of the Americas that welcome and integrate migrants, "
    "refugees and returnees."
)
DESCRIPTION_MAX = 300


def description_cut(text: str, *, limit: int = DESCRIPTION_MAX) -> str:
    """``text`` on one line, at most ``limit`` characters, cut after a whole word (with an
    ellipsis) rather than inside one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-\u2013\u2014")
    return f"{cut}…"


@register.filter
def language_name(code: str) -> str:
    """The name of a language in the active language ("Spanish", "espagnol"...)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.filter
def iso_datetime(value) -> str:
    """An aware datetime as a ``<time datetime>`` value, to the second ("2026-11-29T21:16:41
    +00:00" without the space): what ``date:'Y-m-d\\TH:i:sO'`` gives, at a thirtieth of its cost
    (a topic list draws dozens)."""
    if not value:
        return ""
    try:
        return value.isoformat(timespec="seconds")
    except (AttributeError, TypeError):
        return ""
