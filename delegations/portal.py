"""The focal point's portal: what every page behind a delegation's invitation link shares.

The portal's home (the members) belongs to registration; other features (the list of
speakers, bilaterals, pledges...) add pages of their own under the same link without
registration knowing them: each registers a PortalSection in its AppConfig.ready(), and
decorates its views with `with_invitation`, which resolves the link to its delegation and
applies the portal's rules (unknown, revoked or expired links refused, the conference's
languages, a rate limit on changes, no caching of personal data).
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from conference.languages import redirect_to_offered_language
from conference.local_time import local_time
from conference.ratelimit import ratelimit_hit
from delegations.models import Delegation, Invitation
from delegations.selectors import invitation_for_token

# Per invitation link, per hour: generous for a focal point typing a long list.
PORTAL_POSTS_PER_HOUR = 120


@dataclass(frozen=True)
class PortalSection:
    """A page of the portal, listed on its home: `url_name` is reversed with the token.

    `shown_for` decides whether the delegation has it (e.g. only conferences that run a
    pledge register); None shows it to every delegation.
    """

    title: str | Promise
    url_name: str
    shown_for: Callable[[Delegation], bool] | None = None


_sections: list[PortalSection] = []


def portal_section_register(section: PortalSection) -> None:
    """Add `section` to every portal home; call it from the feature's AppConfig.ready()."""
    if section not in _sections:
        _sections.append(section)


def portal_sections(*, delegation: Delegation, token: str) -> list[tuple[str, str]]:
    """(title, URL) of each section this delegation's portal offers, in registration order."""
    return [
        (str(section.title), reverse(section.url_name, kwargs={"token": token}))
        for section in _sections
        if section.shown_for is None or section.shown_for(delegation)
    ]


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "too_many.html", status=429)


def _refusal(invitation: Invitation) -> str:
    """Why the link no longer opens anything; "" while it works."""
    if invitation.is_revoked():
        return _("This link has been revoked. Ask the organisers for a new one.")
    if invitation.is_expired():
        when = local_time(invitation.expires_at, invitation.delegation.conference.tzinfo)
        return _("This link expired on %(when)s; contact the organisers.") % {"when": when}
    return ""


def with_invitation(view):
    """Resolve the link's token to its invitation, refusing unknown, revoked or expired ones.

    The view is called as view(request, invitation, token, **kwargs). Outside the registration
    window, until the link expires, the portal still shows the delegation, read-only: the
    services refuse changes then.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, token: str, **kwargs) -> HttpResponse:
        invitation = invitation_for_token(token=token)
        if invitation is None:
            raise Http404
        if message := _refusal(invitation):
            return render(
                request, "delegations/link_refused.html", {"message": message}, status=410
            )
        invitation.use_record()
        conference = invitation.delegation.conference
        if redirect_response := redirect_to_offered_language(request, conference.languages):
            return redirect_response
        if request.method == "POST" and not ratelimit_hit(
            scope="portal",
            key=str(invitation.pk),
            limit=PORTAL_POSTS_PER_HOUR,
            window_seconds=3600,
        ):
            return too_many(request)
        response = view(request, invitation, token, **kwargs)
        # Pages behind the link hold personal data: no shared or browser cache may keep them.
        add_never_cache_headers(response)
        return response

    return wrapper
