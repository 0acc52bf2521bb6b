"""Migration 0008 indexes, on SQLite, the practices published before it: their title, summary
and the folded text the entries kept until migration 0009 (PostgreSQL keeps its vectors and
gets no table)."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.http import QueryDict

from practice_search.models import PracticeSearchEntry
from practice_search.services import SEARCH_TEXT_TABLE
from practices.search import practice_search

from .builders import practice

pytestmark = pytest.mark.django_db

migration = importlib.import_module("practice_search.migrations.0008_sqlite_text_index")


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def _schema_editor():
    cursor = connection.cursor()
    return SimpleNamespace(connection=connection, execute=cursor.execute)


def test_practices_published_before_the_index_are_found_through_it(directory):
    practice(directory["es"], slug="retorno", title="Oficina municipal", summary="Acogida.")
    if connection.vendor != "sqlite":
        migration.create_sqlite_text_index(apps, _schema_editor())
        assert SEARCH_TEXT_TABLE not in _tables()
        return
    entries = PracticeSearchEntry._meta.db_table
    with connection.cursor() as cursor:
        # The database as migration 0007 left it: no index, the folded text on the entries.
        cursor.execute(f"DROP TABLE {SEARCH_TEXT_TABLE}")
        cursor.execute(f"ALTER TABLE {entries} ADD COLUMN folded_text text NOT NULL DEFAULT ''")
        cursor.execute(
            f"UPDATE {entries} SET folded_text = 'oficina municipal para personas retornadas'"  # noqa: S608
        )

    migration.create_sqlite_text_index(apps, _schema_editor())

    found = practice_search(params=QueryDict("q=retorno"), language="es")
    assert [item.title for item in found.items] == ["Oficina municipal"]
    migration.drop_sqlite_text_index(apps, _schema_editor())
    assert SEARCH_TEXT_TABLE not in _tables()
