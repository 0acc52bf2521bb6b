"""Template tags of the shared taxonomy."""

from django import template
from django.utils.safestring import SafeString

from ..icons import theme_icon as _theme_icon

register = template.Library()


@register.simple_tag
def theme_icon(code: str) -> SafeString:
    """``{% theme_icon code %}``: the decorative icon of a theme (taxonomy.icons)."""
    return _theme_icon(code)
