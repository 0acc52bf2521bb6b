"""Template tags of the practice finder. The facet form has about a hundred checkboxes: they are
written here in one pass rather than through a template loop, which costs several times more
per checkbox on every request."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..search import Facet

register = template.Library()


@register.simple_tag
def facet_options(facet: Facet) -> SafeString:
    """The labelled checkboxes of one facet, each with its count (every value escaped)."""
    field_id, name = escape(facet.field_id), escape(facet.name)
    rows = []
    for number, option in enumerate(facet.options, start=1):
        checked = " checked" if option.selected else ""
        rows.append(
            f'<div class="facet-option"><input type="checkbox" id="{field_id}-{number}"'
            f' name="{name}" value="{escape(option.code)}"{checked}>'
            f' <label for="{field_id}-{number}">{escape(option.label)}'
            f' <span class="meta">({escape(option.count_label)})</span></label></div>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every interpolated value is escaped)
