"""The interface's languages: which a page offers, which a visitor prefers, and a page's address
in another language.

Pages people read live under a language prefix (`/fr/…`, plenary/urls.py): the address names
the language, so a stored copy of a page is per language and no cookie is needed. A
conference offers some of the six languages (Conference.languages); its pages, forms and
e-mails use only those.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def language_choices(codes: list[str]) -> list[tuple[str, str]]:
    """`codes` as (code, the language's name in itself) pairs, for a form's choices."""
    return [(code, LANGUAGE_NAMES[code]) for code in codes]


def preferred_language(request: HttpRequest, offered: list[str]) -> str:
    """The first language of the visitor's Accept-Language that is `offered`, else the first
    offered one. Regional variants count as their language (fr-CA is fr, zh-CN is zh-hans)."""
    for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if accepted == "*":
            break
        try:
            code = get_supported_language_variant(accepted)
        except LookupError:
            continue
        if code in offered:
            return code
    return offered[0]


def language_path(request: HttpRequest, code: str) -> str:
    """This page's address (query string included) under the prefix of language `code`."""
    path = request.get_full_path()
    current = f"/{get_language()}/"
    if path.startswith(current):
        path = path[len(current) - 1 :]
    return f"/{code}{path}"


def redirect_to_offered_language(
    request: HttpRequest, offered: list[str]
) -> HttpResponseRedirect | None:
    """None when the page's language is `offered`; else a redirect to this page in the
    visitor's preferred one of them. The answer depends on Accept-Language: `Vary` says so."""
    if get_language() in offered:
        return None
    response = HttpResponseRedirect(language_path(request, preferred_language(request, offered)))
    patch_vary_headers(response, ["Accept-Language"])
    return response
