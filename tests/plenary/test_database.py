import psycopg
import pytest
from django.core.signals import request_finished, request_started
from django.db import NotSupportedError, connection

from conference.models import Conference


def test_database_is_postgresql_with_the_extensions_we_rely_on(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}

    assert connection.vendor == "postgresql"
    assert {"btree_gist", "pg_trgm"} <= extensions


def test_a_statement_run_five_times_on_a_connection_is_prepared(db):
    """Server-side binding with psycopg's prepared statements (settings.DATABASES): PostgreSQL
    parses and plans a repeated statement once per connection, with its values apart
    (docs/performance.md, "Prepared statements")."""
    for _ in range(6):
        list(Conference.objects.filter(slug="no-such-conference"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]

    assert [
        sql for sql in prepared if 'FROM "conference_conference"' in sql and '"slug" = $1' in sql
    ]


@pytest.mark.django_db(transaction=True)
def test_a_statement_prepared_before_a_column_changed_type_fails_only_once():
    """A migration widening a column, while an instance with that column's statement
    prepared keeps serving (an update migrates before it restarts the instances): the
    request that meets the changed type fails, and the connection is closed at its end, so
    the next request prepares the statement anew (plenary/postgresql/base.py)."""
    other = psycopg.connect(**connection.get_connection_params() | {"autocommit": True})
    other.execute("CREATE TABLE plenary_probe (id integer, name varchar(10))")
    try:
        other.execute("INSERT INTO plenary_probe VALUES (1, 'probe')")

        def read() -> list:
            with connection.cursor() as cursor:
                cursor.execute("SELECT id, name FROM plenary_probe WHERE id = %s", [1])
                return cursor.fetchall()

        for _ in range(6):
            read()
        other.execute("ALTER TABLE plenary_probe ALTER COLUMN name TYPE varchar(20)")
        request_started.send(sender=None)
        with pytest.raises(NotSupportedError, match="cached plan must not change result type"):
            read()
        request_finished.send(sender=None)

        request_started.send(sender=None)
        assert read() == [(1, "probe")]
        request_finished.send(sender=None)
    finally:
        other.execute("DROP TABLE plenary_probe")
        other.close()
