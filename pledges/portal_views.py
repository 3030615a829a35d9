"""The focal point's pledge pages in the portal (delegations/portal.py): only its own
delegation's pledges, and only at a conference that runs a pledge register."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from delegations.models import Delegation, Invitation
from delegations.portal import with_invitation
from pledges import services
from pledges.forms import PledgeForm, WithdrawForm
from pledges.models import Pledge, PledgeState
from pledges.selectors import series_pledges


def _delegation(invitation: Invitation) -> Delegation:
    delegation = invitation.delegation
    if not services.delegation_may_pledge(delegation):
        raise Http404
    return delegation


def _own_pledge(delegation: Delegation, pk: int) -> Pledge:
    """The pledge if it is the delegation's own; another's is as good as missing."""
    return get_object_or_404(
        Pledge.objects.filter(delegation=delegation).select_related("capability", "previous"),
        pk=pk,
    )


def _list_url(token: str) -> str:
    return reverse("pledges:portal", kwargs={"token": token})


def _context(delegation: Delegation, token: str, **extra) -> dict:
    return {"delegation": delegation, "conference": delegation.conference, "token": token, **extra}


@with_invitation
def portal(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    delegation = _delegation(invitation)
    pledges = delegation.pledges.select_related("capability", "previous").order_by(
        "capability__order", "created_at", "pk"
    )
    context = _context(
        delegation,
        token,
        pledges=pledges,
        earlier=services.earlier_pledges(delegation=delegation),
        has_series=services.register_active(conference=delegation.conference).series_id is not None,
    )
    return render(request, "pledges/portal.html", context)


@require_http_methods(["GET", "POST"])
@with_invitation
def pledge_new(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    delegation = _delegation(invitation)
    return _pledge_form(request, delegation, token, pledge=None)


@require_http_methods(["GET", "POST"])
@with_invitation
def pledge_detail(
    request: HttpRequest, invitation: Invitation, token: str, pk: int
) -> HttpResponse:
    """A draft's form (save or submit), or a submitted pledge, frozen, with what can follow."""
    delegation = _delegation(invitation)
    pledge = _own_pledge(delegation, pk)
    if pledge.is_draft:
        return _pledge_form(request, delegation, token, pledge=pledge)
    if request.method == "POST":
        raise Http404
    context = _context(
        delegation,
        token,
        pledge=pledge,
        changes=pledge.state_changes.all(),
        may_amend=pledge.state in services.LIVE_STATES
        and not Pledge.objects.filter(previous=pledge).exists(),
        withdraw_form=WithdrawForm(),
    )
    return render(request, "pledges/pledge_detail.html", context)


def _pledge_form(
    request: HttpRequest, delegation: Delegation, token: str, *, pledge: Pledge | None
) -> HttpResponse:
    initial = {}
    if pledge is None:
        focal_point = delegation.focal_points.first()
        if focal_point:
            initial = {"contact_name": focal_point.name, "contact_email": focal_point.email}
    form = PledgeForm(request.POST or None, instance=pledge, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.pledge_save_draft(
                delegation=delegation, pledge=form.save(commit=False)
            )
            if "submit" in request.POST:
                services.pledge_submit(delegation=delegation, pledge=saved)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if "submit" in request.POST:
                messages.success(request, _("The pledge has been submitted to the organisers."))
            else:
                messages.success(request, _("The draft has been saved."))
            return redirect(_list_url(token))
    status = 400 if request.method == "POST" else 200
    context = _context(delegation, token, form=form, pledge=pledge)
    return render(request, "pledges/pledge_form.html", context, status=status)


@require_POST
@with_invitation
def pledge_amend(request: HttpRequest, invitation: Invitation, token: str, pk: int) -> HttpResponse:
    delegation = _delegation(invitation)
    pledge = _own_pledge(delegation, pk)
    try:
        draft = services.pledge_amend(delegation=delegation, pledge=pledge)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_list_url(token))
    messages.success(request, _("A new version has been started: change it, then submit it."))
    return redirect("pledges:pledge", token=token, pk=draft.pk)


@require_POST
@with_invitation
def pledge_confirm(
    request: HttpRequest, invitation: Invitation, token: str, pk: int
) -> HttpResponse:
    delegation = _delegation(invitation)
    try:
        earlier = services.earlier_pledges(delegation=delegation).get(pk=pk)
    except Pledge.DoesNotExist:
        raise Http404 from None
    try:
        draft = services.pledge_confirm(delegation=delegation, pledge=earlier)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_list_url(token))
    messages.success(
        request, _("The pledge is copied to this meeting as a draft: check it, then submit it.")
    )
    return redirect("pledges:pledge", token=token, pk=draft.pk)


@require_POST
@with_invitation
def pledge_withdraw(
    request: HttpRequest, invitation: Invitation, token: str, pk: int
) -> HttpResponse:
    delegation = _delegation(invitation)
    pledge = _own_pledge(delegation, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.pledge_transition(
                pledge=pledge,
                to_state=PledgeState.WITHDRAWN,
                by_focal_point=True,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The pledge has been withdrawn."))
            return redirect(_list_url(token))
    context = _context(
        delegation,
        token,
        pledge=pledge,
        changes=pledge.state_changes.all(),
        may_amend=False,
        withdraw_form=form,
    )
    return render(request, "pledges/pledge_detail.html", context, status=400)


@with_invitation
def series(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    """This Member State's pledges at every meeting of the series."""
    delegation = _delegation(invitation)
    register = services.register_active(conference=delegation.conference)
    if register.series_id is None:
        raise Http404
    context = _context(
        delegation,
        token,
        series=register.series,
        pledges=series_pledges(series_id=register.series_id, country=delegation.country),
    )
    return render(request, "pledges/series.html", context)
