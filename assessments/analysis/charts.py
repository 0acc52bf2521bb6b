"""Needs-assessment figures drawn on the server as SVG: no chart library, no script.

Every chart takes a table of ``suppression`` (the team's, or the one protected for everyone
else), so it can only draw what the table shows: a hidden count has no bar and no number.

Accessibility: the ``<svg>`` is an image named by its ``<title>`` and described by its
``<desc>`` (what the chart is, the most frequent answer among the counts shown); the figure
template puts the data beside it as a table. Series are told apart by fill pattern as well as
colour (colours have 3:1 contrast with the page; text is the page's ink). The viewBox is 360
units wide, the narrowest phone we support, so 14-unit text is never drawn under 12 px; long
labels wrap on two lines and are cut with "…" (the table has them whole).

The site's Content-Security-Policy forbids inline styles, so everything is drawn with SVG
presentation attributes (``fill=``, ``stroke=``), and nothing is assembled with ``mark_safe``:
every piece goes through ``format_html``, which escapes the labels (answers and choices are
user content). Ids are prefixed with the chart's id, so several charts share a page.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from .suppression import Cell, NumericSummary, Table1D, Table2D

WIDTH = 360
PAD = 8
LINE = 18  # one line of 14-unit text
BAR = 20
GAP = 12
LABEL_CHARACTERS = 44  # what fits on a line of 344 units at 14 units
VALUE_ROOM = 104  # room right of the longest bar for "1,234 (100%)"
INK = "#1b1f24"
MUTED = "#4a5360"
BAR_FILL = "#0b5d7a"
NOT_SHOWN = "#595959"
# (colour, pattern): each at least 3:1 against white; the pattern alone tells series apart.
COLOURS = ("#0b5d7a", "#a3300b", "#1d6b3a", "#6a3d9a", "#8a5a00", "#3d4852")
# The marks drawn in white over a series' colour: none, diagonal lines, dots, horizontal lines,
# crossed lines, vertical lines (an SVG path, or a dot's radius).
PATTERNS = (
    None,
    "M-2 2l4-4M0 8l8-8M6 10l4-4",
    1.6,
    "M0 4h8",
    "M0 0l8 8M8 0l-8 8",
    "M4 0v8",
)
CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
# Control characters a label may carry (pasted text): XML forbids them in an SVG.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Figure:
    """What ``templates/assessments/analysis/_figure.html`` shows: a heading, the chart, the
    table of its data and the caller's notes ("Only approved answers; n = 23 authorities")."""

    id: str
    heading: str
    svg: SafeString
    table: Table1D | Table2D | NumericSummary
    notes: str = ""


def figure_of(
    *,
    figure_id: str,
    heading: str,
    table: Table1D | Table2D | NumericSummary,
    notes: str = "",
    description: str | None = None,
) -> Figure:
    """The figure of any table: bars for a distribution, 100% stacked bars for a crosstab, a
    box for numbers. ``figure_id`` must be unique on the page (the chart's ids start with it)."""
    if isinstance(table, Table1D):
        svg = bar_chart(table=table, chart_id=figure_id, title=heading, description=description)
    elif isinstance(table, Table2D):
        svg = stacked_bar_chart(
            table=table, chart_id=figure_id, title=heading, description=description
        )
    else:
        svg = box_chart(summary=table, chart_id=figure_id, title=heading, description=description)
    return Figure(figure_id, heading, svg, table, notes)


# -- Distributions ----------------------------------------------------------------------------


def bar_chart(
    *, table: Table1D, chart_id: str, title: str, description: str | None = None
) -> SafeString:
    """One horizontal bar per category, its count and percentage written beside it; a hidden
    count is written ("<5", "hidden") with no bar."""
    if description is None:
        description = _describe_1d(table)
    if table.withheld:
        return _withheld(chart_id, title, description)
    shown = [c.cell.count for c in table.categories if not c.cell.suppressed]
    largest = max(shown, default=0) or 1
    room = WIDTH - 2 * PAD - VALUE_ROOM
    parts, y = [], PAD
    for category in table.categories:
        label, y = _label(category.label, y)
        parts.append(label)
        cell = category.cell
        width = 0 if cell.suppressed else round(room * cell.count / largest, 1)
        if width:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    PAD,
                    y,
                    width,
                    BAR,
                    BAR_FILL,
                )
            )
        parts.append(_text(PAD + width + (6 if width else 0), y + BAR - 5, _value(cell)))
        y += BAR + GAP
    return _svg(chart_id, title, description, y - GAP + PAD, parts)


def _describe_1d(table: Table1D) -> str:
    parts = [
        ngettext(
            "Horizontal bar chart of %(count)d answer.",
            "Horizontal bar chart of %(count)d answers.",
            len(table.categories),
        )
        % {"count": len(table.categories)}
    ]
    shown = [c for c in table.categories if not c.cell.suppressed and c.cell.count]
    if shown:
        first = max(shown, key=lambda category: category.cell.count)
        parts.append(
            gettext("Most chosen among the counts shown: “%(label)s”, %(value)s.")
            % {"label": first.label, "value": _value(first.cell)}
        )
    if table.multiple:
        parts.append(gettext("Authorities could choose several answers."))
    parts.extend(_protection(table))
    return " ".join(parts)


# -- Crosstabs --------------------------------------------------------------------------------


def stacked_bar_chart(
    *, table: Table2D, chart_id: str, title: str, description: str | None = None
) -> SafeString:
    """One bar per row of the crosstab, 100% wide, a segment per column (colour and pattern,
    named in the legend); what hidden counts add up to is one segment, "not shown"."""
    if description is None:
        description = _describe_2d(table)
    if table.withheld:
        return _withheld(chart_id, title, description)
    room = WIDTH - 2 * PAD
    parts, y, remainder_drawn = [], PAD, False
    for line in table.rows:
        label = gettext("%(label)s (n = %(count)s)") % {
            "label": line.label,
            "count": line.total.shown,
        }
        text, y = _label(label, y)
        parts.append(text)
        if line.total.suppressed or not line.total.count:
            parts.append(_text(PAD, y + BAR - 5, line.total.shown))
            y += BAR + GAP
            continue
        x, shares = float(PAD), 0.0
        for index, cell in enumerate(line.cells):
            if cell.percent is None or not cell.count:
                continue
            width = room * cell.percent / 100
            parts.append(_segment(x, y, width, f"url(#{chart_id}-s{index})"))
            x, shares = x + width, shares + cell.percent
        if shares < 99.999:
            parts.append(_segment(x, y, PAD + room - x, f"url(#{chart_id}-ns)"))
            remainder_drawn = True
        y += BAR + GAP
    y += 4
    for index, column in enumerate(table.columns):
        parts.append(_swatch(y, f"url(#{chart_id}-s{index})", column.label))
        y += LINE + 6
    if remainder_drawn:
        parts.append(_swatch(y, f"url(#{chart_id}-ns)", gettext("Not shown (small or hidden)")))
        y += LINE + 6
    patterns = [_pattern(f"{chart_id}-s{index}", index) for index in range(len(table.columns))]
    patterns.append(
        format_html(
            '<pattern id="{}-ns" width="8" height="8" patternUnits="userSpaceOnUse">'
            '<rect width="8" height="8" fill="#fff"/>'
            '<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="{}" stroke-width="1.5"/></pattern>',
            chart_id,
            NOT_SHOWN,
        )
    )
    defs = format_html("<defs>{}</defs>", _joined(patterns))
    return _svg(chart_id, title, description, y - 6 + PAD, [defs, *parts])


def _describe_2d(table: Table2D) -> str:
    parts = [
        ngettext(
            "Stacked bar chart of %(count)d row, split into the shares of each column.",
            "Stacked bar chart of %(count)d rows, each split into the shares of each column.",
            len(table.rows),
        )
        % {"count": len(table.rows)}
    ]
    shown = [c for c in table.columns if not c.cell.suppressed and c.cell.count]
    if shown:
        first = max(shown, key=lambda category: category.cell.count)
        parts.append(
            gettext("Most frequent among the column totals shown: “%(label)s”, %(value)s.")
            % {"label": first.label, "value": _value(first.cell)}
        )
    parts.extend(_protection(table))
    return " ".join(parts)


def _pattern(pattern_id: str, index: int) -> SafeString:
    colour = COLOURS[(index + index // len(PATTERNS)) % len(COLOURS)]
    marks = PATTERNS[index % len(PATTERNS)]
    if marks is None:
        drawn = ""
    elif isinstance(marks, float):
        drawn = format_html('<circle cx="4" cy="4" r="{}" fill="#fff"/>', marks)
    else:
        drawn = format_html('<path d="{}" stroke="#fff" stroke-width="1.5"/>', marks)
    return format_html(
        '<pattern id="{}" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="{}"/>{}</pattern>',
        pattern_id,
        colour,
        drawn,
    )


def _segment(x: float, y: int, width: float, fill: str) -> SafeString:
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#fff" stroke-width="1"/>',
        round(x, 1),
        y,
        round(width, 1),
        BAR,
        fill,
    )


def _swatch(y: int, fill: str, label: str) -> SafeString:
    text = _shorten(label, LABEL_CHARACTERS - 4)
    return format_html(
        '<rect x="{}" y="{}" width="16" height="16" fill="{}" stroke="{}" stroke-width="1"/>{}',
        PAD,
        y,
        fill,
        INK,
        _text(PAD + 24, y + 13, text),
    )


# -- Numbers -----------------------------------------------------------------------------------


def box_chart(
    *,
    summary: NumericSummary,
    chart_id: str,
    title: str,
    description: str | None = None,
) -> SafeString:
    """A box from the lower to the upper quartile with the median, whiskers to the lowest and
    highest answers, and the five numbers written under it."""
    numbers = _five_numbers(summary)
    if description is None:
        description = _describe_numbers(summary, numbers)
    if summary.withheld or summary.median is None:
        return _withheld(chart_id, title, description, _named(*numbers[0]))
    low, high = summary.lowest, summary.highest
    room = WIDTH - 4 * PAD
    span = high - low

    def x(value: Decimal) -> float:
        return round(2 * PAD + (float((value - low) / span) * room if span else room / 2), 1)

    y, parts = PAD + 6, []
    middle = y + BAR / 2
    parts.append(
        format_html(
            '<path d="M{} {}H{}M{} {}H{}M{} {}v{}M{} {}v{}" stroke="{}" stroke-width="2"/>',
            x(low),
            middle,
            x(summary.lower_quartile),
            x(summary.upper_quartile),
            middle,
            x(high),
            x(low),
            y + 4,
            BAR - 8,
            x(high),
            y + 4,
            BAR - 8,
            INK,
        )
    )
    parts.append(
        format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="#e3f0f5" stroke="{}"'
            ' stroke-width="2"/>',
            x(summary.lower_quartile),
            y,
            max(round(x(summary.upper_quartile) - x(summary.lower_quartile), 1), 1),
            BAR,
            BAR_FILL,
        )
    )
    parts.append(
        format_html(
            '<path d="M{} {}v{}" stroke="{}" stroke-width="3"/>',
            x(summary.median),
            y - 3,
            BAR + 6,
            "#083f53",
        )
    )
    y += BAR + 6
    for name, value in numbers:
        y += LINE
        parts.append(_text(PAD, y, _named(name, value)))
    return _svg(chart_id, title, description, y + PAD, parts)


def _five_numbers(summary: NumericSummary) -> list[tuple[str, str]]:
    values = (
        (gettext("Authorities answering"), summary.count.shown),
        (gettext("Lowest"), summary.lowest),
        (gettext("Lower quartile"), summary.lower_quartile),
        (gettext("Median"), summary.median),
        (gettext("Upper quartile"), summary.upper_quartile),
        (gettext("Highest"), summary.highest),
    )
    return [
        (name, value if isinstance(value, str) else number_format(value))
        for name, value in values
        if value is not None
    ]


def _named(name: str, value: str) -> str:
    return gettext("%(name)s: %(value)s") % {"name": name, "value": value}


def _describe_numbers(summary: NumericSummary, numbers: list[tuple[str, str]]) -> str:
    named = "; ".join(_named(name, value) for name, value in numbers) + "."
    if summary.withheld:
        return named + " " + gettext("Too few authorities answered to show more.")
    if summary.median is None:
        return named
    return gettext("Box plot of the answers.") + " " + named


# -- Pieces ------------------------------------------------------------------------------------


def _protection(table: Table1D | Table2D) -> list[str]:
    notes = []
    if table.withheld:
        notes.append(
            gettext(
                "Not shown: these counts are too small to be shown without identifying authorities."
            )
        )
    elif table.has_small:
        notes.append(
            gettext("Counts of fewer than %(minimum)d authorities are shown as “<%(minimum)d”.")
            % {"minimum": table.minimum}
        )
    if table.has_hidden and not table.withheld:
        notes.append(gettext("Some other counts are hidden so that they cannot be worked out."))
    return notes


def _value(cell: Cell) -> str:
    if cell.suppressed or not cell.percent_shown:
        return cell.shown
    return gettext("%(count)s (%(percent)s)") % {
        "count": cell.shown,
        "percent": cell.percent_shown,
    }


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(text: str, y: int) -> tuple[SafeString, int]:
    """A category's label on up to two lines above its bar; ``y`` moves below it."""
    lines = textwrap.wrap(" ".join(text.split()), LABEL_CHARACTERS) or [""]
    if len(lines) > 2:
        lines = [lines[0], _shorten(" ".join(lines[1:]), LABEL_CHARACTERS)]
    pieces = []
    for line in lines:
        y += LINE
        pieces.append(_text(PAD, y - 4, line))
    return _joined(pieces), y + 2


def _text(x: float, y: float, text: str) -> SafeString:
    return format_html('<text x="{}" y="{}" fill="{}">{}</text>', x, y, INK, _printable(text))


def _printable(text: str) -> str:
    return CONTROL.sub("", text)


def _joined(pieces) -> SafeString:
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def _withheld(chart_id: str, title: str, description: str, sentence: str = "") -> SafeString:
    sentence = sentence or gettext(
        "Not shown: these counts are too small to be shown without identifying authorities."
    )
    lines = textwrap.wrap(sentence, LABEL_CHARACTERS)
    texts = [_text(PAD, PAD + LINE * (n + 1) - 4, line) for n, line in enumerate(lines)]
    return _svg(chart_id, title, description, 2 * PAD + LINE * len(lines), texts)


def _svg(chart_id: str, title: str, description: str, height: float, parts) -> SafeString:
    if not CHART_ID.match(chart_id):
        raise ValueError(f"A chart id is a letter then letters, digits, - or _: {chart_id!r}")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="analysis-chart" viewBox="0 0 {} {}"'
        ' width="100%" role="img" aria-labelledby="{}-title {}-desc"'
        ' font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"'
        ' font-size="14"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        round(height),
        chart_id,
        chart_id,
        chart_id,
        _printable(title),
        chart_id,
        _printable(description),
        _joined(parts),
    )
