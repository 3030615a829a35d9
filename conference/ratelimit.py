"""A small fixed-window rate limiter, counting in a cache of its own: CACHES["ratelimit"].

The counts must be shared by every app process (counting alone, four workers accept four
times the limit) and kept apart from the stored pages, whose churn would evict them. The
settings point the alias at RATELIMIT_CACHE_URL, else the shared cache server (CACHE_URL)
under its own key prefix, else a table in PostgreSQL (CounterDatabaseCache); in development,
one process, at a local-memory cache of its own. add() and incr() are atomic in each.
"""

import base64
import pickle

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


def ratelimit_hit(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for (scope, key); True while at most `limit` hits fell in this window."""
    counters = caches["ratelimit"]
    cache_key = f"ratelimit:{scope}:{key}"
    # add() only sets a missing key, so the window starts with the first hit and the
    # expiry is not pushed back by later ones.
    if counters.add(cache_key, 1, timeout=window_seconds):
        return True
    try:
        count = counters.incr(cache_key)
    except ValueError:
        # The key expired between add() and incr(): this hit opens a new window.
        counters.add(cache_key, 1, timeout=window_seconds)
        return True
    return count <= limit


class CounterDatabaseCache(DatabaseCache):
    """Django's database cache, with an incr() that processes can share.

    Django's own reads the value and writes it back under the default timeout: two
    processes counting at once lose hits, and every hit moves the window's end. This one
    locks the row, and changes the value only.
    """

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value FROM {table} WHERE cache_key = %s AND expires > %s FOR UPDATE",
                [key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, key])
        return value
