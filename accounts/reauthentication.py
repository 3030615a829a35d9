"""Exports of personal data ask for the password (and second factor) again when the last time
was more than REAUTHENTICATION_MINUTES ago: a session left open on a shared computer must
not be enough to take the list of participants away."""

import functools
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.session_limits import authenticated_recently


def reauthentication_redirect(request: HttpRequest, *, next_url: str) -> HttpResponseRedirect:
    """To the page that asks for the password again, and then back to `next_url`."""
    messages.info(request, _("Please confirm it is you before exporting personal data."))
    query = urlencode({"next": next_url})
    return HttpResponseRedirect(f"{reverse('accounts:reauthenticate')}?{query}")


def recent_authentication_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """For views that export personal data; put it inside the login/permission check.

    A GET comes back to the same URL once confirmed. A POST cannot be replayed, so it
    comes back to the form it was sent from (the same URL, as a GET).
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if authenticated_recently(request.session):
            return view(request, *args, **kwargs)
        return reauthentication_redirect(request, next_url=request.get_full_path())

    return wrapper
