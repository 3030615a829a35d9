"""Requests refused at the door, before any view reads them."""

from collections.abc import Callable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse


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
