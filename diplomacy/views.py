"""The protocol pages: the focal point's (response and credentials, behind the invitation
link) and the staff's (a job's progress, private files)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from conference.models import Conference
from conference.staff import conference_by_object, staff_permission_required
from delegations.models import DelegationStatus, Invitation
from delegations.portal import with_invitation
from delegations.private_files import private_file_response
from delegations.task_document_views import TaskDocumentView
from diplomacy import services
from diplomacy.forms import CredentialsUploadForm, DeclineForm
from diplomacy.models import (
    Credentials,
    JobKind,
    NoteVerbale,
    ProtocolJob,
    ResponseStep,
    Step,
    VisaLetterRequest,
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


class JobView(TaskDocumentView):
    model = ProtocolJob
    permissions = ("diplomacy.view_protocoljob",)
    file_needs_recent_authentication = True  # the credentials report names every Head

    def back_link(self, document: ProtocolJob) -> tuple[str, str]:
        return reverse("admin:delegations_delegation_changelist"), _("Delegations")

    def result_link(self, document: ProtocolJob) -> tuple[str, str] | None:
        if document.kind == JobKind.VISA_LETTERS:
            return (
                reverse("admin:diplomacy_visaletterrequest_changelist"),
                _("See the visa letter requests"),
            )
        return reverse("admin:diplomacy_noteverbale_changelist"), _("See the notes verbales")


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


def _visa_conference(kwargs: dict) -> Conference | None:
    """The conference of the letter asked for: a role in it lets one download the letter."""
    requests = VisaLetterRequest.objects.filter(pk=kwargs["pk"]).values("conference")
    return Conference.objects.filter(pk__in=requests).first()


@staff_permission_required("diplomacy.view_visaletterrequest", conference=_visa_conference)
def visa_letter_file(request: HttpRequest, pk: int) -> FileResponse:
    visa_request = get_object_or_404(VisaLetterRequest, pk=pk)
    return private_file_response(
        visa_request.file,
        content_type="application/pdf",
        download_name=f"{visa_request.reference.replace('/', '-')}.pdf",
    )
