"""Where to go after logging in or confirming a password: `next`, when it is safe."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language


def safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    """`candidate` when it is a path on this site that leads to a page, else None.

    Never another site (an open redirect), and never a path no page answers: a link that
    logs someone in and then shows them a 404 is how phishing pages look.
    """
    if not candidate or not url_has_allowed_host_and_scheme(
        candidate, allowed_hosts=None, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if not _leads_to_a_page(parts.path):
        return None
    return candidate


def _leads_to_a_page(path: str) -> bool:
    # A path without its language prefix (/admin/) leads to a page too: the locale
    # middleware sends it on to the visitor's language (/en/admin/).
    for candidate in (path, f"/{get_language()}{path}"):
        try:
            resolve(candidate)
        except Resolver404:
            continue
        return True
    return False


def next_or_home(request: HttpRequest, candidate: str | None) -> str:
    return safe_next(request, candidate) or resolve_url(settings.LOGIN_REDIRECT_URL)
