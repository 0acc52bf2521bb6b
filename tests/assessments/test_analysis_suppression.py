"""Small-cell protection (assessments/analysis/suppression.py): what a reader outside the
assessment team sees, and that no "<5" cell can be worked out from what is shown."""

import itertools

import pytest
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.analysis.suppression import (
    Table1D,
    Table2D,
    suppressed_1d,
    suppressed_2d,
    suppressed_numbers,
    unsuppressed_1d,
    unsuppressed_2d,
    unsuppressed_numbers,
)


def shown(table: Table1D) -> dict[str, str]:
    return {category.key: category.cell.shown for category in table.categories}


def grid(table: Table2D) -> list[list[str]]:
    """The crosstab as a reader sees it, totals last."""
    lines = [[cell.shown for cell in line.cells] + [line.total.shown] for line in table.rows]
    lines.append([column.cell.shown for column in table.columns] + [table.total.shown])
    return lines


# -- 1-D --------------------------------------------------------------------------------------


def test_a_small_cell_is_shown_as_under_five_and_the_next_smallest_is_hidden():
    table = suppressed_1d(counts={"a": 12, "b": 3, "c": 7, "d": 0}, total=22)
    assert shown(table) == {"a": "12", "b": "<5", "c": "hidden", "d": "0"}
    assert table.total.shown == "22"
    # 22 - 12 - 0 leaves b + c = 10: b could be anything from 1 to 4.
    cells = {category.key: category.cell for category in table.categories}
    assert cells["b"].count is None and cells["c"].count is None
    assert cells["b"].percent is None and cells["c"].percent is None
    assert cells["a"].percent_shown == "55%"
    assert cells["d"].count == 0 and cells["d"].percent == 0
    assert table.has_small and table.has_hidden and table.minimum == 5


def test_two_small_cells_that_only_add_up_to_their_least_are_protected_by_a_third():
    # b + c = 2 and both at least 1 (zeros are shown): both would be 1 without a third cell.
    table = suppressed_1d(counts={"a": 12, "b": 1, "c": 1, "d": 30}, total=44)
    assert shown(table) == {"a": "hidden", "b": "<5", "c": "<5", "d": "30"}


def test_two_small_cells_protect_each_other_when_they_can_move():
    table = suppressed_1d(counts={"a": 20, "b": 2, "c": 3}, total=25)
    assert shown(table) == {"a": "20", "b": "<5", "c": "<5"}
    assert not table.has_hidden


def test_a_hidden_cell_that_could_not_move_is_not_chosen():
    # b = 1 can only be more; c = 5, hidden, could only be more too (hidden cells are at least
    # 5): b + c = 6 would pin both. The next cell that can be less is hidden instead.
    table = suppressed_1d(counts={"a": 9, "b": 1, "c": 5}, total=15)
    assert shown(table) == {"a": "hidden", "b": "<5", "c": "5"}


def test_a_small_total_hides_every_count_but_the_zeros():
    table = suppressed_1d(counts={"a": 2, "b": 1, "c": 0}, total=3)
    assert shown(table) == {"a": "<5", "b": "<5", "c": "0"}
    assert table.total.shown == "<5" and table.total.percent is None
    assert all(category.cell.percent is None for category in table.categories)


def test_nothing_small_nothing_hidden():
    table = suppressed_1d(counts={"yes": 15, "no": 8}, total=23)
    assert shown(table) == {"yes": "15", "no": "8"}
    assert not table.has_small and not table.has_hidden
    assert [category.cell.percent_shown for category in table.categories] == ["65%", "35%"]


def test_labels_default_to_keys():
    table = suppressed_1d(counts={"yes": 15, "no": 8}, total=23, labels={"yes": "Sí"})
    assert [category.label for category in table.categories] == ["Sí", "no"]


def test_inside_the_team_every_count_is_shown_in_the_same_types():
    table = unsuppressed_1d(counts={"a": 12, "b": 3, "c": 7, "d": 0}, total=22)
    assert isinstance(table, Table1D)
    assert shown(table) == {"a": "12", "b": "3", "c": "7", "d": "0"}
    assert table.minimum is None and not table.has_small
    assert [round(category.cell.percent) for category in table.categories] == [55, 14, 32, 0]


# -- Multiple choice ---------------------------------------------------------------------------


def test_multiple_choice_cells_are_each_checked_against_the_authorities_answering():
    # 20 authorities answered; each could choose several programmes.
    table = suppressed_1d(
        counts={"health": 18, "schools": 3, "housing": 11, "water": 20, "roads": 0},
        total=20,
        multiple=True,
    )
    # schools: 3 chose it. health: 18 would tell that 2 did not: hidden. water: all chose it.
    assert shown(table) == {
        "health": "hidden",
        "schools": "<5",
        "housing": "11",
        "water": "20",
        "roads": "0",
    }
    cells = {category.key: category.cell for category in table.categories}
    assert cells["housing"].percent_shown == "55%" and cells["water"].percent == 100
    assert table.multiple


def test_multiple_choice_with_few_authorities_shows_no_count():
    table = suppressed_1d(counts={"a": 3, "b": 1, "c": 0}, total=3, multiple=True)
    assert shown(table) == {"a": "<5", "b": "<5", "c": "0"}
    assert table.total.shown == "<5"


# -- The threshold -----------------------------------------------------------------------------


@override_settings(ASSESSMENT_SMALL_CELL_MIN=10)
def test_the_threshold_comes_from_the_settings():
    table = suppressed_1d(counts={"a": 30, "b": 7, "c": 12}, total=49)
    assert shown(table) == {"a": "30", "b": "<10", "c": "hidden"}
    assert table.minimum == 10


def test_a_threshold_given_by_the_caller_wins():
    table = suppressed_1d(counts={"a": 30, "b": 7, "c": 12}, total=49, minimum=3)
    assert shown(table) == {"a": "30", "b": "7", "c": "12"}


@pytest.mark.parametrize("minimum", [0, 1, 2])
def test_a_threshold_that_protects_nothing_is_refused(minimum):
    with pytest.raises(ValueError):
        suppressed_1d(counts={"a": 1}, total=1, minimum=minimum)


@pytest.mark.parametrize(
    ("counts", "total", "multiple"),
    [
        ({"a": 12, "b": 3}, 20, False),  # a single choice's counts must add up to the total
        ({"a": 12, "b": -3}, 9, False),
        ({"a": 21, "b": 3}, 20, True),  # more than answered
    ],
)
def test_counts_that_cannot_be_are_refused(counts, total, multiple):
    with pytest.raises(ValueError):
        suppressed_1d(counts=counts, total=total, multiple=multiple)


def test_the_labels_are_in_the_readers_language(settings):
    from django.core.management import call_command

    call_command("compile_translations", verbosity=0)
    # Assigning LOCALE_PATHS makes Django's test signals drop the cached translations.
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)
    with translation.override("fr"):
        table = suppressed_1d(counts={"a": 12, "b": 3, "c": 7}, total=22)
    assert shown(table)["c"] == "masqué"


# -- 2-D --------------------------------------------------------------------------------------


def test_a_small_cell_of_a_crosstab_is_protected_by_a_rectangle_of_small_cells():
    counts = {("x", "p"): 10, ("x", "q"): 2, ("y", "p"): 8, ("y", "q"): 9}
    counts |= {("z", "p"): 7, ("z", "q"): 6}
    table = suppressed_2d(counts=counts, rows=["x", "y", "z"], columns=["p", "q"])
    # x·q = 2 is small; x·p (10) must hide with it (row x), and another row's pair (z: 7 and 6,
    # smaller than y's 8 and 9) for the columns.
    assert grid(table) == [
        ["hidden", "<5", "12"],
        ["8", "9", "17"],
        ["hidden", "hidden", "13"],
        ["25", "17", "42"],
    ]
    y = table.rows[1]
    assert [cell.percent_shown for cell in y.cells] == ["47%", "53%"]
    assert y.total.percent_shown == "40%"
    assert table.cell("x", "q").count is None and table.cell("x", "q").percent is None


def test_a_small_total_of_a_crosstab_is_shown_as_under_five_and_protected():
    counts = {("x", "p"): 2, ("x", "q"): 1, ("y", "p"): 8, ("y", "q"): 9}
    counts |= {("z", "p"): 7, ("z", "q"): 6}
    table = suppressed_2d(counts=counts, rows=["x", "y", "z"], columns=["p", "q"])
    rows = grid(table)
    assert rows[0][:3] == ["<5", "<5", "<5"]
    # The total of row x (3) cannot be taken from the column totals: another total hides too.
    assert sum(cell.suppressed for cell in (line.total for line in table.rows)) >= 2
    assert table.total.shown == "33"
    assert table.rows[0].total.percent is None


def test_zeros_are_shown_in_a_crosstab():
    counts = {("x", "p"): 0, ("x", "q"): 12, ("y", "p"): 9, ("y", "q"): 0}
    table = suppressed_2d(counts=counts, rows=["x", "y"], columns=["p", "q"])
    assert grid(table) == [["0", "12", "12"], ["9", "0", "9"], ["9", "12", "21"]]


def test_inside_the_team_a_crosstab_shows_everything():
    counts = {("x", "p"): 10, ("x", "q"): 2, ("y", "p"): 8, ("y", "q"): 9}
    table = unsuppressed_2d(
        counts=counts, rows=["x", "y"], columns=["p", "q"], row_labels={"x": "Ex"}
    )
    assert isinstance(table, Table2D)
    assert grid(table) == [["10", "2", "12"], ["8", "9", "17"], ["18", "11", "29"]]
    assert table.rows[0].label == "Ex" and table.columns[0].label == "p"
    assert table.minimum is None and not table.has_small


# -- No small cell can be worked out ------------------------------------------------------------

# What a reader knows: shown values, "<5" cells between 1 and minimum - 1, hidden ones at least
# minimum. Each check below is written independently of the module's own reasoning.


def equations_2d(rows: int, columns: int):
    """The crosstab's equations over cells named (row, column), totals at index -1:
    every row's cells add up to its total, every column's too, and the totals to the grand."""
    cells_of_row = [[(r, c) for c in range(columns)] for r in range(rows)]
    cells_of_row.append([(-1, c) for c in range(columns)])
    totals_of_row = [(r, -1) for r in range(rows)] + [(-1, -1)]
    cells_of_column = [[(r, c) for r in range(rows)] for c in range(columns)]
    cells_of_column.append([(r, -1) for r in range(rows)])
    totals_of_column = [(-1, c) for c in range(columns)] + [(-1, -1)]
    return list(zip(cells_of_row, totals_of_row, strict=True)) + list(
        zip(cells_of_column, totals_of_column, strict=True)
    )


def values_2d(counts: list[list[int]]) -> dict[tuple[int, int], int]:
    values = {(r, c): v for r, line in enumerate(counts) for c, v in enumerate(line)}
    for r, line in enumerate(counts):
        values[(r, -1)] = sum(line)
    for c in range(len(counts[0])):
        values[(-1, c)] = sum(line[c] for line in counts)
    values[(-1, -1)] = sum(map(sum, counts))
    return values


def published_2d(table: Table2D) -> dict[tuple[int, int], object]:
    cells = {}
    for r, line in enumerate(table.rows):
        for c, cell in enumerate(line.cells):
            cells[(r, c)] = cell
        cells[(r, -1)] = line.total
    for c, column in enumerate(table.columns):
        cells[(-1, c)] = column.cell
    cells[(-1, -1)] = table.total
    return cells


def bounds(cell, minimum: int, cap: int) -> tuple[int, int]:
    if cell.small:
        return 1, minimum - 1
    return minimum, cap


def another_solution(equations, known, unknown_bounds, cell, value) -> bool:
    """Whether the published equations allow ``cell`` to be ``value``: a search that fixes
    whatever one equation leaves to one unknown and tries every value of the others."""
    assignment = dict(known)
    assignment[cell] = value
    low, high = unknown_bounds[cell]
    if not low <= value <= high:
        return False

    def search() -> bool:
        changed = True
        forced = []
        ok = True
        while changed and ok:
            changed = False
            for terms, total in equations:
                names = [*terms, total]
                missing = [name for name in names if name not in assignment]
                if len(missing) == 0:
                    if sum(assignment[t] for t in terms) != assignment[total]:
                        ok = False
                        break
                elif len(missing) == 1:
                    name = missing[0]
                    rest = sum(assignment[t] for t in terms if t != name)
                    fixed = rest if name == total else assignment[total] - rest
                    low, high = unknown_bounds[name]
                    if not low <= fixed <= high:
                        ok = False
                        break
                    assignment[name] = fixed
                    forced.append(name)
                    changed = True
        if ok:
            free = [name for name in unknown_bounds if name not in assignment]
            if not free:
                result = True
            else:
                name = min(free, key=lambda n: unknown_bounds[n][1] - unknown_bounds[n][0])
                low, high = unknown_bounds[name]
                result = False
                for candidate in range(low, high + 1):
                    assignment[name] = candidate
                    if search():
                        result = True
                        break
                    del assignment[name]
        else:
            result = False
        if not result:
            for name in forced:
                del assignment[name]
        return result

    return search()


def assert_no_small_cell_can_be_told(equations, values, published, minimum):
    cap = 2 * values[max(values, key=values.get)] + minimum
    known = {name: values[name] for name, cell in published.items() if not cell.suppressed}
    unknown = {
        name: bounds(cell, minimum, cap) for name, cell in published.items() if cell.suppressed
    }
    for name, cell in published.items():
        if cell.suppressed:
            assert cell.count is None and cell.percent is None
            assert cell.shown == (f"<{minimum}" if cell.small else "hidden")
            low, high = unknown[name]
            assert low <= values[name] <= high, "the label must tell the truth"
        else:
            assert cell.count == values[name] and cell.shown == str(values[name])
            assert not (0 < values[name] < minimum), "a small count is shown"
    # By subtraction: no row or column (totals included) has exactly one hidden value.
    for terms, total in equations:
        assert sum(name in unknown for name in [*terms, total]) != 1
    # By any combination of totals and bounds: each "<5" cell could be another value.
    for name, cell in published.items():
        if cell.small:
            assert any(
                another_solution(equations, known, unknown, name, other)
                for other in range(1, minimum)
                if other != values[name]
            ), f"cell {name} can be told"


small_counts = st.integers(min_value=0, max_value=9) | st.integers(min_value=0, max_value=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=st.integers(min_value=1, max_value=4).flatmap(
        lambda rows: st.integers(min_value=1, max_value=4).flatmap(
            lambda columns: st.lists(
                st.lists(small_counts, min_size=columns, max_size=columns),
                min_size=rows,
                max_size=rows,
            )
        )
    ),
    minimum=st.sampled_from([3, 5]),
)
def test_no_small_cell_of_a_crosstab_can_be_worked_out(counts, minimum):
    rows = [f"r{r}" for r in range(len(counts))]
    columns = [f"c{c}" for c in range(len(counts[0]))]
    table = suppressed_2d(
        counts={(rows[r], columns[c]): v for (r, c), v in values_2d(counts).items() if r >= 0 <= c},
        rows=rows,
        columns=columns,
        minimum=minimum,
    )
    published = published_2d(table)
    if table.withheld:
        assert all(cell.suppressed for cell in published.values())
        return
    assert table.total.suppressed == (0 < sum(map(sum, counts)) < minimum)
    assert_no_small_cell_can_be_told(
        equations_2d(len(rows), len(columns)), values_2d(counts), published, minimum
    )


@settings(max_examples=300, deadline=None)
@given(counts=st.lists(small_counts, min_size=1, max_size=7), minimum=st.sampled_from([3, 5]))
def test_no_small_cell_of_a_distribution_can_be_worked_out(counts, minimum):
    keys = [f"k{k}" for k in range(len(counts))]
    table = suppressed_1d(
        counts=dict(zip(keys, counts, strict=True)), total=sum(counts), minimum=minimum
    )
    published = {k: category.cell for k, category in enumerate(table.categories)}
    published["total"] = table.total
    values = dict(enumerate(counts)) | {"total": sum(counts)}
    if table.withheld:
        assert all(cell.suppressed for cell in published.values())
        return
    assert table.total.suppressed == (0 < sum(counts) < minimum)
    equations = [(list(range(len(counts))), "total")]
    assert_no_small_cell_can_be_told(equations, values, published, minimum)


@settings(max_examples=200, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=30),
    shares=st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=6),
)
def test_no_count_of_a_multiple_choice_question_names_few_authorities(total, shares):
    counts = {f"k{k}": round(share * total) for k, share in enumerate(shares)}
    table = suppressed_1d(counts=counts, total=total, multiple=True)
    for category in table.categories:
        count = counts[category.key]
        hides_few = 0 < count < 5 or 0 < total - count < 5 or 0 < total < 5
        assert category.cell.suppressed == (hides_few and count > 0)
        if category.cell.suppressed:
            assert category.cell.percent is None
    assert table.total.suppressed == (0 < total < 5)


def test_the_checker_catches_a_cell_that_subtraction_reveals():
    """The property above can fail: an unprotected small cell is found."""
    values = values_2d([[10, 2], [8, 9]])
    table = unsuppressed_2d(
        counts={("r0", "c0"): 10, ("r0", "c1"): 2, ("r1", "c0"): 8, ("r1", "c1"): 9},
        rows=["r0", "r1"],
        columns=["c0", "c1"],
    )
    published = published_2d(table)
    from assessments.analysis.suppression import Cell

    published[(0, 1)] = Cell(count=None, shown="<5", suppressed=True, percent=None, small=True)
    with pytest.raises(AssertionError):
        assert_no_small_cell_can_be_told(equations_2d(2, 2), values, published, 5)


def test_the_checker_catches_a_cell_that_bounds_reveal():
    from assessments.analysis.suppression import Cell

    values = {0: 12, 1: 1, 2: 1, "total": 14}
    small = Cell(count=None, shown="<5", suppressed=True, percent=None, small=True)
    published = {
        0: Cell(count=12, shown="12", suppressed=False, percent=None),
        1: small,
        2: small,
        "total": Cell(count=14, shown="14", suppressed=False, percent=None),
    }
    with pytest.raises(AssertionError, match="can be told"):
        assert_no_small_cell_can_be_told([([0, 1, 2], "total")], values, published, 5)


def test_the_overall_total_is_never_hidden_to_protect_a_count():
    # Readers know how many authorities answered (the response rate, the figure's notes): with
    # 6 answering, a "<5" beside a 5 (hidden counts are at least 5) could only be 1.
    table = suppressed_1d(counts={"a": 1, "b": 5, "c": 0}, total=6)
    assert table.withheld
    assert all(category.cell.suppressed for category in table.categories)


def test_a_table_that_cannot_be_protected_is_withheld():
    # Every count is 1 with threshold 3: "<3" cells that are at least 1, summing to a total of
    # "<3"... any two 1s and a total of 2 are 1, 1 and 2, whatever is hidden.
    table = suppressed_1d(counts={"a": 1, "b": 1}, total=2, minimum=3)
    assert table.withheld
    assert all(category.cell.suppressed for category in table.categories)
    assert table.total.suppressed


# -- Numbers -----------------------------------------------------------------------------------


def test_a_numeric_question_is_summarised_by_its_quartiles():
    summary = suppressed_numbers(values=[4, 1, 3, 2, 10, 6])
    assert summary.count.shown == "6"
    assert [
        str(v)
        for v in (
            summary.lowest,
            summary.lower_quartile,
            summary.median,
            summary.upper_quartile,
            summary.highest,
        )
    ] == ["1", "2.25", "3.5", "5.5", "10"]


def test_a_numeric_question_few_answered_shows_nothing():
    summary = suppressed_numbers(values=[120, 300, 45])
    assert summary.withheld and summary.count.shown == "<5"
    assert summary.median is None and summary.lowest is None and summary.highest is None
    assert unsuppressed_numbers(values=[120, 300, 45]).median == 120


def test_a_numeric_question_nobody_answered():
    summary = suppressed_numbers(values=[])
    assert summary.count.shown == "0" and summary.median is None and not summary.withheld


def test_every_small_crosstab_up_to_two_by_two_is_protected():
    """Exhaustively, every 2x2 table of counts 0 to 6."""
    for a, b, c, d in itertools.product(range(7), repeat=4):
        counts = [[a, b], [c, d]]
        table = suppressed_2d(
            counts={("r0", "c0"): a, ("r0", "c1"): b, ("r1", "c0"): c, ("r1", "c1"): d},
            rows=["r0", "r1"],
            columns=["c0", "c1"],
        )
        if not table.withheld:
            assert_no_small_cell_can_be_told(
                equations_2d(2, 2), values_2d(counts), published_2d(table), 5
            )
