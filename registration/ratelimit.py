"""A small fixed-window rate limiter on Django's cache.

Counts live in the default cache. In production CACHE_URL points at a shared cache (Redis),
so every app process sees the same counts; the local-memory default counts per process.
"""

from django.core.cache import cache
from django.http import HttpRequest


def ratelimit_hit(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for (scope, key); True while at most `limit` hits fell in this window."""
    cache_key = f"ratelimit:{scope}:{key}"
    # add() only sets a missing key, so the window starts with the first hit and the
    # expiry is not pushed back by later ones.
    if cache.add(cache_key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The key expired between add() and incr(): this hit opens a new window.
        cache.add(cache_key, 1, timeout=window_seconds)
        return True
    return count <= limit


def client_address(request: HttpRequest) -> str:
    """The client's address as the app server sees it (the proxy must set REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "unknown")
