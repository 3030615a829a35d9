from django.db import connection

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
