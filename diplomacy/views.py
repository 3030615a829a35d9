"""The protocol pages: the focal point's (response and credentials, behind the invitation
link) and the staff's (a job's progress, private files)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from conference.staff import conference_by_object, staff_permission_required
from delegations.models import DelegationStatus, Invitation
from delegations.portal import with_invitation
from delegations.private_files import private_file_response
from diplomacy import services
from diplomacy.forms import CredentialsUploadForm, DeclineForm
from diplomacy.models import (
    JOB_FILES,
    Credentials,
    JobStatus,
    NoteVerbale,
    ProtocolJob,
    ResponseStep,
    Step,
)


def _response_url(token: str) -> str:
    return reverse("diplomacy:portal_response", kwargs={"token": token})


def _response_page(
    request: HttpRequest, invitation: Invitation, token: str, *, status: int = 200, **forms
) -> HttpResponse:
    delegation = invitation.delegation
    steps = list(ResponseStep.objects.filter(delegation=delegation).order_by("at", "pk"))
    recorded = {step.step for step in steps}
    context = {
        "token": token,
        "delegation": delegation,
        "conference": delegation.conference,
        "note": NoteVerbale.objects.filter(delegation=delegation).first(),
        "credentials": Credentials.objects.filter(delegation=delegation).first(),
        "steps": steps,
        "may_acknowledge": Step.ACKNOWLEDGED not in recorded
        and delegation.status != DelegationStatus.DECLINED,
        "may_decline": delegation.status
        not in (DelegationStatus.DECLINED, DelegationStatus.ACCREDITED),
        "credentials_form": forms.get("credentials_form") or CredentialsUploadForm(),
        "decline_form": forms.get("decline_form") or DeclineForm(),
    }
    return render(request, "diplomacy/portal_response.html", context, status=status)


@with_invitation
def portal_response(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    return _response_page(request, invitation, token)


@require_POST
@with_invitation
def portal_acknowledge(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    try:
        services.response_acknowledge(delegation=invitation.delegation, by_focal_point=True)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: the receipt of the invitation is recorded."))
    return redirect(_response_url(token))


@require_POST
@with_invitation
def portal_decline(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.response_decline(delegation=invitation.delegation)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisers are told that you decline."))
            return redirect(_response_url(token))
    return _response_page(request, invitation, token, status=400, decline_form=form)


@require_http_methods(["POST"])
@with_invitation
def portal_credentials(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    form = CredentialsUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.credentials_upload(
                delegation=invitation.delegation,
                file=form.cleaned_data["file"],
                issued_by=form.cleaned_data["issued_by"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The credentials have been uploaded."))
            return redirect(_response_url(token))
    return _response_page(request, invitation, token, status=400, credentials_form=form)


@staff_permission_required(
    "diplomacy.view_protocoljob", conference=conference_by_object(ProtocolJob)
)
def job(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's progress; the page reloads itself until it is finished."""
    found = get_object_or_404(ProtocolJob.objects.select_related("conference"), pk=pk)
    return render(request, "diplomacy/job.html", {"job": found, "done": JobStatus.DONE})


@staff_permission_required(
    "diplomacy.view_protocoljob", conference=conference_by_object(ProtocolJob)
)
def job_file(request: HttpRequest, pk: int) -> FileResponse:
    found = get_object_or_404(ProtocolJob.objects.select_related("conference"), pk=pk)
    return private_file_response(
        found.file, content_type=JOB_FILES[found.kind][2], download_name=found.download_name()
    )


@staff_permission_required(
    "diplomacy.view_noteverbale", conference=conference_by_object(NoteVerbale)
)
def note_file(request: HttpRequest, pk: int) -> FileResponse:
    note = get_object_or_404(NoteVerbale, pk=pk)
    return private_file_response(
        note.file,
        content_type="application/pdf",
        download_name=f"{note.reference.replace('/', '-')}.pdf",
    )


@staff_permission_required(
    "diplomacy.view_credentials",
    conference=conference_by_object(Credentials, "delegation__conference"),
)
def credentials_file(request: HttpRequest, pk: int) -> FileResponse:
    credentials = get_object_or_404(Credentials, pk=pk)
    return private_file_response(
        credentials.file,
        content_type="application/pdf",
        download_name=f"credentials-{credentials.delegation_id}.pdf",
    )
