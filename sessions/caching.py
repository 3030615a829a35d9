"""HTTP caching for the public programme: ETag and Last-Modified, 304s, a server-side body cache.

A public programme response depends only on its URL, the active language, the deployed release
(settings.RELEASE) and a version: the conference's `programme_changed_at`, which
sessions/signals.py bumps on every programme edit.
So a changed programme means a new ETag and a new cache key, and nothing ever needs purging;
old entries just age out of the cache.
"""

import datetime
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date
from django.utils.translation import get_language

from conference.models import Conference

# For every public page, feed and API response: a browser or proxy may reuse it this long
# without asking again. Short, because during the meeting a room change must reach phones
# quickly; asking again is cheap (a 304).
PUBLIC_MAX_AGE = 60
# Keys never go stale (the version is part of them), so this only bounds memory use.
SERVER_CACHE_TIMEOUT = 24 * 60 * 60
# Every query parameter a public page, feed or API endpoint reads. A response to a URL with
# any other parameter is answered but not stored: otherwise `?x=1`, `?x=2`… would each fill
# the shared cache with a copy of the same page.
QUERY_PARAMETERS = frozenset({"day", "track", "kind", "room", "q", "session", "limit", "offset"})


def cached_response(
    *,
    request: HttpRequest,
    version: str,
    last_modified: datetime.datetime | None,
    render: Callable[[], HttpResponse],
    public: bool = True,
) -> HttpResponse:
    """Answer 304 when the client's copy is current, else the cached or freshly rendered body.

    `render` runs only on a cache miss; only 200 responses are stored. With `public=False`
    (a staff preview) nothing is cached, here or by the client.
    """
    if not public:
        response = render()
        add_never_cache_headers(response)
        return response
    # Parameters sorted, so that the same question asked in another order shares one copy.
    query = sorted((name, values) for name, values in request.GET.lists())
    variant = "\n".join(
        (
            request.build_absolute_uri(request.path),
            repr(query),
            get_language() or "",
            settings.RELEASE,
            version,
        )
    )
    digest = hashlib.sha256(variant.encode()).hexdigest()
    etag = f'"{digest[:32]}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None

    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is not None:
        return _with_validators(response, etag=etag, timestamp=timestamp)
    key = f"programme-response:{digest}"
    response = cache.get(key)
    if response is None:
        response = render()
        if response.status_code != 200:
            return response
        _with_validators(response, etag=etag, timestamp=timestamp)
        if not set(request.GET) <= QUERY_PARAMETERS:
            return response
        cache.set(key, response, SERVER_CACHE_TIMEOUT)
    return response


def programme_response(
    *,
    request: HttpRequest,
    conference: Conference,
    render: Callable[[], HttpResponse],
    public: bool = True,
    current_since: datetime.datetime | None = None,
) -> HttpResponse:
    """`cached_response` for anything drawn from one conference's programme.

    A page that also depends on the clock ("now and next", today's agenda) passes
    `current_since`, the moment its clock-dependent part last changed (the current minute,
    today's local midnight): the later of that and the programme's change is the version.
    """
    changed_at = conference.programme_changed_at
    if current_since is not None and current_since > changed_at:
        changed_at = current_since
    return cached_response(
        request=request,
        version=changed_at.isoformat(),
        last_modified=changed_at,
        render=render,
        public=public,
    )


def _with_validators(response: HttpResponse, *, etag: str, timestamp: int | None) -> HttpResponse:
    response.headers["ETag"] = etag
    if timestamp is not None:
        response.headers["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response
