"""The theme icons: one ``<symbol id="theme-<code>">`` per code of THEMES in the sprite
static/img/themes.svg, shown next to a theme's name. Decorative: hidden from assistive
technology, since the name is always written beside them."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .terms import THEMES

THEME_SPRITE = "img/themes.svg"
_THEME_CODES = frozenset(term.code for term in THEMES)


def theme_icon(code: str) -> SafeString:
    """The ``<svg>`` showing the icon of theme ``code`` ("" for a code that is not a theme).
    Short, as a page of practice cards shows dozens: sized by the list it is in (CSS)."""
    if code not in _THEME_CODES:
        return SafeString("")
    return format_html(
        '<svg aria-hidden="true"><use href="{}#theme-{}"/></svg>', static(THEME_SPRITE), code
    )
