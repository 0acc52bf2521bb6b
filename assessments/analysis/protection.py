"""Which counts to hide so that no "<5" count of a table can be told (``protect``).

What a reader knows is modelled exactly: every count and total that is shown, every "<5" count
between 1 and ``minimum - 1``, every "hidden" count at least ``minimum`` (all smaller non-zero
counts are already "<5"). The shown and hidden values satisfy one linear equation per row and
per column of the table extended with its totals; with the totals counted negatively, every row
and column of the extended table sums to zero, which makes the counts the edges of a bipartite
graph whose nodes are the rows and the columns (a distribution is the same with one row node
and one column node, its counts and its total as parallel edges).

A hidden count keeps more than one possible value exactly when it lies on a cycle of hidden
counts along which one unit can be moved (added to one, taken from the next, and so on) without
leaving any count's bounds: a cycle in the "residual" graph of network flows. Any other
solution differs from the true one by a sum of such cycles, each of which can be applied alone
(conformal decomposition), so no cycle means one value. ``protect`` hides, for each "<5" count
no such cycle passes through, the cheapest counts that close one (Dijkstra: hidden counts cost
nothing, then the fewest row or column totals, then the smallest sum; never the overall total,
which readers know from the response rate), until none is pinned. Adding hidden counts only
adds arcs, so a protected count stays protected. When nothing can protect a count (a "<5" of 1
beside a 5, out of 6), the caller withholds the whole table.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass

SMALL, HIDDEN = "small", "hidden"  # how a count is hidden: "<5", or "hidden"
CELL, TOTAL, OVERALL = 0, 1, 2  # what a count is (see Count.cost)


@dataclass(frozen=True)
class Count:
    """A count as an edge of the table's graph: ``tail`` is its row node, ``head`` its column
    node. A total is counted negatively (``margin``), so every node's edges sum to zero.
    ``cost`` ranks what may be hidden to protect a cell: 0 a cell, 1 a row's or a column's
    total; ``OVERALL`` (the overall total, or a distribution's) is never hidden to protect
    another count: readers know it from the response rate and the figure's notes."""

    key: object
    value: int
    tail: object
    head: object
    margin: bool
    cost: int


def _moves(value: int, how: str, minimum: int) -> tuple[bool, bool]:
    """Whether a hidden count may be one more, and one less, as far as a reader can tell:
    "<5" cells lie between 1 and minimum - 1, "hidden" ones are at least ``minimum``."""
    if how == SMALL:
        return value < minimum - 1, value > 1
    return True, value > minimum


def _arcs(var: Count, how: str, minimum: int) -> list[tuple[object, object]]:
    up, down = _moves(var.value, how, minimum)
    if var.margin:  # counted negatively: one more is one less on the edge
        up, down = down, up
    arcs = []
    if up:
        arcs.append((var.tail, var.head))
    if down:
        arcs.append((var.head, var.tail))
    return arcs


def _pinned(index: int, cells: list[Count], hide: Mapping[int, str], minimum: int) -> bool:
    """Whether a reader can tell the hidden ``cells[index]``'s value: no residual cycle
    passes through it."""
    graph: dict[object, list[object]] = {}
    for other, how in hide.items():
        if other != index:
            for start, end in _arcs(cells[other], how, minimum):
                graph.setdefault(start, []).append(end)
    for start, end in _arcs(cells[index], hide[index], minimum):
        seen, stack = {end}, [end]
        while stack:
            node = stack.pop()
            if node == start:
                return False
            for following in graph.get(node, ()):
                if following not in seen:
                    seen.add(following)
                    stack.append(following)
    return True


def _cheapest_cover(
    index: int, cells: list[Count], hide: Mapping[int, str], minimum: int
) -> list[int] | None:
    """The cheapest cells to hide so that a cycle passes through ``cells[index]`` (Dijkstra;
    hidden cells cost nothing, then the fewest totals, then the smallest sum)."""
    graph: dict[object, list[tuple[object, tuple[int, int], int]]] = {}
    for other, var in enumerate(cells):
        if other == index:
            continue
        if other in hide:
            cost, how = (0, 0), hide[other]
        elif var.value > 0 and var.cost < OVERALL:
            cost, how = (var.cost, var.value), HIDDEN
        else:
            continue
        for start, end in _arcs(var, how, minimum):
            graph.setdefault(start, []).append((end, cost, other))
    best: tuple[tuple[int, int], list[int]] | None = None
    for start, end in _arcs(cells[index], hide[index], minimum):
        found = _shortest(graph, source=end, target=start)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    if best is None:
        return None
    return [other for other in best[1] if other not in hide]


def _shortest(graph, *, source, target):
    queue: list = [((0, 0), 0, source)]
    through: dict[object, tuple[object, int]] = {}
    done: set = set()
    order = 0
    distances = {source: (0, 0)}
    while queue:
        distance, _order, node = heapq.heappop(queue)
        if node in done:
            continue
        done.add(node)
        if node == target:
            path = []
            while node != source:
                node, edge = through[node]
                path.append(edge)
            return distance, path
        for following, cost, edge in graph.get(node, ()):
            candidate = tuple(a + b for a, b in zip(distance, cost, strict=True))
            if following not in distances or candidate < distances[following]:
                distances[following] = candidate
                through[following] = (node, edge)
                order += 1
                heapq.heappush(queue, (candidate, order, following))
    return None


def protect(cells: list[Count], *, minimum: int) -> dict[object, str] | None:
    """Which counts to hide, by key ("small" or "hidden"), so that no "<5" count can be
    told; None when no choice of cells protects them (the table is then withheld)."""
    hide = {index: SMALL for index, count in enumerate(cells) if 0 < count.value < minimum}
    while True:
        pinned = [
            index
            for index, how in hide.items()
            if how == SMALL and _pinned(index, cells, hide, minimum)
        ]
        if not pinned:
            return {cells[index].key: how for index, how in hide.items()}
        cover = _cheapest_cover(pinned[0], cells, hide, minimum)
        if cover is None:
            return None
        hide.update(dict.fromkeys(cover, HIDDEN))


def everything(cells: list[Count]) -> dict[object, str]:
    """A withheld table: every count is hidden, zeros too (it is the zeros shown that pin the
    rest: with minimum 3, two "<3" counts and a "<3" total can only be 1, 1 and 2)."""
    return dict.fromkeys((var.key for var in cells), HIDDEN)
