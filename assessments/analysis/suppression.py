"""Small-cell protection: what every figure shown outside the assessment team may say.

A count of 1 to ``minimum - 1`` authorities (``ASSESSMENT_SMALL_CELL_MIN``, 5 by default) is
shown as "<5" (primary suppression). A zero is shown: it names no authority, and hiding zeros
would hide most of a sparse table.

Because a reader sees the totals, hiding the small cells is not enough: a hidden cell that is
the only unknown of a row can be worked out by subtraction, and so can one that several totals
pin down together, or one that bounds leave a single value for (two "<5" cells summing to 2 are
both 1, since zeros are shown). Other cells are therefore hidden too (complementary
suppression), shown as "hidden", never as "<5" (which would be false of them), until no "<5"
cell can be pinned to one value: ``protection.protect`` decides which. A table that cannot be
protected at all is withheld whole.

Multiple choice (an authority counted in several cells, which therefore do not add up to the
total) has no equation between cells: each cell is checked against the number of authorities
answering, and a cell of ``total - k`` with ``0 < k < minimum`` is hidden too, since it would
reveal the ``k`` authorities that did not choose it.

Inside the assessment team the ``unsuppressed_*`` functions build the same types with nothing
hidden, so one template and one chart function serve both. Labels are translated when a table
is built: build tables in the reader's request.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext

from .protection import CELL, HIDDEN, OVERALL, SMALL, TOTAL, Count, everything, protect

_TOTAL = "\x00total"  # a key no category can have: the totals' row and column

# Below this a threshold protects nothing: with zeros shown, "<2" means exactly 1.
LOWEST_MINIMUM = 3


@dataclass(frozen=True)
class Cell:
    """One count as shown: ``count`` is None when it is hidden, ``shown`` is the text a reader
    sees ("12", "<5", "hidden"), ``percent`` is None whenever the count or its base is hidden.
    ``small``: hidden for being under the threshold ("<5"), not to protect another count."""

    count: int | None
    shown: str
    suppressed: bool
    percent: float | None
    small: bool = False

    @property
    def percent_shown(self) -> str:
        """The percentage rounded to a whole number, in the reader's language ("" if none)."""
        if self.percent is None:
            return ""
        whole = Decimal(str(self.percent)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return gettext("%(percent)s%%") % {"percent": number_format(whole)}


class _Protected:
    """What a figure says under its table: whether some count reads "<5" or "hidden", and
    those two labels."""

    minimum: int | None

    def _cells(self) -> list[Cell]:
        raise NotImplementedError

    @property
    def has_small(self) -> bool:
        return any(_is_small(cell) for cell in self._cells())

    @property
    def has_hidden(self) -> bool:
        return any(cell.suppressed and not _is_small(cell) for cell in self._cells())

    @property
    def small_shown(self) -> str:
        return small_label(self.minimum) if self.minimum else ""

    @property
    def hidden_shown(self) -> str:
        return hidden_label()


@dataclass(frozen=True)
class Category:
    """A category (a choice) of a 1-D table, or a column of a crosstab with its total."""

    key: str
    label: str
    cell: Cell


@dataclass(frozen=True)
class Table1D(_Protected):
    """A distribution: one cell per category and the number of authorities answering.

    ``minimum`` is the threshold applied, None inside the team. ``multiple``: authorities could
    choose several categories, so cells add up to more than the total. ``withheld``: no choice
    of hidden counts protects the small ones, so nothing is shown (every count hidden, zeros
    too)."""

    categories: tuple[Category, ...]
    total: Cell
    multiple: bool = False
    minimum: int | None = None
    withheld: bool = False

    kind = "1d"

    def _cells(self) -> list[Cell]:
        if self.withheld:  # nothing to explain: the figure says it is not shown
            return []
        return [category.cell for category in self.categories] + [self.total]


@dataclass(frozen=True)
class CrossRow:
    """A row of a crosstab: its cells in the order of the columns, and its total. A cell's
    percentage is its share of the row's total; the total's, its share of the table's."""

    key: str
    label: str
    cells: tuple[Cell, ...]
    total: Cell


@dataclass(frozen=True)
class Table2D(_Protected):
    """A crosstab of two single-choice questions, with row, column and grand totals."""

    rows: tuple[CrossRow, ...]
    columns: tuple[Category, ...]
    total: Cell
    minimum: int | None = None
    withheld: bool = False

    kind = "2d"

    def cell(self, row: str, column: str) -> Cell:
        index = [category.key for category in self.columns].index(column)
        return next(line for line in self.rows if line.key == row).cells[index]

    def _cells(self) -> list[Cell]:
        if self.withheld:
            return []
        cells = [self.total, *(category.cell for category in self.columns)]
        for line in self.rows:
            cells.extend((*line.cells, line.total))
        return cells


@dataclass(frozen=True)
class NumericSummary(_Protected):
    """A numeric question's answers: how many authorities answered (``count``), and the lowest,
    the quartiles, the median and the highest answer, all None when fewer than ``minimum``
    answered (``withheld``). A shown lowest or highest is one authority's answer, not named."""

    count: Cell
    lowest: Decimal | None
    lower_quartile: Decimal | None
    median: Decimal | None
    upper_quartile: Decimal | None
    highest: Decimal | None
    minimum: int | None = None
    withheld: bool = False
    mean: Decimal | None = None

    kind = "numbers"

    def _cells(self) -> list[Cell]:
        return [self.count]


# -- The labels --------------------------------------------------------------------------------


def small_label(minimum: int) -> str:
    """What a cell of 1 to ``minimum - 1`` authorities reads."""
    return gettext("<%(minimum)d") % {"minimum": minimum}


def hidden_label() -> str:
    """What a cell hidden so that a small one cannot be worked out reads."""
    return gettext("hidden")


def _is_small(cell: Cell) -> bool:
    return cell.suppressed and cell.small


def _shown(count: int) -> Cell:
    return Cell(count=count, shown=number_format(count), suppressed=False, percent=None)


def _with_percent(cell: Cell, count: int, base: Cell) -> Cell:
    if cell.suppressed or base.suppressed or not base.count:
        return cell
    return Cell(cell.count, cell.shown, cell.suppressed, 100 * count / base.count, cell.small)


def _threshold(minimum: int | None) -> int:
    value = settings.ASSESSMENT_SMALL_CELL_MIN if minimum is None else minimum
    if value < LOWEST_MINIMUM:
        raise ValueError(f"A small-cell threshold below {LOWEST_MINIMUM} protects nothing.")
    return value


# -- 1-D tables --------------------------------------------------------------------------------


def unsuppressed_1d(
    *,
    counts: Mapping[str, int],
    total: int,
    labels: Mapping[str, str] | None = None,
    multiple: bool = False,
) -> Table1D:
    """A distribution as the assessment team sees it: every count shown."""
    _check_1d(counts=counts, total=total, multiple=multiple)
    return _table_1d(
        counts=counts, total=total, labels=labels, multiple=multiple, hide={}, minimum=0
    )


def suppressed_1d(
    *,
    counts: Mapping[str, int],
    total: int,
    minimum: int | None = None,
    multiple: bool = False,
    labels: Mapping[str, str] | None = None,
) -> Table1D:
    """A distribution as anyone outside the team may see it.

    ``counts`` maps each category's key to its number of authorities, in the order to show;
    ``total`` is the number of authorities answering; ``labels`` gives each key's text (the key
    itself by default). ``minimum`` overrides ``ASSESSMENT_SMALL_CELL_MIN``."""
    threshold = _threshold(minimum)
    _check_1d(counts=counts, total=total, multiple=multiple)
    keys = list(counts)
    if multiple:
        hide = _multiple_hidden(counts=counts, total=total, minimum=threshold)
        withheld = False
    else:
        cells = [Count(key, counts[key], "all", "each", margin=False, cost=CELL) for key in keys]
        cells.append(Count(_TOTAL, total, "all", "each", margin=True, cost=OVERALL))
        found = protect(cells, minimum=threshold)
        withheld = found is None
        hide = found if found is not None else everything(cells)
    table = _table_1d(
        counts=counts, total=total, labels=labels, multiple=multiple, hide=hide, minimum=threshold
    )
    return Table1D(table.categories, table.total, multiple, threshold, withheld)


def _check_1d(*, counts: Mapping[str, int], total: int, multiple: bool) -> None:
    """The protection reasons from what the counts mean: refuse counts that cannot be."""
    if total < 0 or any(count < 0 for count in counts.values()):
        raise ValueError("Counts of authorities cannot be negative.")
    if multiple and any(count > total for count in counts.values()):
        raise ValueError("A multiple-choice count exceeds the authorities answering.")
    if not multiple and sum(counts.values()) != total:
        # A reader would take the total for the sum: a gap would make the protection wrong.
        raise ValueError("A single-choice distribution's counts must add up to its total.")


def _multiple_hidden(*, counts: Mapping[str, int], total: int, minimum: int) -> dict:
    hide: dict[object, str] = {}
    if 0 < total < minimum:
        hide[_TOTAL] = SMALL
    for key, count in counts.items():
        if 0 < count < minimum:
            hide[key] = SMALL
        elif count and 0 < total - count < minimum:
            hide[key] = HIDDEN
    return hide


def _table_1d(*, counts, total, labels, multiple, hide: Mapping[object, str], minimum) -> Table1D:
    labels = labels or {}
    total_cell = _cell(total, hide.get(_TOTAL), minimum)
    if not total_cell.suppressed:
        total_cell = _with_percent(total_cell, total, total_cell)
    categories = tuple(
        Category(
            key,
            labels.get(key, key),
            _with_percent(_cell(count, hide.get(key), minimum), count, total_cell),
        )
        for key, count in counts.items()
    )
    return Table1D(categories, total_cell, multiple)


def _cell(count: int, how: str | None, minimum: int) -> Cell:
    if how == SMALL:
        return Cell(None, small_label(minimum), suppressed=True, percent=None, small=True)
    if how == HIDDEN:
        return Cell(count=None, shown=hidden_label(), suppressed=True, percent=None)
    return _shown(count)


# -- 2-D tables --------------------------------------------------------------------------------


def unsuppressed_2d(
    *,
    counts: Mapping[tuple[str, str], int],
    rows: Sequence[str],
    columns: Sequence[str],
    row_labels: Mapping[str, str] | None = None,
    column_labels: Mapping[str, str] | None = None,
) -> Table2D:
    """A crosstab as the assessment team sees it: every count shown."""
    return _table_2d(counts, rows, columns, row_labels, column_labels, hide={}, minimum=0)


def suppressed_2d(
    *,
    counts: Mapping[tuple[str, str], int],
    rows: Sequence[str],
    columns: Sequence[str],
    minimum: int | None = None,
    row_labels: Mapping[str, str] | None = None,
    column_labels: Mapping[str, str] | None = None,
) -> Table2D:
    """A crosstab as anyone outside the team may see it.

    ``counts`` maps (row key, column key) to a number of authorities (a missing pair is 0);
    ``rows`` and ``columns`` give the keys in the order to show. Each authority is in one
    cell: the totals are the sums. ``minimum`` overrides ``ASSESSMENT_SMALL_CELL_MIN``."""
    threshold = _threshold(minimum)
    if any(count < 0 for count in counts.values()):
        raise ValueError("Counts of authorities cannot be negative.")
    cells = _extended(counts, rows, columns)
    found = protect(cells, minimum=threshold)
    hide = found if found is not None else everything(cells)
    table = _table_2d(
        counts, rows, columns, row_labels, column_labels, hide=hide, minimum=threshold
    )
    return Table2D(table.rows, table.columns, table.total, threshold, found is None)


def _extended(counts, rows, columns) -> list[Count]:
    """The crosstab extended with its totals, as edges between row nodes and column nodes."""
    cells = []
    for row in rows:
        for column in columns:
            value = counts.get((row, column), 0)
            cells.append(Count((row, column), value, ("r", row), ("c", column), False, CELL))
    for row in rows:
        value = sum(counts.get((row, column), 0) for column in columns)
        cells.append(Count((row, _TOTAL), value, ("r", row), ("c", _TOTAL), True, TOTAL))
    for column in columns:
        value = sum(counts.get((row, column), 0) for row in rows)
        cells.append(Count((_TOTAL, column), value, ("r", _TOTAL), ("c", column), True, TOTAL))
    grand = sum(counts.get((row, column), 0) for row in rows for column in columns)
    cells.append(Count((_TOTAL, _TOTAL), grand, ("r", _TOTAL), ("c", _TOTAL), False, OVERALL))
    return cells


def _table_2d(counts, rows, columns, row_labels, column_labels, *, hide, minimum) -> Table2D:
    row_labels, column_labels = row_labels or {}, column_labels or {}
    values = {cell.key: cell.value for cell in _extended(counts, rows, columns)}

    def cell(key) -> Cell:
        return _cell(values[key], hide.get(key), minimum)

    grand = cell((_TOTAL, _TOTAL))
    grand = _with_percent(grand, values[(_TOTAL, _TOTAL)], grand)
    lines = []
    for row in rows:
        total = cell((row, _TOTAL))
        line_cells = tuple(
            _with_percent(cell((row, column)), values[(row, column)], total) for column in columns
        )
        total = _with_percent(total, values[(row, _TOTAL)], grand)
        lines.append(CrossRow(row, row_labels.get(row, row), line_cells, total))
    heads = tuple(
        Category(
            column,
            column_labels.get(column, column),
            _with_percent(cell((_TOTAL, column)), values[(_TOTAL, column)], grand),
        )
        for column in columns
    )
    return Table2D(tuple(lines), heads, grand)


# -- Numbers -----------------------------------------------------------------------------------


def unsuppressed_numbers(*, values: Sequence[int | float | Decimal]) -> NumericSummary:
    """A numeric question's answers summarised, as the team sees them."""
    return _summary(values, hide_below=0, minimum=None)


def suppressed_numbers(
    *, values: Sequence[int | float | Decimal], minimum: int | None = None
) -> NumericSummary:
    """The same outside the team: nothing but "<5" when fewer than ``minimum`` answered."""
    threshold = _threshold(minimum)
    return _summary(values, hide_below=threshold, minimum=threshold)


def _summary(values, *, hide_below: int, minimum: int | None) -> NumericSummary:
    numbers = sorted(Decimal(str(value)) for value in values)
    count = len(numbers)
    if 0 < count < hide_below:
        cell = Cell(None, small_label(hide_below), suppressed=True, percent=None, small=True)
        return NumericSummary(cell, None, None, None, None, None, minimum, True)
    cell = _shown(count)
    if not numbers:
        return NumericSummary(cell, None, None, None, None, None, minimum, False)
    if count == 1:
        lower = upper = numbers[0]
    else:
        # The inclusive method: quartiles between answers, never beyond the extremes.
        lower, _median, upper = statistics.quantiles(numbers, n=4, method="inclusive")
    return NumericSummary(
        cell,
        numbers[0],
        _tidy(lower),
        _tidy(statistics.median(numbers)),
        _tidy(upper),
        numbers[-1],
        minimum,
        False,
    )


def numbers_summary(
    *,
    count: int,
    lowest: float | Decimal | None,
    lower_quartile: float | Decimal | None,
    median: float | Decimal | None,
    upper_quartile: float | Decimal | None,
    highest: float | Decimal | None,
    mean: float | Decimal | None = None,
    protect: bool,
    minimum: int | None = None,
) -> NumericSummary:
    """A summary computed elsewhere (in SQL: ``selectors_analysis.number_summaries``), as the
    team sees it, or protected as ``suppressed_numbers`` protects one (``protect``)."""
    threshold = _threshold(minimum) if protect else None
    if threshold and 0 < count < threshold:
        cell = Cell(None, small_label(threshold), suppressed=True, percent=None, small=True)
        return NumericSummary(cell, None, None, None, None, None, threshold, True)

    def tidy(value) -> Decimal | None:
        return None if value is None or not count else _tidy(Decimal(str(value)))

    return NumericSummary(
        _shown(count),
        tidy(lowest),
        tidy(lower_quartile),
        tidy(median),
        tidy(upper_quartile),
        tidy(highest),
        threshold,
        False,
        tidy(round(mean, 2)) if mean is not None else None,
    )


def _tidy(value: Decimal) -> Decimal:
    """A computed quartile without a trail of zeros (Decimal keeps them: 2.50 -> 2.5)."""
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
