"""The focal point's page of the list of speakers, behind the delegation's invitation link.

Everything is looked up from the link's delegation: a focal point sees, inscribes and
withdraws only its own delegation.
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from delegations.models import Invitation
from delegations.portal import with_invitation
from floor import speakers
from floor.forms import InscribeForm, errors_to_form
from floor.models import InscriptionStatus
from floor.selectors import sessions_taking_inscriptions


def _page(request: HttpRequest, invitation: Invitation, token: str, *, forms=None, status=200):
    delegation = invitation.delegation
    conference = delegation.conference
    sessions = list(
        sessions_taking_inscriptions(conference=conference).select_related("speakers_list")
    )
    members = _members(delegation)
    inscriptions = {
        inscription.speakers_list.session_id: inscription
        for inscription in delegation.inscriptions.exclude(
            status=InscriptionStatus.WITHDRAWN
        ).select_related("speakers_list", "speaker")
    }
    closed = {
        session.pk
        for session in sessions
        if _list_of(session) is not None and speakers.is_closed(session.speakers_list)
    }
    rows = []
    for session in sessions:
        form = (forms or {}).get(session.pk) or InscribeForm(
            delegation=delegation, members=members, prefix=f"s{session.pk}"
        )
        rows.append(
            {
                "session": session,
                "inscription": inscriptions.get(session.pk),
                "closed": session.pk in closed,
                "form": form,
            }
        )
    context = {
        "token": token,
        "delegation": delegation,
        "conference": conference,
        "rows": rows,
    }
    return render(request, "floor/portal_speakers.html", context, status=status)


def _members(delegation) -> list:
    return list(delegation.participants.active().in_protocol_order())


def _list_of(session):
    try:
        return session.speakers_list
    except ObjectDoesNotExist:
        return None


@with_invitation
def portal_speakers(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    return _page(request, invitation, token)


def _back(token: str) -> HttpResponse:
    return redirect(reverse("floor:portal_speakers", kwargs={"token": token}))


@require_POST
@with_invitation
def portal_inscribe(
    request: HttpRequest, invitation: Invitation, token: str, session: int
) -> HttpResponse:
    delegation = invitation.delegation
    found = get_object_or_404(
        sessions_taking_inscriptions(conference=delegation.conference), pk=session
    )
    form = InscribeForm(
        request.POST, delegation=delegation, members=_members(delegation), prefix=f"s{found.pk}"
    )
    if form.is_valid():
        try:
            speakers.inscription_add(
                session=found,
                delegation=delegation,
                speaker=form.cleaned_data["speaker"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Your delegation is inscribed."))
            return _back(token)
    return _page(request, invitation, token, forms={found.pk: form}, status=400)


@require_POST
@with_invitation
def portal_withdraw(
    request: HttpRequest, invitation: Invitation, token: str, pk: int
) -> HttpResponse:
    # Only this delegation's inscriptions are found: another's is a 404.
    inscription = get_object_or_404(invitation.delegation.inscriptions, pk=pk)
    try:
        speakers.inscription_withdraw(inscription=inscription, delegation=invitation.delegation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your inscription is withdrawn."))
    return _back(token)
