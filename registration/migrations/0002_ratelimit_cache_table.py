# The table of the rate-limit counters when no cache server is configured
# (settings.CACHES["ratelimit"], registration.ratelimit.CounterDatabaseCache): what
# `manage.py createcachetable` would make, so that `migrate` alone sets a server up.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[
                """
                CREATE TABLE IF NOT EXISTS "ratelimit_cache" (
                    "cache_key" varchar(255) NOT NULL PRIMARY KEY,
                    "value" text NOT NULL,
                    "expires" timestamp with time zone NOT NULL
                )
                """,
                'CREATE INDEX IF NOT EXISTS "ratelimit_cache_expires" '
                'ON "ratelimit_cache" ("expires")',
            ],
            reverse_sql='DROP TABLE IF EXISTS "ratelimit_cache"',
        ),
    ]
