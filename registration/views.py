"""Public registration pages: the focal point's portal (by invitation link) and applications.

The portal link carries nothing but the token; every page looks the delegation up from it
and only ever reads or changes that delegation's members.
"""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.client_address import client_address
from conference.languages import redirect_to_offered_language
from conference.models import Conference
from conference.ratelimit import ratelimit_hit
from conference.staff import staff_permission_required
from delegations.models import ACTIVE_STATES, Delegation, Invitation, Participant, Role, State
from delegations.participant_pages import participant_pages
from delegations.portal import portal_sections, too_many, with_invitation
from delegations.private_files import photo_response, private_file_response
from delegations.selectors import delegation_members, organiser_changes
from delegations.services import portal_categories
from registration import services
from registration.forms import (
    ApplicationForm,
    HeadReplaceForm,
    LetterForm,
    MemberForm,
    QuotaRequestForm,
    WithdrawForm,
)
from registration.models import Application

# Per client address: applications and confirmations, per hour.
PUBLIC_POSTS_PER_HOUR = 10


def _closed_message(delegation: Delegation) -> str:
    return services.registration_closed_message(
        conference=delegation.conference, by_focal_point=True
    )


def _portal_context(invitation: Invitation, token: str, **extra) -> dict:
    delegation = invitation.delegation
    members = list(delegation_members(delegation=delegation))
    changes = organiser_changes(participant_ids=[member.pk for member in members])
    for member in members:
        member.organiser_change = changes.get(member.pk)
    return {
        "token": token,
        "delegation": delegation,
        "conference": delegation.conference,
        "members": members,
        "active_count": sum(member.state in ACTIVE_STATES for member in members),
        "has_head": any(
            member.state in ACTIVE_STATES and member.role == Role.HEAD for member in members
        ),
        "active_states": ACTIVE_STATES,
        "closed_message": _closed_message(delegation),
        "letter_form": LetterForm(),
        "quota_request": delegation.quota_requests.first(),
        "quota_form": QuotaRequestForm(),
        "sections": portal_sections(delegation=delegation, token=token),
        **extra,
    }


@with_invitation
def portal(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    return render(request, "registration/portal.html", _portal_context(invitation, token))


def _portal_url(token: str) -> str:
    return reverse("registration:portal", kwargs={"token": token})


@require_http_methods(["GET", "POST"])
@with_invitation
def letter(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    delegation = invitation.delegation
    if request.method == "GET":
        return private_file_response(
            delegation.nomination_letter,
            content_type="application/pdf",
            download_name=f"nomination-letter-{delegation.pk}.pdf",
        )
    form = LetterForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.delegation_letter_upload(
                delegation=delegation, letter=form.cleaned_data["letter"]
            )
        except ValidationError as error:
            form.add_error("letter", error)
        else:
            messages.success(request, _("The nomination letter has been uploaded."))
            return redirect(_portal_url(token))
    context = _portal_context(invitation, token, letter_form=form)
    return render(request, "registration/portal.html", context, status=400)


@require_POST
@with_invitation
def quota_request(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    """A full delegation asks the organisers for more places."""
    form = QuotaRequestForm(request.POST)
    if form.is_valid():
        try:
            services.quota_request_create(
                delegation=invitation.delegation,
                places=form.cleaned_data["places"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request has been sent to the organisers."))
            return redirect(_portal_url(token))
    context = _portal_context(invitation, token, quota_form=form)
    return render(request, "registration/portal.html", context, status=400)


@staff_permission_required("registration.view_application")
def application_photo(request: HttpRequest, pk: int) -> FileResponse:
    """An applicant's photo, for staff who review applications."""
    return photo_response(get_object_or_404(Application, pk=pk).photo)


@with_invitation
def member_photo(request: HttpRequest, invitation: Invitation, token: str, pk: int) -> FileResponse:
    """A member's photo, for the focal point of the member's own delegation only."""
    return photo_response(get_object_or_404(invitation.delegation.participants, pk=pk).photo)


@require_http_methods(["GET", "POST"])
@with_invitation
def member_add(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    return _member_form(request, invitation, token, member=None)


@require_http_methods(["GET", "POST"])
@with_invitation
def member_edit(request: HttpRequest, invitation: Invitation, token: str, pk: int) -> HttpResponse:
    member = get_object_or_404(invitation.delegation.participants.active(), pk=pk)
    return _member_form(request, invitation, token, member=member)


def _member_form(
    request: HttpRequest, invitation: Invitation, token: str, *, member: Participant | None
) -> HttpResponse:
    delegation = invitation.delegation
    form = MemberForm(
        request.POST or None,
        request.FILES or None,
        instance=member,
        languages=delegation.conference.languages,
        categories=portal_categories(delegation=delegation),
    )
    was_approved = member is not None and member.state == State.APPROVED
    if request.method == "POST" and form.is_valid():
        service = services.member_add if member is None else services.member_update
        try:
            saved = service(
                delegation=delegation,
                participant=form.save(commit=False),
                photo=form.cleaned_data["photo"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if was_approved and saved.state == State.PENDING:
                messages.warning(
                    request,
                    _(
                        "%(name)s has been saved. The changes need the organisers' review: "
                        "the registration is pending again and the badge is not valid until "
                        "it is approved again."
                    )
                    % {"name": saved},
                )
            else:
                messages.success(request, _("%(name)s has been saved.") % {"name": saved})
            return redirect(_portal_url(token))
    context = {
        "form": form,
        "member": member,
        "was_approved": was_approved,
        "token": token,
        "delegation": delegation,
        "conference": delegation.conference,
        "closed_message": _closed_message(delegation),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/member_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@with_invitation
def member_withdraw(
    request: HttpRequest, invitation: Invitation, token: str, pk: int
) -> HttpResponse:
    delegation = invitation.delegation
    member = get_object_or_404(delegation.participants.active(), pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_withdraw(
                delegation=delegation, participant=member, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s has been withdrawn.") % {"name": member})
            return redirect(_portal_url(token))
    context = {
        "form": form,
        "member": member,
        "token": token,
        "delegation": delegation,
        "closed_message": _closed_message(delegation),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/member_withdraw.html", context, status=status)


@require_http_methods(["GET", "POST"])
@with_invitation
def head_replace(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    """Name another member Head of Delegation; the current Head changes role or is withdrawn,
    in one step."""
    delegation = invitation.delegation
    members = (
        delegation.participants.active()
        .exclude(role=Role.HEAD)
        .order_by("family_name", "given_name")
    )
    form = HeadReplaceForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            head = services.member_head_replace(
                delegation=delegation,
                new_head=form.cleaned_data["new_head"],
                former_head_role=form.role_for_former_head(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(name)s is now the Head of Delegation.") % {"name": head})
            return redirect(_portal_url(token))
    context = {
        "form": form,
        "token": token,
        "delegation": delegation,
        "head": delegation.participants.active().filter(role=Role.HEAD).first(),
        "closed_message": _closed_message(delegation),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/head_replace.html", context, status=status)


@require_POST
@with_invitation
def submit(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    try:
        services.delegation_submit(delegation=invitation.delegation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The delegation has been submitted to the organisers."))
    return redirect(_portal_url(token))


def applications_page(view):
    """For the application pages: the view gets the conference, if it takes individual
    applications, as `conference`; in a language it does not offer, the page redirects to one
    it does."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, conference: str, **kwargs) -> HttpResponse:
        found = get_object_or_404(Conference, slug=conference, accepts_individual_applications=True)
        return redirect_to_offered_language(request, found.languages) or view(
            request, *args, conference=found, **kwargs
        )

    return wrapper


@require_http_methods(["GET", "POST"])
@applications_page
def apply(request: HttpRequest, conference: Conference) -> HttpResponse:
    form = ApplicationForm(
        request.POST or None, request.FILES or None, languages=conference.languages
    )
    if request.method == "POST":
        if not ratelimit_hit(
            scope="apply",
            key=client_address(request),
            limit=PUBLIC_POSTS_PER_HOUR,
            window_seconds=3600,
        ):
            return too_many(request)
        if form.is_valid():
            try:
                services.application_create(
                    conference=conference,
                    participant=form.save(commit=False),
                    kind=form.cleaned_data["kind"],
                    photo=form.cleaned_data["photo"],
                    site_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                return redirect("registration:apply_sent", conference=conference.slug)
    context = {
        "form": form,
        "conference": conference,
        "closed_message": services.registration_closed_message(
            conference=conference, by_focal_point=False
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/apply.html", context, status=status)


@applications_page
def apply_sent(request: HttpRequest, conference: Conference) -> HttpResponse:
    return render(request, "registration/apply_sent.html", {"conference": conference})


@require_http_methods(["GET", "POST"])
@applications_page
def apply_confirm(request: HttpRequest, conference: Conference, token: str) -> HttpResponse:
    """GET asks for a click, POST confirms: mail scanners that prefetch links confirm nothing."""
    context = {"conference": conference, "token": token}
    if request.method == "GET":
        return render(request, "registration/apply_confirm.html", context)
    if not ratelimit_hit(
        scope="confirm",
        key=client_address(request),
        limit=PUBLIC_POSTS_PER_HOUR,
        window_seconds=3600,
    ):
        return too_many(request)
    try:
        application = services.application_confirm(token=token)
    except ValidationError as error:
        context["error"] = error.messages[0]
        return render(request, "registration/apply_confirm.html", context, status=400)
    context["status_url"] = _status_url(application)
    return render(request, "registration/apply_confirmed.html", context)


def _status_url(application: Application) -> str:
    return reverse(
        "registration:apply_status",
        kwargs={"conference": application.conference.slug, "token": application.status_token()},
    )


@never_cache
@applications_page
def apply_status(request: HttpRequest, conference: Conference, token: str) -> HttpResponse:
    """Where an applicant follows their application: waiting, approved or turned down, why."""
    application = services.application_for_status_token(token=token)
    if application is None or application.conference_id != conference.pk:
        return render(
            request, "registration/apply_status.html", {"conference": conference}, status=404
        )
    return render(
        request,
        "registration/apply_status.html",
        {
            "conference": conference,
            "application": application,
            "participant": application.participant,
            "states": State,
            # Pages features offer the applicant (e.g. their security data).
            "pages": participant_pages(application.participant) if application.participant else [],
        },
    )
