"""Needs-assessment charts (assessments/analysis/charts.py) and the figure template: valid,
accessible SVG that never shows a hidden count, and the data beside it as a table."""

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.analysis.charts import (
    bar_chart,
    box_chart,
    figure_of,
    stacked_bar_chart,
)
from assessments.analysis.suppression import (
    suppressed_1d,
    suppressed_2d,
    suppressed_numbers,
    unsuppressed_1d,
)

SVG = "{http://www.w3.org/2000/svg}"
# The parsed XML is our own charts (ruff S314 is about untrusted data).

# A distribution whose hidden numbers (b: 2, 4%; c: 13, 23%) appear nowhere else.
DISTRIBUTION = {"a": 41, "b": 2, "c": 13, "d": 0, "e": 0}
# A crosstab whose hidden numbers (x·p 11, 85%; x·q 2; z·p 9, 60%; z·q 6) appear nowhere else.
CROSSTAB = {("x", "p"): 11, ("x", "q"): 2, ("y", "p"): 20, ("y", "q"): 17}
CROSSTAB |= {("z", "p"): 9, ("z", "q"): 6}


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter() if element.text]


def numbers_in(root: ET.Element) -> set[int]:
    return {int(n) for text in texts(root) for n in re.findall(r"\d+", text)}


def distribution():
    return suppressed_1d(counts=DISTRIBUTION, total=56)


def crosstab():
    return suppressed_2d(counts=CROSSTAB, rows=["x", "y", "z"], columns=["p", "q"])


# -- Valid and accessible ----------------------------------------------------------------------


@pytest.mark.parametrize("which", ["bars", "stacked", "box"])
def test_a_chart_is_an_image_named_by_its_title_and_description(which):
    svg = {
        "bars": lambda: bar_chart(table=distribution(), chart_id="budget", title="Budget"),
        "stacked": lambda: stacked_bar_chart(table=crosstab(), chart_id="budget", title="Budget"),
        "box": lambda: box_chart(
            summary=suppressed_numbers(values=[3, 8, 1, 12, 7, 5]),
            chart_id="budget",
            title="Budget",
        ),
    }[which]()
    root = parsed(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "budget-title budget-desc"
    assert root.find(f"{SVG}title").get("id") == "budget-title"
    assert root.find(f"{SVG}title").text == "Budget"
    assert root.find(f"{SVG}desc").get("id") == "budget-desc"
    assert root.find(f"{SVG}desc").text
    # Scales to the screen; 360 units wide, so 14-unit text stays above 12 px on a phone.
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 360 ")
    assert root.get("font-size") == "14"
    assert not [element for element in root.iter() if element.get("font-size") not in (None, "14")]
    # The Content-Security-Policy forbids inline styles: presentation attributes only.
    assert "style" not in str(svg)


def test_the_description_names_the_most_chosen_answer_among_those_shown():
    desc = parsed(bar_chart(table=distribution(), chart_id="c", title="T")).find(f"{SVG}desc")
    assert "“a”, 41 (73%)" in desc.text
    assert "fewer than 5 authorities" in desc.text and "hidden" in desc.text


def test_ids_stay_unique_with_several_charts_on_a_page():
    page = "<div>{}{}{}</div>".format(
        stacked_bar_chart(table=crosstab(), chart_id="first", title="One"),
        stacked_bar_chart(table=crosstab(), chart_id="second", title="Two"),
        bar_chart(table=distribution(), chart_id="third", title="Three"),
    )
    root = ET.fromstring(page)  # noqa: S314
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    # Every pattern a chart fills with is its own.
    for svg in root:
        own = {element.get("id") for element in svg.iter() if element.get("id")}
        used = {
            re.fullmatch(r"url\(#(.+)\)", element.get("fill")).group(1)
            for element in svg.iter()
            if (element.get("fill") or "").startswith("url(")
        }
        assert used <= own


def test_a_chart_id_that_is_not_a_plain_name_is_refused():
    with pytest.raises(ValueError):
        bar_chart(table=distribution(), chart_id='x" onload="alert(1)', title="T")


def test_labels_and_titles_are_escaped():
    table = unsuppressed_1d(counts={"<script>alert(1)</script>": 12, "b & c": 5}, total=17)
    svg = bar_chart(table=table, chart_id="c", title="<b>Title</b>")
    assert "<script" not in svg and "<b>" not in svg
    root = parsed(svg)  # still well-formed
    assert "<script>alert(1)</script>" in texts(root)
    assert root.find(f"{SVG}title").text == "<b>Title</b>"


# -- Nothing hidden is drawn ---------------------------------------------------------------------


def test_a_hidden_count_has_no_bar_and_no_number():
    root = parsed(bar_chart(table=distribution(), chart_id="c", title="T"))
    assert not numbers_in(root) & {2, 4, 13, 23}
    assert "<5" in texts(root) and "hidden" in texts(root)
    bars = list(root.iter(f"{SVG}rect"))
    assert len(bars) == 1  # a's; b and c are hidden, d is zero
    assert "41 (73%)" in texts(root) and "0 (0%)" in texts(root)


def test_a_hidden_count_of_a_crosstab_is_neither_drawn_nor_written():
    table = crosstab()
    assert table.cell("x", "q").suppressed and table.cell("z", "p").suppressed
    root = parsed(stacked_bar_chart(table=table, chart_id="c", title="T"))
    assert not numbers_in(root) & {11, 2, 9, 6, 85, 60}
    # Rows x and z: the hidden cells make one "not shown" segment, the whole bar.
    segments = [rect for rect in root.iter(f"{SVG}rect") if rect.get("height") == "20"]
    fills = [rect.get("fill") for rect in segments]
    assert fills == ["url(#c-ns)", "url(#c-s0)", "url(#c-s1)", "url(#c-ns)"]
    widths = [float(rect.get("width")) for rect in segments]
    assert widths[0] == widths[3] == pytest.approx(344)
    assert widths[1] / widths[2] == pytest.approx(20 / 17, rel=1e-2)


def test_a_small_row_total_is_written_with_no_bar():
    counts = {("x", "p"): 2, ("x", "q"): 1, ("y", "p"): 20, ("y", "q"): 17}
    counts |= {("z", "p"): 9, ("z", "q"): 6}
    table = suppressed_2d(counts=counts, rows=["x", "y", "z"], columns=["p", "q"])
    root = parsed(stacked_bar_chart(table=table, chart_id="c", title="T"))
    assert "x (n = <5)" in texts(root)


def test_a_withheld_table_draws_only_a_sentence():
    table = suppressed_1d(counts={"a": 1, "b": 1}, total=2, minimum=3)
    root = parsed(bar_chart(table=table, chart_id="c", title="T"))
    assert not list(root.iter(f"{SVG}rect"))
    lines = [text.text for text in root.iter(f"{SVG}text")]
    assert all(len(line) <= 44 for line in lines)  # wrapped to the phone's width
    assert " ".join(lines) == (
        "Not shown: these counts are too small to be shown without identifying authorities."
    )


@settings(max_examples=100, deadline=None)
@given(
    labels=st.lists(st.text(max_size=120), min_size=1, max_size=6, unique=True),
    columns=st.lists(st.text(max_size=60), min_size=1, max_size=4, unique=True),
    data=st.data(),
)
def test_any_labels_and_counts_make_a_well_formed_chart(labels, columns, data):
    counts = {
        (row, column): data.draw(st.integers(min_value=0, max_value=40))
        for row in labels
        for column in columns
    }
    table = suppressed_2d(counts=counts, rows=labels, columns=columns)
    totals = {column: sum(counts[(row, column)] for row in labels) for column in columns}
    figures = [
        stacked_bar_chart(table=table, chart_id="cross", title=labels[0]),
        bar_chart(
            table=suppressed_1d(counts=totals, total=sum(totals.values())),
            chart_id="bars",
            title=columns[0],
        ),
    ]
    for svg in figures:
        root = parsed(svg)
        assert root.find(f"{SVG}title") is not None
    # A hidden count of the crosstab has no segment of its own: its row's shown shares and one
    # "not shown" segment at most.
    root = parsed(figures[0])
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("height") == "20"]
    shown = sum(
        1 for line in table.rows for cell in line.cells if cell.percent is not None and cell.count
    )
    unknown = sum(
        1 for line in table.rows if line.total.count and any(cell.suppressed for cell in line.cells)
    )
    assert len(bars) == shown + unknown


# -- Patterns ------------------------------------------------------------------------------------


def test_each_series_has_its_own_pattern_and_colour_and_a_legend():
    columns = [f"answer {n}" for n in range(8)]
    counts = {("x", column): 10 + n for n, column in enumerate(columns)}
    counts |= {("y", column): 20 for column in columns}
    table = suppressed_2d(counts=counts, rows=["x", "y"], columns=columns)
    root = parsed(stacked_bar_chart(table=table, chart_id="c", title="T"))
    patterns = {pattern.get("id"): pattern for pattern in root.iter(f"{SVG}pattern")}
    assert set(patterns) == {f"c-s{n}" for n in range(8)} | {"c-ns"}
    looks = {
        (
            pattern.find(f"{SVG}rect").get("fill"),
            tuple(
                (child.tag, child.get("d"), child.get("r"))
                for child in pattern
                if child.tag != f"{SVG}rect"
            ),
        )
        for pattern in patterns.values()
    }
    assert len(looks) == len(patterns)  # no two series alike
    marks = {look[1] for look in looks}
    assert len(marks) >= 6  # told apart without colour (six patterns, then colours vary)
    legend = [rect.get("fill") for rect in root.iter(f"{SVG}rect") if rect.get("height") == "16"]
    assert legend == [f"url(#c-s{n})" for n in range(8)]
    for column in columns:
        assert column in texts(root)


def test_long_labels_wrap_on_two_lines_and_are_cut():
    label = "Programmes for the social and economic inclusion of migrants and refugees " * 3
    table = unsuppressed_1d(counts={label: 12, "short": 7}, total=19)
    root = parsed(bar_chart(table=table, chart_id="c", title="T"))
    lines = [text for text in texts(root) if text.startswith("Programmes") or "…" in text]
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(len(line) <= 44 for line in lines)


# -- Numbers -------------------------------------------------------------------------------------


def test_a_box_plot_writes_the_five_numbers():
    root = parsed(
        box_chart(summary=suppressed_numbers(values=[1, 2, 3, 4, 6, 10]), chart_id="n", title="T")
    )
    for line in [
        "Authorities answering: 6",
        "Lowest: 1",
        "Lower quartile: 2.25",
        "Median: 3.5",
        "Upper quartile: 5.5",
        "Highest: 10",
    ]:
        assert line in texts(root)
    assert root.find(f"{SVG}rect") is not None


def test_a_box_plot_of_few_answers_shows_none_of_them():
    svg = box_chart(summary=suppressed_numbers(values=[170, 230, 410]), chart_id="n", title="T")
    root = parsed(svg)
    assert not numbers_in(root) & {170, 230, 410}
    assert root.find(f"{SVG}rect") is None
    assert [text.text for text in root.iter(f"{SVG}text")] == ["Authorities answering: <5"]
    assert root.find(f"{SVG}desc").text == (
        "Authorities answering: <5. Too few authorities answered to show more."
    )
    page = rendered(
        figure_of(figure_id="n", heading="Budget", table=suppressed_numbers(values=[170, 230]))
    )
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in page.find_all("tr")]
    assert rows == [["Authorities answering", "<5"]]
    assert (
        "“<5”: fewer than 5 authorities."
        in page.find("div", class_="analysis-figure__notes").get_text()
    )


# -- The figure template -----------------------------------------------------------------------


NO_SHARE = "\N{EN DASH}"


def rendered(*figures, **context) -> BeautifulSoup:
    html = "".join(
        render_to_string("assessments/analysis/_figure.html", {"figure": figure, **context})
        for figure in figures
    )
    return BeautifulSoup(html, "html.parser")


def test_the_figure_shows_the_chart_and_its_data_as_a_table():
    figure = figure_of(
        figure_id="programmes",
        heading="Programmes <run> by the authority",
        table=distribution(),
        notes="Only approved answers; n = 56 authorities",
    )
    page = rendered(figure, level=2)
    heading = page.find("h2")
    assert heading.get_text() == "Programmes <run> by the authority"
    assert page.section["aria-labelledby"] == heading["id"] == "programmes-heading"
    assert page.find("svg")["aria-labelledby"] == "programmes-title programmes-desc"
    table = page.find("table")
    assert table.caption.get_text(strip=True) == "Data: Programmes <run> by the authority"
    assert page.find("div", class_="table-scroll")["aria-labelledby"] == table.caption["id"]
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]
    assert rows == [
        ["Answer", "Authorities", "Share"],
        ["a", "41", "73%"],
        ["b", "<5", NO_SHARE],
        ["c", "hidden", NO_SHARE],
        ["d", "0", "0%"],
        ["e", "0", "0%"],
        ["Authorities answering", "56", "100%"],
    ]
    assert [th["scope"] for th in table.find_all("th")] == ["col"] * 3 + ["row"] * 6
    notes = page.find("div", class_="analysis-figure__notes").get_text(" ", strip=True)
    assert "Only approved answers; n = 56 authorities" in notes
    assert "“<5”: fewer than 5 authorities." in notes
    assert "“hidden”: not shown" in notes


def test_the_figure_of_a_crosstab_has_row_and_column_headers_and_totals():
    page = rendered(figure_of(figure_id="cross", heading="By country", table=crosstab()))
    table = page.find("table")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]
    assert rows == [
        ["", "p", "q", "Total"],
        # Shares of the row; a total's share is of all the authorities.
        ["x", "hidden", "<5", "13 (20%)"],
        ["y", "20 (54%)", "17 (46%)", "37 (57%)"],
        ["z", "hidden", "hidden", "15 (23%)"],
        ["Total", "40 (62%)", "25 (38%)", "65 (100%)"],
    ]
    assert [th["scope"] for th in table.find_all("th")] == ["col"] * 3 + ["row"] * 4
    assert page.find("h3").get_text() == "By country"


def test_the_figure_of_a_withheld_table_shows_no_table():
    table = suppressed_1d(counts={"a": 1, "b": 1}, total=2, minimum=3)
    page = rendered(figure_of(figure_id="w", heading="Few", table=table))
    assert page.find("table") is None
    assert "Not shown: these counts are too small" in page.find("p", class_="notice").get_text()
    assert page.find("div", class_="analysis-figure__notes") is None  # nothing to explain


def test_the_figure_of_numbers_lists_them():
    page = rendered(
        figure_of(figure_id="n", heading="Staff", table=suppressed_numbers(values=[1, 2, 3, 4, 6]))
    )
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in page.find("table").find_all("tr")
    ]
    assert rows[0] == ["Authorities answering", "5"] and rows[3] == ["Median", "3"]


def test_two_figures_on_a_page_have_distinct_ids():
    page = rendered(
        figure_of(figure_id="one", heading="One", table=distribution()),
        figure_of(figure_id="two", heading="Two", table=crosstab()),
    )
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for element in page.find_all(attrs={"aria-labelledby": True}):
        for name in element["aria-labelledby"].split():
            assert page.find(id=name) is not None
