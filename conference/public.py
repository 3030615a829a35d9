"""What every public page shares: published conferences only (programme staff get a preview),
times in the conference's own zone, the language asked for (pages: their address's prefix;
feeds and the API: `?lang=`, else Accept-Language), and HTTP caching with ETags, 304s and a
server-side body cache.

A public response depends only on its URL, the active language, the deployed release
(settings.RELEASE) and a version the caller passes (the programme's `programme_changed_at`,
the delegations' last change...). So a change means a new ETag and a new cache key, and
nothing ever needs purging; old entries just age out of the cache.
"""

import datetime
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _

from conference.languages import redirect_to_offered_language
from conference.models import Conference
from conference.selectors import conference_get

# For every public page, feed and API response: a browser or proxy may reuse it this long
# without asking again. Short, because during the meeting a room change must reach phones
# quickly; asking again is cheap (a 304).
PUBLIC_MAX_AGE = 60
# Keys never go stale (the version is part of them), so this only bounds memory use.
SERVER_CACHE_TIMEOUT = 24 * 60 * 60
# How many versions of one address, differing only in their query strings, are stored for one
# version of its content: more than the days, filters, pages and languages visitors ask for,
# and few enough that `?day=2023-08-30`, `?day=2023-8-30`, `?offset=01`… cannot fill the
# shared cache with copies of one page. Past it, such a request is answered, not stored.
MAX_STORED_VARIANTS = 200
# `?lang=fr` asks a feed or the API for a response in French, whatever the Accept-Language
# header says: for a calendar subscription or a link that must keep its language. Pages name
# their language in their address instead (/fr/…).
LANGUAGE_PARAMETER = "lang"
# Who may see what is not yet published: those who may see the programme in the admin.
PREVIEW_PERMISSION = "programme.view_session"


def can_preview(
    user: AbstractBaseUser | AnonymousUser, conference: Conference | None = None
) -> bool:
    """Whether `user` sees unpublished conferences and sessions, as a preview: of every
    conference with the permission given the stock way, of `conference` also with a role in it
    that may view the programme (conference.roles). The one place for this rule."""
    if not user.is_authenticated:
        return False
    # Django's ModelBackend answers for no object, the roles' backend for a conference only.
    return user.has_perm(PREVIEW_PERMISSION) or (
        conference is not None and user.has_perm(PREVIEW_PERMISSION, conference)
    )


# Compressed once when stored, then served as stored: a hit costs no compression. Brotli at
# quality 5 compresses the whole programme (470 kB) in a few ms, close to its best size.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/javascript")
# Smaller bodies are sent as they are: compressing them saves less than its headers.
MIN_COMPRESSED_SIZE = 512
# While one request renders a page that is missing, the others serve the page's previous
# version if there is one (stale while revalidate), else wait for the render this long at
# most (then render it themselves): 200 requests after an edit make one render.
RENDER_LOCK_TIMEOUT = 30
RENDER_WAIT_SECONDS = 10.0
RENDER_POLL_SECONDS = 0.02


def accepted_encoding(request: HttpRequest) -> str:
    """ "br", "gzip" or "" (none): the best encoding the client accepts."""
    header = request.headers.get("Accept-Encoding", "")
    if not header:
        return ""
    accepted = set()
    for item in header.split(","):
        name, _sep, parameters = item.strip().partition(";")
        quality = parameters.strip().removeprefix("q=").strip()
        if quality and quality.replace(".", "").strip("0") == "":
            continue  # q=0: refused
        accepted.add(name.strip().lower())
    for encoding in ("br", "gzip"):
        if encoding in accepted or "*" in accepted:
            return encoding
    return ""


def _compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        import brotli

        return brotli.compress(body, quality=BROTLI_QUALITY)
    import gzip

    # mtime=0: the same body gives the same bytes, whichever process compressed it.
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def _compressible(response: HttpResponse) -> bool:
    """Whether a public response is worth compressing and safe to: a text of some size that
    sets no cookie (a secret beside the body would let BREACH learn it)."""
    return (
        response.headers.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and len(response.content) >= MIN_COMPRESSED_SIZE
        and not response.cookies
    )


def _stored_entry(response: HttpResponse) -> dict:
    """What is stored of a rendered 200: its body and the headers that describe it."""
    return {
        "body": response.content,
        "headers": [
            (name, value)
            for name, value in response.headers.items()
            if name.lower()
            not in {"content-length", "etag", "last-modified", "cache-control", "vary"}
        ],
        "compressible": _compressible(response),
    }


def _from_entry(entry: dict, body: bytes, encoding: str) -> HttpResponse:
    response = HttpResponse(body)
    for name, value in entry["headers"]:
        response.headers[name] = value
    if entry["compressible"]:
        patch_vary_headers(response, ["Accept-Encoding"])
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Content-Length"] = str(len(body))
    return response


# Stored entries never change under their key (it holds the version), so each process keeps
# the last ones it read, unpickled: a hit then copies no body out of the cache. Bounded by
# their total size.
LOCAL_ENTRIES_MAX_BYTES = 32 * 1024 * 1024
_local_entries: "OrderedDict[str, dict]" = OrderedDict()
_local_lock = threading.Lock()
_local_size = 0


def _entry_get(key: str) -> dict | None:
    global _local_size
    entry = _local_entries.get(key)
    if entry is not None:
        return entry
    entry = cache.get(key)
    if entry is not None:
        with _local_lock:
            if key not in _local_entries:
                _local_entries[key] = entry
                _local_size += len(entry["body"])
                while _local_size > LOCAL_ENTRIES_MAX_BYTES and len(_local_entries) > 1:
                    _old_key, old = _local_entries.popitem(last=False)
                    _local_size -= len(old["body"])
    return entry


def forget_local_entries() -> None:
    """Empty this process's copies (tests do, with the cache)."""
    global _local_size
    with _local_lock:
        _local_entries.clear()
        _local_size = 0


def _page_identity(request: HttpRequest) -> str:
    """What a public response depends on besides its version: address, query, language,
    release."""
    # Parameters sorted, so that the same question asked in another order shares one copy.
    query = sorted((name, values) for name, values in request.GET.lists())
    return "\n".join(
        (
            request.build_absolute_uri(request.path),
            repr(query),
            get_language() or "",
            settings.RELEASE,
        )
    )


# A stored page served with no database query: the conference's programme version is kept
# in the cache under its slug (bumped, i.e. deleted, on every change: sessions/signals.py),
# and each stored page under its address with the version it was made for. With a cache of
# its own per process (locmem) a change made in another process reaches this one when the
# kept version expires: this long at most, less than browsers keep a page (PUBLIC_MAX_AGE).
CONFERENCE_VERSION_TIMEOUT = 10


def _conference_version_key(slug: str) -> str:
    return f"public-conference-version:{slug}"


def _page_alias_key(page: str) -> str:
    """Where a page's address leads to its stored response: (slug, programme version, key)."""
    return "public-page:" + hashlib.sha256(page.encode()).hexdigest()


def remember_conference_version(slug: str, version: str) -> None:
    cache.set(_conference_version_key(slug), version, CONFERENCE_VERSION_TIMEOUT)


def forget_conference_versions(slugs: Iterable[str]) -> None:
    """After a change: the next request for each conference reads its version from the
    database again."""
    cache.delete_many([_conference_version_key(slug) for slug in slugs])


def _may_have_preview(request: HttpRequest) -> bool:
    # Only signed-in staff get previews, and they carry a session cookie.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _carries_a_secret(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the render used the visitor's CSRF token (a form): such a page is the visitor's
    own and carries a secret, so it is neither stored nor compressed (BREACH) nor kept by any
    cache. Public pages have no form that posts; this keeps it so."""
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        add_never_cache_headers(response)
        return True
    return False


def stored_page(request: HttpRequest, *, slug: str) -> HttpResponse | None:
    """The stored public response for this request if it is current, with no database
    query; None when that cannot be told without the database (then the view runs)."""
    if request.method not in ("GET", "HEAD") or _may_have_preview(request):
        return None
    # Both in one round trip to a shared cache (Redis: one MGET): a hit costs no other.
    version_key = _conference_version_key(slug)
    alias_key = _page_alias_key(_page_identity(request))
    found = cache.get_many([version_key, alias_key])
    version, alias = found.get(version_key), found.get(alias_key)
    if version is None or alias is None or alias[0] != slug or alias[1] != version:
        return None
    entry = _entry_get(alias[2])
    if entry is None:
        return None
    return _serve(request, entry=entry, key=alias[2], base_etag=entry["etag"])


def stored_first(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the stored response (`stored_page`) before the view runs, for a view of one
    conference named by its `conference` slug (feeds and API: inside `in_requested_language`,
    which sets the language the stored copy is keyed on)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        stored = stored_page(request, slug=kwargs.get("conference", ""))
        return stored if stored is not None else view(request, *args, **kwargs)

    return wrapper


def cached_response(
    *,
    request: HttpRequest,
    version: str,
    last_modified: datetime.datetime | None,
    render: Callable[[], HttpResponse],
    public: bool = True,
    conference_slug: str = "",
    conference_version: str = "",
    parameters: Collection[str] = (),
) -> HttpResponse:
    """Answer 304 when the client's copy is current, else the cached or freshly rendered body,
    compressed with Brotli or gzip when the client accepts it.

    `render` runs only on a cache miss, once however many requests miss together (the others
    get the previous version meanwhile, or wait); only 200 responses without a CSRF token are
    stored. With
    `public=False` (a staff preview) nothing is cached, here or by the client.

    `parameters` are the query parameters the response depends on. A request with any other
    (`?q=` on the agenda, `?utm_source=`) is answered but not stored: each such URL would be
    one more copy of the same page. Nor is any past the address's `MAX_STORED_VARIANTS`.

    With `conference_slug` and `conference_version` (the conference's programme version, when
    the page depends on nothing else) the stored page is also found by `stored_page`, before
    the view looks anything up.

    Compression and BREACH: only public responses are compressed, and they carry no secret
    (no CSRF token, no personal data, nothing from the request but its address and language),
    so a length-based attack has nothing to learn. A render that used the CSRF token is sent
    as it is, never stored or compressed (`_carries_a_secret`).
    """
    if not public:
        response = render()
        add_never_cache_headers(response)
        return response
    page = _page_identity(request)
    digest = hashlib.sha256(f"{page}\n{version}".encode()).hexdigest()
    encoding = accepted_encoding(request)
    base_etag = digest[:32]
    timestamp = int(last_modified.timestamp()) if last_modified else None

    # Each encoding is another representation, with its own ETag.
    etag = f'"{base_etag}-{encoding}"' if encoding else f'"{base_etag}"'
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is not None:
        return _not_modified(response, etag=etag, timestamp=timestamp)
    key = f"public-response:{digest}"
    entry = _entry_get(key)
    if entry is None:
        if not set(request.GET) <= set(parameters) or not _another_variant_allowed(
            request, version=version
        ):
            response = render()
            if response.status_code == 200 and not _carries_a_secret(request, response):
                _with_validators(response, etag=f'"{base_etag}"', timestamp=timestamp)
            return response
        entry, stale = _render_once(
            request, key=key, page=page, render=render, etag=base_etag, timestamp=timestamp
        )
        if isinstance(entry, HttpResponse):
            return entry  # not a 200: answered, not stored
        if stale:
            # The previous version, while another request renders this one.
            base_etag, key = entry["etag"], entry["key"]
    else:
        stale = False
    if conference_slug and conference_version and not stale:
        remember_conference_version(conference_slug, conference_version)
        cache.set(
            _page_alias_key(page),
            (conference_slug, conference_version, key),
            SERVER_CACHE_TIMEOUT,
        )
    # Checked again against the entry: one stored uncompressed (too small, not a text) is sent
    # with its plain ETag whatever the client accepts, and that is the one it sends back.
    return _serve(request, entry=entry, key=key, base_etag=base_etag)


def _another_variant_allowed(request: HttpRequest, *, version: str) -> bool:
    """Count one more stored query string for this address and version: False past
    MAX_STORED_VARIANTS. The bare address is always stored."""
    if not request.GET:
        return True
    address = f"{request.build_absolute_uri(request.path)}\n{version}\n{settings.RELEASE}"
    counter = "public-variants:" + hashlib.sha256(address.encode()).hexdigest()
    cache.add(counter, 0, SERVER_CACHE_TIMEOUT)
    try:
        return cache.incr(counter) <= MAX_STORED_VARIANTS
    except ValueError:  # evicted between add and incr: count afresh
        return True


def _serve(request: HttpRequest, *, entry: dict, key: str, base_etag: str) -> HttpResponse:
    """A stored entry as the response, in the encoding the client accepts (compressed once,
    kept beside the body); a 304 when the client's copy is current."""
    encoding = accepted_encoding(request) if entry["compressible"] else ""
    etag = f'"{base_etag}-{encoding}"' if encoding else f'"{base_etag}"'
    timestamp = entry["timestamp"]
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is not None:
        return _not_modified(response, etag=etag, timestamp=timestamp)
    body = entry["body"]
    if encoding:
        # This process's copy of the entry keeps the compressed bodies it served.
        body = entry.get(encoding) or cache.get(f"{key}:{encoding}")
        if body is None:
            body = _compress(entry["body"], encoding)
            cache.set(f"{key}:{encoding}", body, SERVER_CACHE_TIMEOUT)
        entry[encoding] = body
    response = _from_entry(entry, body, encoding)
    return _with_validators(response, etag=etag, timestamp=timestamp)


def _render_once(
    request: HttpRequest,
    *,
    key: str,
    page: str,
    render: Callable[[], HttpResponse],
    etag: str,
    timestamp: int | None,
) -> tuple[dict | HttpResponse, bool]:
    """The stored entry for `key`, rendered by this request if no other is rendering it.

    Returns (entry, stale): stale when the entry is the page's previous version, served while
    another request renders the new one. A response that is not a 200, or that carries the
    visitor's CSRF token, comes back as is.
    """
    latest = "public-latest:" + hashlib.sha256(page.encode()).hexdigest()
    lock = f"{key}:rendering"
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while not cache.add(lock, 1, RENDER_LOCK_TIMEOUT):
        # Another request renders it: the previous version now, else wait for this one.
        previous_key = cache.get(latest)
        if previous_key and previous_key != key:
            previous = cache.get(previous_key)
            if previous is not None:
                return previous, True
        time.sleep(RENDER_POLL_SECONDS)
        entry = cache.get(key)
        if entry is not None:
            return entry, False
        if time.monotonic() > deadline:
            break  # the other render failed or hangs: render it here
    try:
        entry = cache.get(key)  # finished between our miss and taking the lock
        if entry is not None:
            return entry, False
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code != 200 or _carries_a_secret(request, response):
            return response, False
        entry = {**_stored_entry(response), "etag": etag, "timestamp": timestamp, "key": key}
        cache.set(key, entry, SERVER_CACHE_TIMEOUT)
        cache.set(latest, key, SERVER_CACHE_TIMEOUT)
        return entry, False
    finally:
        cache.delete(lock)


def _not_modified(response: HttpResponse, *, etag: str, timestamp: int | None) -> HttpResponse:
    # A 304 says what the full response varies with (RFC 9110, 15.4.5), so that a cache keeps
    # each encoding apart; saying it of a page never compressed costs nothing.
    patch_vary_headers(response, ["Accept-Encoding"])
    return _with_validators(response, etag=etag, timestamp=timestamp)


def _with_validators(response: HttpResponse, *, etag: str, timestamp: int | None) -> HttpResponse:
    response.headers["ETag"] = etag
    if timestamp is not None:
        response.headers["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def requested_language(request: HttpRequest) -> str | None:
    """The offered language `?lang=` asks for (`fr-CA` reads as `fr`); None without `?lang=`.

    Raises ValidationError when it names no language offered (settings.LANGUAGES).
    """
    asked = request.GET.get(LANGUAGE_PARAMETER)
    if asked is None:
        return None
    try:
        return get_supported_language_variant(asked.strip())
    except LookupError:
        raise ValidationError(
            _("“%(value)s” is not a language offered here. Choose one of: %(offered)s."),
            code="invalid_choice",
            params={
                "value": asked,
                "offered": ", ".join(code for code, _name in settings.LANGUAGES),
            },
        ) from None


def _plain_bad_request(error: ValidationError) -> HttpResponse:
    return HttpResponseBadRequest(
        " ".join(error.messages), content_type="text/plain; charset=utf-8"
    )


def in_requested_language(
    bad_request: Callable[[ValidationError], HttpResponse] = _plain_bad_request,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Run the view in the language `?lang=` asks for, else in the one LocaleMiddleware chose
    from Accept-Language; `bad_request` answers an unknown `?lang=`. For the addresses without
    a language prefix: feeds, frab and the API.

    Texts then come in that language (Translated fields fall back to the conference's main
    one), and so do cache keys and ETags, which include the active language.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            try:
                language = requested_language(request)
            except ValidationError as error:
                return bad_request(error)
            if language is None:
                return view(request, *args, **kwargs)
            with translation.override(language):
                request.LANGUAGE_CODE = language
                response = view(request, *args, **kwargs)
                # A TemplateResponse renders lazily, after this block would have ended.
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            response.headers["Content-Language"] = language
            return response

        return wrapper

    return decorator


def _compress_unstored(request: HttpRequest, response: HttpResponse, *, preview: bool) -> None:
    """Compress, as it is sent, a public page that is not stored (search, "My agenda": every
    query a page of its own), with the same rules as a stored one. A stored response has its
    ETag, and is already compressed for the client when it should be."""
    if (
        preview
        or response.status_code != 200
        or response.streaming
        or response.has_header("ETag")
        or response.has_header("Content-Encoding")
        or not _compressible(response)
        or _carries_a_secret(request, response)
    ):
        return
    patch_vary_headers(response, ["Accept-Encoding"])
    encoding = accepted_encoding(request)
    if encoding:
        response.content = _compress(response.content, encoding)
        response.headers["Content-Encoding"] = encoding
        response.headers["Content-Length"] = str(len(response.content))


def _mark_cacheable_or_private(response: HttpResponse, *, preview: bool) -> None:
    if "no-store" in response.get("Cache-Control", ""):
        return  # an answer for now only (a file being prepared): kept by nobody
    if preview:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pass `preview` (`can_preview`) and mark the response cacheable or private.

    Views that go through `cached_response` get the same headers from there; this covers the
    rest.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        preview = can_preview(request.user)
        response = view(request, *args, preview=preview, **kwargs)
        _mark_cacheable_or_private(response, preview=preview)
        _compress_unstored(request, response, preview=preview)
        return response

    return wrapper


def conference_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`public_page` for the pages of one conference, named by the URL's `conference` slug.

    The view gets the Conference (published, or any for staff's preview) as `conference`. In a
    language the conference does not offer, the page redirects to one it does.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, conference: str, **kwargs) -> HttpResponse:
        stored = stored_page(request, slug=conference)
        if stored is not None:
            return stored
        # Signed-in staff may preview this conference by a role in it: found, then asked.
        found = conference_or_404(conference, preview=request.user.is_authenticated)
        preview = can_preview(request.user, found)
        if not preview and not found.is_published:
            raise Http404
        response = redirect_to_offered_language(request, found.languages) or view(
            request, *args, conference=found, preview=preview, **kwargs
        )
        _mark_cacheable_or_private(response, preview=preview)
        _compress_unstored(request, response, preview=preview)
        return response

    return wrapper


def conference_or_404(slug: str, *, preview: bool) -> Conference:
    try:
        return conference_get(slug=slug, preview=preview)
    except Conference.DoesNotExist as error:
        raise Http404 from error


def render_in_conference_zone(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    conference: Conference | None,
    preview: bool,
    status: int = 200,
) -> HttpResponse:
    """Render with every time in the conference's own zone."""
    context = {"conference": conference, "preview": preview, **context}
    with timezone.override(conference.tzinfo if conference else datetime.UTC):
        return render(request, template, context, status=status)
