import datetime
import re
from html import unescape

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from network.countries import country_name as _country_name

from ..emails import issued_marker
from ..links import link_for_language, site_path
from ..rendering import absolute_url as _absolute_url
from ..rendering import notification_render_short

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """``{{ "CO"|country_name }}`` → "Colombia", translated."""
    return _country_name(code or "")


@register.filter
def iso_datetime(value: str) -> datetime.datetime | str:
    """Parse an ISO 8601 string from a stored context so ``|date`` can format it."""
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""


@register.filter
def absolute_url(url: str) -> str:
    return _absolute_url(url or "")


@register.simple_tag
def notification_short(notification) -> str:
    """One line describing a notification in the viewer's language."""
    return notification_render_short(notification=notification)


@register.simple_tag
def notification_href(notification) -> str:
    """Where a notification leads, in the viewer's language: a site path for this site's
    addresses (an absolute address for others)."""
    link = link_for_language(url=notification.url, language=get_language())
    path = site_path(link)
    return link if path is None else path


@register.filter
def for_language(values) -> str:
    """``{{ category_names|for_language }}``: from a stored {language code: text} dict, the text
    in the active language (the reader's), else English, else the first one filled in."""
    if not isinstance(values, dict):
        return values or ""
    language = (get_language() or "en").split("-")[0]
    for code in (language, "en", *values):
        if values.get(code):
            return str(values[code])
    return ""


_HREF = re.compile(r'href="([^"]*)"')


@register.filter
def links_in_language(html: str) -> str:
    """Stored, sanitised HTML (a forum post's) with each link to this site re-addressed for the
    reader's language (the active one), absolute; other links unchanged. Only for HTML that
    was sanitised when stored: the result is marked safe."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]

    def readdress(match: re.Match) -> str:
        url = unescape(match.group(1))
        if site_path(url) is None:
            return match.group(0)
        return f'href="{escape(link_for_language(url=url, language=language))}"'

    return mark_safe(_HREF.sub(readdress, html or ""))  # noqa: S308  (sanitised when stored)


@register.filter
def for_language_entry(values):
    """Like ``for_language`` for a stored {language code: value} dict whose values are not text
    (a dict, a list): the active language's value, else English's, else the first one; as it
    is, not made a string."""
    if not isinstance(values, dict):
        return values
    language = (get_language() or "en").split("-")[0]
    for code in (language, "en", *values):
        if values.get(code):
            return values[code]
    return None


@register.simple_tag
def issued(name: str) -> str:
    """``{% issued "week" %}``: where a value issued when the email is sent goes (a reply
    address; see ``kinds.py``, ``email_values``)."""
    return issued_marker(str(name))
