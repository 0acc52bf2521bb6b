"""SQLite: an FTS5 table of each search entry's heading and body (rowid: the entry's page id),
filled from the entries there are; PostgreSQL keeps its tsvector column and does nothing here."""

from django.db import migrations

TABLE = "practice_search_text"


def create_sqlite_text_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
        "heading, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    # The entries keep their title and summary (the heading) and, until the next migration,
    # the folded text of heading and body: enough to find them until each is republished or
    # `manage.py rebuild_practice_search` writes their full texts.
    schema_editor.execute(
        f"INSERT INTO {TABLE} (rowid, heading, body) "
        "SELECT page_id, title || ' ' || summary, folded_text "
        "FROM practice_search_practicesearchentry"
    )


def drop_sqlite_text_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):

    dependencies = [
        ("practice_search", "0007_entry_card"),
    ]

    operations = [
        migrations.RunPython(create_sqlite_text_index, drop_sqlite_text_index),
    ]
