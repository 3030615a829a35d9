"""Visa support letters' pages: the focal point's (behind the invitation link: the members and
their requests, a request per member) and the applicant's own (behind a link shown on their
application's status page). diplomacy.visas holds the rules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from conference.languages import redirect_to_offered_language
from conference.ratelimit import ratelimit_hit
from delegations.models import ACTIVE_STATES, Invitation, Participant
from delegations.portal import PORTAL_POSTS_PER_HOUR, too_many, with_invitation
from diplomacy.forms import VisaRequestForm
from diplomacy.visas import (
    EDITABLE,
    applicant_for_token,
    applicant_token,
    visa_request_for,
    visa_request_submit,
)


def applicant_visa_url(participant: Participant) -> str:
    """The applicant's own visa request page, for the status page of their application
    (delegations.participant_pages); "" once they are withdrawn or turned down."""
    if participant.state not in ACTIVE_STATES:
        return ""
    return reverse("diplomacy:applicant_visa", kwargs={"token": applicant_token(participant)})


@with_invitation
def portal_visas(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    """The delegation's members with their requests' states."""
    delegation = invitation.delegation
    members = list(
        delegation.participants.filter(state__in=ACTIVE_STATES)
        .select_related("visa_letter_request")
        .in_protocol_order()
    )
    for member in members:
        member.visa = getattr(member, "visa_letter_request", None)
    context = {
        "token": token,
        "delegation": delegation,
        "conference": delegation.conference,
        "members": members,
    }
    return render(request, "diplomacy/portal_visas.html", context)


def _visa_form_page(
    request: HttpRequest, *, participant: Participant, by_applicant: bool, back_url: str, **extra
) -> HttpResponse | None:
    """Show the request's form, or save it; None once saved (the caller redirects)."""
    visa_request = visa_request_for(participant=participant)
    visa_request.conference = participant.conference
    editable = visa_request.state in EDITABLE
    data = request.POST if request.method == "POST" else None
    form = VisaRequestForm(data, instance=visa_request)
    if request.method == "POST" and editable and form.is_valid():
        try:
            visa_request_submit(visa_request=form.save(commit=False), by_applicant=by_applicant)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The request is sent to the organisers, who will decide on it.")
            )
            return None
    context = {
        "form": form,
        "participant": participant,
        "conference": participant.conference,
        "visa_request": visa_request if visa_request.pk else None,
        "editable": editable,
        "back_url": back_url,
        **extra,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "diplomacy/visa_request.html", context, status=status)


@require_http_methods(["GET", "POST"])
@with_invitation
def portal_visa(request: HttpRequest, invitation: Invitation, token: str, pk: int) -> HttpResponse:
    """A member's request, by the focal point: only a member of this delegation (else 404)."""
    participant = get_object_or_404(
        Participant.objects.select_related("delegation__conference"),
        pk=pk,
        delegation=invitation.delegation,
        state__in=ACTIVE_STATES,
    )
    back_url = reverse("diplomacy:portal_visas", kwargs={"token": token})
    response = _visa_form_page(
        request, participant=participant, by_applicant=False, back_url=back_url, token=token
    )
    return response or redirect(back_url)


@require_http_methods(["GET", "POST"])
def applicant_visa(request: HttpRequest, token: str) -> HttpResponse:
    """An applicant's own request, behind the link of their application's status page."""
    participant = applicant_for_token(token=token)
    if participant is None or participant.state not in ACTIVE_STATES:
        raise Http404
    if response := redirect_to_offered_language(request, participant.conference.languages):
        return response
    if request.method == "POST" and not ratelimit_hit(
        scope="visa", key=str(participant.pk), limit=PORTAL_POSTS_PER_HOUR, window_seconds=3600
    ):
        return too_many(request)
    here = reverse("diplomacy:applicant_visa", kwargs={"token": token})
    response = _visa_form_page(
        request, participant=participant, by_applicant=True, back_url="", **{"here": here}
    )
    response = response or redirect(here)
    # Personal data: no shared or browser cache may keep it.
    add_never_cache_headers(response)
    return response
