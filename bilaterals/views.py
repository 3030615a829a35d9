"""The focal point's bilateral pages, behind the delegation's invitation link.

Every page reads only meetings the delegation is one of the two parties of: another
delegation's requests to third parties are never found (404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bilaterals import services
from bilaterals.forms import AcceptForm, ProposeForm, RequestForm
from bilaterals.models import Bilateral, CalendarFeed
from bilaterals.selectors import delegation_bilateral, delegation_bilaterals, offered_times
from delegations.models import Delegation, Invitation
from delegations.portal import with_invitation


def _home(token: str) -> str:
    return reverse("bilaterals:portal", kwargs={"token": token})


def _context(invitation: Invitation, token: str, **extra) -> dict:
    delegation = invitation.delegation
    return {"token": token, "delegation": delegation, "conference": delegation.conference, **extra}


@with_invitation
def portal(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    return _portal(request, invitation, token)


def _portal(request: HttpRequest, invitation: Invitation, token: str, feed_url: str = ""):
    """The delegation's meetings: its schedule, the requests waiting for it and for others."""
    delegation = invitation.delegation
    bilaterals = delegation_bilaterals(delegation=delegation)
    context = _context(
        invitation,
        token,
        bilaterals=bilaterals,
        has_feed=CalendarFeed.objects.filter(delegation=delegation).exists(),
        feed_url=feed_url,
    )
    for bilateral in bilaterals:
        bilateral.other_delegation = bilateral.other(delegation)
        bilateral.your_turn = bilateral.awaits(delegation)
    return render(request, "bilaterals/portal.html", context)


@require_http_methods(["GET", "POST"])
@with_invitation
def request_new(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    delegation = invitation.delegation
    form = RequestForm(
        request.POST or None,
        delegation=delegation,
        times=offered_times(conference=delegation.conference),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bilateral_request(
                requester=delegation,
                invitee=form.cleaned_data["invitee"],
                times=form.cleaned_data["times"],
                attendees=list(form.cleaned_data["attendees"]),
                topic=form.cleaned_data["topic"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your request has been sent."))
            return redirect(_home(token))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "bilaterals/request.html", _context(invitation, token, form=form), status=status
    )


def _bilateral(delegation: Delegation, pk: int) -> Bilateral:
    bilateral = delegation_bilateral(delegation=delegation, pk=pk)
    if bilateral is None:
        raise Http404
    return bilateral


@require_http_methods(["GET", "POST"])
@with_invitation
def detail(request: HttpRequest, invitation: Invitation, token: str, pk: int) -> HttpResponse:
    """One meeting; when it is the delegation's turn, the forms to accept, propose or decline."""
    delegation = invitation.delegation
    bilateral = _bilateral(delegation, pk)
    proposed = [(p.starts_at, p.ends_at) for p in bilateral.proposals.all()]
    offered = offered_times(conference=delegation.conference)
    action = request.POST.get("action") if request.method == "POST" else None
    accept_form = AcceptForm(
        request.POST if action == "accept" else None,
        delegation=delegation,
        times=proposed,
        prefix="accept",
    )
    propose_form = ProposeForm(
        request.POST if action == "propose" else None,
        delegation=delegation,
        times=offered,
        prefix="propose",
    )
    if action in ("accept", "propose"):
        form = accept_form if action == "accept" else propose_form
        if form.is_valid():
            try:
                if action == "accept":
                    services.bilateral_accept(
                        bilateral=bilateral,
                        delegation=delegation,
                        time=form.cleaned_data["time"],
                        attendees=list(form.cleaned_data["attendees"]),
                    )
                else:
                    services.bilateral_propose(
                        bilateral=bilateral,
                        delegation=delegation,
                        times=form.cleaned_data["times"],
                        attendees=list(form.cleaned_data["attendees"]),
                    )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Your answer has been sent."))
                return redirect(_home(token))
    elif action is not None:
        return HttpResponse(status=400)
    context = _context(
        invitation,
        token,
        bilateral=bilateral,
        other_delegation=bilateral.other(delegation),
        your_turn=bilateral.awaits(delegation),
        accept_form=accept_form,
        propose_form=propose_form,
    )
    status = 400 if action else 200
    return render(request, "bilaterals/detail.html", context, status=status)


@require_POST
@with_invitation
def decline(request: HttpRequest, invitation: Invitation, token: str, pk: int) -> HttpResponse:
    return _close(request, invitation, token, pk, services.bilateral_decline, _("Declined."))


@require_POST
@with_invitation
def cancel(request: HttpRequest, invitation: Invitation, token: str, pk: int) -> HttpResponse:
    return _close(request, invitation, token, pk, services.bilateral_cancel, _("Cancelled."))


def _close(request, invitation, token, pk, service, done: str) -> HttpResponse:
    delegation = invitation.delegation
    bilateral = _bilateral(delegation, pk)
    try:
        service(bilateral=bilateral, delegation=delegation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(_home(token))


@require_POST
@with_invitation
def calendar_link(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    """Make a new private calendar link (the old one stops working), or revoke it."""
    delegation = invitation.delegation
    if request.POST.get("action") == "revoke":
        services.feed_revoke(delegation=delegation)
        messages.success(request, _("The calendar link has been revoked."))
    else:
        feed_token = services.feed_renew(delegation=delegation)
        # Shown once, on this page, then forgotten: only its hash is kept.
        feed_url = request.build_absolute_uri(
            reverse("bilateral_feeds:calendar", kwargs={"feed_token": feed_token})
        )
        return _portal(request, invitation, token, feed_url=feed_url)
    return redirect(_home(token))
