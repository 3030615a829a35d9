import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection

from conference.ratelimit import CounterDatabaseCache, ratelimit_hit
from tests.plenary.test_settings import manage

# Two app processes counting against the database cache, as gunicorn's workers do without a
# shared cache server. Each waits for a line on stdin, so both start together.
HITS = 100
WORKER = f"""
import sys
import django
django.setup()
from conference.ratelimit import ratelimit_hit
sys.stdin.readline()
hits = [ratelimit_hit(scope="apply", key="203.0.113.7", limit=10, window_seconds=3600)
        for _n in range({HITS})]
print(sum(hits))
"""


def test_ratelimit_hit_allows_up_to_the_limit():
    hits = [ratelimit_hit(scope="test", key="a", limit=3, window_seconds=60) for _n in range(4)]

    assert hits == [True, True, True, False]


def test_ratelimit_hit_counts_keys_and_scopes_apart():
    for _n in range(3):
        ratelimit_hit(scope="test", key="a", limit=3, window_seconds=60)

    assert ratelimit_hit(scope="test", key="b", limit=3, window_seconds=60)
    assert ratelimit_hit(scope="other", key="a", limit=3, window_seconds=60)


def test_ratelimit_counts_survive_the_page_cache_being_emptied():
    for _n in range(3):
        ratelimit_hit(scope="test", key="a", limit=3, window_seconds=60)

    cache.clear()

    assert not ratelimit_hit(scope="test", key="a", limit=3, window_seconds=60)


def test_processes_sharing_the_database_cache_count_together(transactional_db):
    database = connection.settings_dict
    host = database["HOST"] or database["OPTIONS"].get("host", "")
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{quote(database['USER'])}:{quote(database['PASSWORD'] or '')}@"
            f"/{database['NAME']}?host={host}&port={database['PORT'] or 5432}"
        ),
        "RATELIMIT_CACHE_URL": "dbcache://ratelimit_cache",
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=settings.BASE_DIR,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _n in range(2)
    ]
    counters = CounterDatabaseCache("ratelimit_cache", {})
    try:
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        outputs = [worker.communicate(timeout=60)[0] for worker in workers]
        count = counters.get("ratelimit:apply:203.0.113.7")
    finally:
        counters.clear()

    assert sum(int(output.split()[-1]) for output in outputs) == 10
    # Not a hit lost between the two: each increment saw the other's.
    assert count == 2 * HITS


def test_database_cache_increment_keeps_the_window_of_the_first_hit(db, settings):
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "conference.ratelimit.CounterDatabaseCache",
            "LOCATION": "ratelimit_cache",
        },
    }
    counters = caches["ratelimit"]
    counters.add("window", 1, timeout=3600)

    assert counters.incr("window") == 2
    assert counters.incr("window", 5) == 7
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires - now() FROM ratelimit_cache WHERE cache_key LIKE '%window'")
        remaining = cursor.fetchone()[0]
    assert remaining.total_seconds() > 3500
    with pytest.raises(ValueError, match="not found"):
        counters.incr("never-added")


def ratelimit_cache_setting(**variables: str) -> str:
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "c = settings.CACHES['ratelimit']; print(c['BACKEND'], c.get('LOCATION'), "
        "c.get('KEY_PREFIX', ''))",
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="plenary.example.org",
        **variables,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


def test_production_counts_in_the_shared_cache_servers_own_namespace():
    assert ratelimit_cache_setting(CACHE_URL="redis://cache:6379/1") == (
        "django.core.cache.backends.redis.RedisCache redis://cache:6379/1 ratelimit"
    )


def test_production_without_a_cache_server_counts_in_the_database():
    assert ratelimit_cache_setting() == (
        "conference.ratelimit.CounterDatabaseCache ratelimit_cache "
    )


def test_production_may_name_its_own_counter_store():
    assert ratelimit_cache_setting(
        CACHE_URL="redis://cache:6379/1", RATELIMIT_CACHE_URL="redis://counters:6379/0"
    ) == ("django.core.cache.backends.redis.RedisCache redis://counters:6379/0 ")
