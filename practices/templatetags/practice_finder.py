"""Template tags of the practice finder. The facet form has about a hundred checkboxes and a
page of results twenty cards: they are written here in one pass rather than through template
loops, which cost several times more per item on every request."""

from functools import lru_cache

from django import template
from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from base.templatetags.base_tags import language_name
from taxonomy.icons import theme_icon

from ..search import Facet, PracticeCard

register = template.Library()


# A facet with more values than this shows the most frequent few (and any ticked one) and the
# rest on demand, in a group of their own that needs no JavaScript.
LONG_FACET = 10
TOP_VALUES = 6


@register.simple_tag
def facet_options(facet: Facet) -> SafeString:
    """The labelled checkboxes of one facet, each with its count (every value escaped); a long
    facet's less frequent values in a collapsed group after its top ones."""
    name = escape(facet.name)
    numbered = list(enumerate(facet.options, start=1))
    shown = {number for number, _option in numbered}
    if len(numbered) > LONG_FACET:
        ranked = sorted(numbered, key=lambda pair: -pair[1].count)[:TOP_VALUES]
        shown = {number for number, _option in ranked}
        shown |= {number for number, option in numbered if option.selected}

    def row(number: int, option) -> str:
        checked = " checked" if option.selected else ""
        # The label holds its checkbox (no id to pair): the directory's filters are its
        # heaviest part, and the page stays within its weight.
        return (
            f'<label class="facet-option"><input type="checkbox" name="{name}"'
            f' value="{escape(option.code)}"{checked}> {escape(option.label)}'
            f' <span class="meta">({escape(option.count_label)})</span></label>'
        )

    rows = [row(number, option) for number, option in numbered if number in shown]
    rest = [row(number, option) for number, option in numbered if number not in shown]
    if rest:
        more = escape(
            ngettext("%(count)s more value", "%(count)s more values", len(rest))
            % {"count": len(rest)}
        )
        rows.append(
            f'<details class="facet__more"><summary>{more}</summary>\n'
            + "\n".join(rest)
            + "\n</details>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every interpolated value is escaped)


@register.simple_tag
def practice_cards(items: list[PracticeCard], level: int | str = 3, query: str = "") -> SafeString:
    """The cards of ``items``, the ``<li>`` items of a list, each headed at ``level`` (every
    value escaped): title and link, place and country, the language a card falls back to, the
    illustrative mark, themes and the summary's first forty words. ``query``, the list's
    parameters, goes with each link so that the practice's page leads back to the same list."""
    suffix = f"?{query}" if query else ""
    heading = f"h{int(level)}"
    current = f'lang="{escape(translation.get_language())}"'
    illustrative = escape(gettext("Illustrative example"))
    themes_label = escape(gettext("Themes:"))
    cards = []
    for item in items:
        meta = f"{escape(item.place)} · " if item.place else ""
        meta += escape(item.country_label)
        if item.is_original_language_fallback:
            note = gettext("In %(language)s (original language)") % {
                "language": language_name(item.language_code)
            }
            meta += f' · <span class="practice-card__language" {current}>{escape(note)}</span>'
        if item.is_illustrative:
            meta += f' · <span class="practice-card__illustrative" {current}>{illustrative}</span>'
        # The themes in one line, led by the first one's icon (a page shows twenty cards: one
        # icon each keeps it light).
        themes = (
            f'<p class="theme-list practice-card__themes">'
            f"{theme_icon(item.theme_codes[0])}"
            f'<span><span class="visually-hidden">{themes_label} </span>'
            f"{escape(', '.join(item.theme_labels))}</span></p>"
            if item.theme_codes
            else ""
        )
        lang = f' lang="{escape(item.language_code)}"' if item.is_original_language_fallback else ""
        cards.append(
            f'<li class="card practice-card"{lang}>\n'
            f'  <{heading} class="card__title"><a href="{escape(item.listing_url + suffix)}">'
            f"{escape(item.title)}</a></{heading}>\n"
            f'  <p class="meta">{meta}</p>\n'
            f"  {themes}\n"
            f"  <p>{escape(truncatewords(item.summary, 40))}</p>\n</li>"
        )
    return mark_safe("".join(cards))  # noqa: S308 (every interpolated value is escaped)


_OUTPUTS = {
    "map": "practices:map",
    "rss": "practices:feed_rss",
    "atom": "practices:feed_atom",
    "csv": "practices:export_csv",
    "xlsx": "practices:export_xlsx",
    "api": "practices:api_list",
}


@register.simple_tag
def practice_output_urls() -> dict[str, str]:
    """The addresses of the directory's other outputs (map, feeds, exports, API) in the active
    language, by name: the same for every search, so reversed once per language."""
    return _output_urls(translation.get_language())


@lru_cache(maxsize=16)
def _output_urls(language: str) -> dict[str, str]:
    with translation.override(language):
        return {name: reverse(view) for name, view in _OUTPUTS.items()}
