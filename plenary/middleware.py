"""Requests refused at the door, before any view reads them."""

from collections.abc import Callable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accreditation.imports import IMPORT_MAX_BYTES
from delegations.uploads import LETTER_MAX_BYTES, PHOTO_MAX_BYTES

# The largest file any form takes, with room for the form's other fields and the framing.
MAX_REQUEST_BYTES = max(PHOTO_MAX_BYTES, LETTER_MAX_BYTES, IMPORT_MAX_BYTES) + 1024 * 1024


class RefuseNulCharactersMiddleware:
    """A NUL character in the path or the query string is a 400.

    PostgreSQL text cannot hold NUL, so such a value reaching a query (a search, an admin
    filter) would fail there as a server error; no page of ours takes one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\0" in request.path or any(
            "\0" in key or "\0" in value for key, values in request.GET.lists() for value in values
        ):
            raise SuspiciousOperation("NUL character in the request's path or query string.")
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """A body announced larger than MAX_REQUEST_BYTES is a 413, before any of it is read.

    Django would otherwise receive all of it (to a temporary file) before a form could say
    the photo is too large. A body without Content-Length is never read by Django at all.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_REQUEST_BYTES:
            response = HttpResponse(
                _("The request is too large: a file may be at most %(mb)d MB.")
                % {"mb": MAX_REQUEST_BYTES >> 20},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            # The unread body is still on the connection: the client must not reuse it.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
