"""The order the suite runs in, serially and on pytest-xdist workers.

Tests that commit for real (``transaction=True``, ``transactional_db``, ``live_server``) end by
emptying their worker's database, and with it the rows the data migrations made (the Wagtail
root, home pages, locales, role groups). pytest-django therefore runs them after every other
test that uses the database, as Django does. Under pytest-xdist that only holds if each worker
gets them last too, so:

- ``order_items`` keeps pytest-django's three phases (database tests, committing tests, tests
  without the database) and, within each, groups the tests of a module (or class) together,
  the biggest first (on two cores a big module started last would keep one core busy alone);
- the multi-node tests (``multinode``: their own database, Redis, nodes and worker, no test
  database) come before everything: a minute and a half of one module that mostly waits for
  its processes, which started last kept one worker busy long after the others had finished;
- ``ModulesThenCommits`` (``--dist loadscope``) hands whole modules to workers in exactly that
  order, and makes the committing tests of a module that also has ordinary ones a unit of their
  own, handed out with the other committing tests at the end.
"""

from collections import Counter

import pytest
from pytest_django.fixtures import validate_django_db


def _scope(nodeid: str) -> str:
    # As pytest-xdist's loadscope: a module, or a class of a module.
    return nodeid.rsplit("::", 1)[0]


def _phase(item: pytest.Item) -> int:
    if item.get_closest_marker("multinode"):
        return -1
    fixtures = set(getattr(item, "fixturenames", ()))
    if {"transactional_db", "live_server"} & fixtures:
        return 1
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        return 1 if transaction or reset_sequences else 0
    return 0 if "db" in fixtures else 2


def order_items(items: list[pytest.Item]) -> None:
    phases = {item.nodeid: _phase(item) for item in items}
    sizes = Counter((phases[item.nodeid], _scope(item.nodeid)) for item in items)
    first = {}
    for index, item in enumerate(items):
        first.setdefault((phases[item.nodeid], _scope(item.nodeid)), index)

    def key(item: pytest.Item) -> tuple:
        unit = (phases[item.nodeid], _scope(item.nodeid))
        return (unit[0], -sizes[unit], first[unit])

    items.sort(key=key)


def scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ModulesThenCommits(LoadScopeScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            # The collection already comes in the order to run (order_items).
            config.option.loadscopereorder = False
            self.units: dict[str, str] = {}

        def schedule(self) -> None:
            if self.collection is None and self.registered_collections:
                collection = next(iter(self.registered_collections.values()))
                # A module met again after other modules is its committing part: a new unit.
                seen: dict[str, int] = {}
                previous = None
                for nodeid in collection:
                    scope = _scope(nodeid)
                    if scope != previous:
                        seen[scope] = seen.get(scope, -1) + 1
                        previous = scope
                    self.units[nodeid] = f"{scope}#{seen[scope]}" if seen[scope] else scope
            super().schedule()

        def _split_scope(self, nodeid: str) -> str:
            return self.units.get(nodeid) or _scope(nodeid)

    return ModulesThenCommits(config, log)
