from django.db import connection


def test_database_is_postgresql_with_the_extensions_we_rely_on(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}

    assert connection.vendor == "postgresql"
    assert {"btree_gist", "pg_trgm"} <= extensions
