"""Expensive test data built once for a whole module (or class) instead of once per test.

Like Django's ``TestCase.setUpTestData``: the data is created inside a transaction that stays
open while the module's tests run and is rolled back after the last one. Each test still runs
in a savepoint of its own (pytest-django's ``db``), so whatever a test changes in the database
is undone before the next one, and the tests may run in any order (or on any pytest-xdist
worker: each worker builds the data once for the tests it runs). Objects are shared in memory:
a test must not change the ones it is given without saving, or the next test sees the change.

    def _world() -> dict:
        return {"home": ...}

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        yield from built_once(django_db_blocker, _world)

Data with files (the demo's pictures) is built into the module's own media folder: pass
``media=module_media`` and mark the module ``module_media``, so every test of it finds them.

Tests that use such a fixture need the ``django_db`` mark, never ``transaction=True`` (whose
flush would empty the shared data, and whose commits would outlive it).
"""

from collections.abc import Callable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import TypeVar

from django.db import transaction
from django.test import override_settings

T = TypeVar("T")


def built_once(
    django_db_blocker, build: Callable[[], T], *, media: Path | None = None
) -> Iterator[T]:
    files = nullcontext() if media is None else override_settings(MEDIA_ROOT=str(media))
    with files:
        yield from _built_once(django_db_blocker, build)


def _built_once(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            data = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
