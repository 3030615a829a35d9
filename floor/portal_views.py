"""The focal point's page of the list of speakers, behind the delegation's invitation link.

Everything is looked up from the link's delegation: a focal point sees, inscribes, changes the
speaker of and withdraws only its own delegation, and answers only the requests to exchange
places made to it.
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from delegations.models import Delegation, Invitation
from delegations.portal import with_invitation
from floor import speakers, swaps
from floor.forms import InscribeForm, SpeakerChangeForm, SwapRequestForm, errors_to_form
from floor.models import Inscription, InscriptionStatus, SwapRequest, SwapStatus
from floor.selectors import sessions_taking_inscriptions

WAITING = InscriptionStatus.WAITING


def _page(request: HttpRequest, invitation: Invitation, token: str, *, forms=None, status=200):
    """The page; `forms` holds, by (form name, session id), a form sent back with its errors."""
    forms = forms or {}
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
    waiting = _waiting_by_list(
        [i.speakers_list_id for i in inscriptions.values() if i.status == WAITING]
    )
    pending = _pending_swaps(delegation)
    closed = {
        session.pk
        for session in sessions
        if _list_of(session) is not None and speakers.is_closed(session.speakers_list)
    }
    rows = []
    for session in sessions:
        inscription = inscriptions.get(session.pk)
        row = {
            "session": session,
            "inscription": inscription,
            "closed": session.pk in closed,
            "form": forms.get(("inscribe", session.pk))
            or InscribeForm(delegation=delegation, members=members, prefix=f"s{session.pk}"),
        }
        if inscription is not None and inscription.status == WAITING:
            places = waiting[inscription.speakers_list_id]
            others = [(place, i) for place, i in places if i.pk != inscription.pk]
            place_of = {i.pk: place for place, i in places}
            row |= {
                "place": place_of[inscription.pk],
                "speaker_form": forms.get(("speaker", session.pk))
                or SpeakerChangeForm(
                    members=members,
                    prefix=f"p{session.pk}",
                    initial={"speaker": inscription.speaker_id},
                ),
                "swap_form": forms.get(("swap", session.pk))
                or SwapRequestForm(others=others, prefix=f"x{session.pk}"),
                "has_others": bool(others),
                "asked": next((s for s in pending if s.proposer_id == inscription.pk), None),
                # Requests from delegations still waiting: the others can no longer be met.
                "offers": [
                    {"swap": swap, "place": place_of[swap.proposer_id]}
                    for swap in pending
                    if swap.partner_id == inscription.pk and swap.proposer_id in place_of
                ],
            }
        rows.append(row)
    context = {
        "token": token,
        "delegation": delegation,
        "conference": conference,
        "rows": rows,
    }
    return render(request, "floor/portal_speakers.html", context, status=status)


def _members(delegation) -> list:
    return list(delegation.participants.active().in_protocol_order())


def _waiting_by_list(list_ids: list[int]) -> dict[int, list[tuple[int, Inscription]]]:
    """For each list, its waiting inscriptions with their place (1 = next), in one query."""
    by_list = defaultdict(list)
    for inscription in (
        Inscription.objects.filter(speakers_list_id__in=list_ids, status=WAITING)
        .select_related("delegation")
        .order_by("speakers_list", "position")
    ):
        places = by_list[inscription.speakers_list_id]
        places.append((len(places) + 1, inscription))
    return by_list


def _swaps_of(delegation: Delegation):
    return SwapRequest.objects.filter(
        Q(proposer__delegation=delegation) | Q(partner__delegation=delegation)
    )


def _pending_swaps(delegation: Delegation) -> list[SwapRequest]:
    return list(
        _swaps_of(delegation)
        .filter(status=SwapStatus.PENDING)
        .select_related("proposer__delegation", "partner__delegation")
    )


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
    return _page(request, invitation, token, forms={("inscribe", found.pk): form}, status=400)


def _own_inscription(invitation: Invitation, pk: int) -> Inscription:
    # Only this delegation's inscriptions are found: another's is a 404.
    return get_object_or_404(
        invitation.delegation.inscriptions.select_related("speakers_list"), pk=pk
    )


@require_POST
@with_invitation
def portal_withdraw(
    request: HttpRequest, invitation: Invitation, token: str, pk: int
) -> HttpResponse:
    inscription = _own_inscription(invitation, pk)
    try:
        speakers.inscription_withdraw(inscription=inscription, delegation=invitation.delegation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your inscription is withdrawn."))
    return _back(token)


@require_POST
@with_invitation
def portal_speaker(
    request: HttpRequest, invitation: Invitation, token: str, pk: int
) -> HttpResponse:
    inscription = _own_inscription(invitation, pk)
    session_id = inscription.speakers_list.session_id
    form = SpeakerChangeForm(
        request.POST, members=_members(invitation.delegation), prefix=f"p{session_id}"
    )
    if form.is_valid():
        try:
            speakers.inscription_speaker_change(
                inscription=inscription,
                speaker=form.cleaned_data["speaker"],
                delegation=invitation.delegation,
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The speaker is changed."))
            return _back(token)
    return _page(request, invitation, token, forms={("speaker", session_id): form}, status=400)


@require_POST
@with_invitation
def portal_swap_request(
    request: HttpRequest, invitation: Invitation, token: str, pk: int
) -> HttpResponse:
    inscription = _own_inscription(invitation, pk)
    session_id = inscription.speakers_list.session_id
    others = [
        (place, i)
        for place, i in _waiting_by_list([inscription.speakers_list_id])[
            inscription.speakers_list_id
        ]
        if i.pk != inscription.pk
    ]
    form = SwapRequestForm(request.POST, others=others, prefix=f"x{session_id}")
    if form.is_valid():
        try:
            swaps.swap_request(
                proposer=inscription,
                partner=form.cleaned_data["partner"],
                delegation=invitation.delegation,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Your request is sent. The places change when the other delegation accepts."),
            )
            return _back(token)
    return _page(request, invitation, token, forms={("swap", session_id): form}, status=400)


ANSWERS = {
    "accept": (swaps.swap_accept, gettext_lazy("You have exchanged places.")),
    "decline": (swaps.swap_decline, gettext_lazy("You have declined the exchange.")),
    "cancel": (swaps.swap_cancel, gettext_lazy("Your request is cancelled.")),
}


@require_POST
@with_invitation
def portal_swap_answer(
    request: HttpRequest, invitation: Invitation, token: str, pk: int, answer: str
) -> HttpResponse:
    # Only requests this delegation made or received are found: another's is a 404.
    swap = get_object_or_404(
        _swaps_of(invitation.delegation).select_related("proposer", "partner"), pk=pk
    )
    service, done = ANSWERS[answer]
    try:
        service(swap=swap, delegation=invitation.delegation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return _back(token)
