"""A migrated test database kept between runs, so that a worker copies it in a second instead
of running every migration again (twenty seconds to half a minute of CPU for each pytest-xdist
worker).

- SQLite (in-memory test database): a file in the system's temporary directory.
- PostgreSQL: a database ``convive_test_tpl_<hash>`` on the server, which each worker copies
  with ``CREATE DATABASE ... TEMPLATE``. Workers take turns under an advisory lock: on a server
  that has none yet (a fresh CI service), the first worker migrates and keeps the result, and
  the others copy it instead of migrating too. Templates of other hashes are dropped.

Only where it is safe: the copy is keyed by the content of every migration of every installed
app (Convive's and the libraries'), the settings files and the Django and database versions, so
any change there builds a new one. ``--create-db`` rebuilds it, ``CONVIVE_TEST_DB_TEMPLATE=0``
turns it off, and ``--reuse-db`` (keepdb) never uses it.
"""

import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.backends.postgresql.creation import DatabaseCreation as PostgresCreation
from django.db.backends.sqlite3.creation import DatabaseCreation

SETTINGS_DIR = Path(__file__).resolve().parent.parent / "config" / "settings"
_original_create_test_db = DatabaseCreation.create_test_db
_original_create_test_db_postgres = PostgresCreation.create_test_db
# pg_advisory_lock's key for the templates (any constant no other code uses).
_POSTGRES_LOCK = 7_260_431_518


def _fingerprint(database_version: str = sqlite3.sqlite_version) -> str:
    digest = hashlib.sha256(f"{django.get_version()} {database_version}".encode())
    folders = [Path(app.path) / "migrations" for app in apps.get_app_configs()]
    files = [file for folder in [*folders, SETTINGS_DIR] for file in folder.glob("*.py")]
    for path in sorted(files):
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _template(alias: str) -> Path:
    folder = Path(tempfile.gettempdir()) / "convive-test-templates"
    folder.mkdir(exist_ok=True)
    return folder / f"{alias}-{_fingerprint()}.sqlite3"


def _create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
    connection = self.connection
    name = self._get_test_db_name()
    if (
        not self.is_in_memory_db(name)
        # A serialized copy (for serialized_rollback, which no test uses) comes from migrating.
        or serialize
        or connection.settings_dict["TEST"]["MIGRATE"] is False
        or os.environ.get("CONVIVE_TEST_DB_TEMPLATE") == "0"
    ):
        return _original_create_test_db(self, verbosity, autoclobber, serialize, keepdb)
    template = _template(connection.alias)
    if not template.exists() or os.environ.get("CONVIVE_TEST_DB_REBUILD") == "1":
        created = _original_create_test_db(self, verbosity, autoclobber, serialize, keepdb)
        # Written aside and renamed: workers that build it at once never read half a file.
        partial = template.with_suffix(f".{os.getpid()}.partial")
        with sqlite3.connect(partial) as copy:
            connection.connection.backup(copy)
        copy.close()
        os.replace(partial, template)
        return created
    # Django's create_test_db without the migrations: the copy already has them (and the rows
    # the data migrations and post_migrate handlers write).
    self._create_test_db(verbosity, autoclobber, keepdb)
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    with sqlite3.connect(template) as source:
        source.backup(connection.connection)
    source.close()
    call_command("createcachetable", database=connection.alias)
    return name


def _create_test_db_postgres(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
    connection = self.connection
    if (
        keepdb
        or serialize
        or connection.settings_dict["TEST"]["MIGRATE"] is False
        or connection.settings_dict["TEST"].get("TEMPLATE")
        or os.environ.get("CONVIVE_TEST_DB_TEMPLATE") == "0"
    ):
        return _original_create_test_db_postgres(self, verbosity, autoclobber, serialize, keepdb)
    name = self._get_test_db_name()
    with self._nodb_cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        template = f"convive_test_tpl_{_fingerprint(cursor.fetchone()[0])}"
        # Held by this connection until the block ends: one worker at a time builds or copies.
        cursor.execute("SELECT pg_advisory_lock(%s)", [_POSTGRES_LOCK])
        try:
            if os.environ.get("CONVIVE_TEST_DB_REBUILD") == "1" or not self._database_exists(
                cursor, template
            ):
                created = _original_create_test_db_postgres(
                    self, verbosity, autoclobber, serialize, keepdb
                )
                # CREATE DATABASE ... TEMPLATE needs the source without connections.
                connection.close()
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    ["convive\\_test\\_tpl\\_%"],
                )
                for (old,) in cursor.fetchall():
                    cursor.execute(f"DROP DATABASE IF EXISTS {self._quote_name(old)}")
                cursor.execute(
                    f"CREATE DATABASE {self._quote_name(template)}"
                    f" TEMPLATE {self._quote_name(name)}"
                )
                connection.ensure_connection()
                return created
            if verbosity >= 1:
                self.log(f"Copying test database {template} to {name}...")
            cursor.execute(f"DROP DATABASE IF EXISTS {self._quote_name(name)}")
            cursor.execute(
                f"CREATE DATABASE {self._quote_name(name)} TEMPLATE {self._quote_name(template)}"
            )
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_POSTGRES_LOCK])
    # Django's create_test_db without the migrations, as for SQLite above.
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    call_command("createcachetable", database=connection.alias)
    connection.ensure_connection()
    return name


def install(*, rebuild: bool) -> None:
    if rebuild:
        os.environ["CONVIVE_TEST_DB_REBUILD"] = "1"
    DatabaseCreation.create_test_db = _create_test_db
    PostgresCreation.create_test_db = _create_test_db_postgres
