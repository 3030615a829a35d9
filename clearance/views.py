"""Security clearance's pages: the focal point's (the members' security data, behind the
invitation link) and the security officer's (vetting: export, import, the data page's scan).

Passport numbers never reach a log: the forms' fields are sensitive POST parameters (masked
in error reports), and the records print only the person's name.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts.reauthentication import recent_authentication_required
from clearance.forms import SecurityDataForm, VettingImportForm
from clearance.models import AccessKind, ClearanceState, SecurityRecord
from clearance.selectors import records_to_vet, state_counts
from clearance.services import access_record, clearance_policy, security_data_save
from clearance.vetting import vetting_export_xlsx, vetting_import
from conference.models import Conference
from conference.staff import staff_permission_required
from delegations.link_secrets import link_token, link_token_pk
from delegations.models import ACTIVE_STATES, Invitation, Participant
from delegations.portal import with_invitation
from delegations.private_files import private_file_response

FOCAL_POINT = "focal point"
APPLICANT = "applicant"
APPLICANT_SALT = "clearance.applicant-page"
DATA_PAGE_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
SENSITIVE_FIELDS = ("birth_date", "birth_place", "document_number", "document_expiry")


def _collecting_delegation(invitation: Invitation):
    delegation = invitation.delegation
    if not clearance_policy(delegation.conference).collects_security_data:
        raise Http404
    return delegation


@with_invitation
def portal_members(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    """The delegation's members and the state of their clearance."""
    delegation = _collecting_delegation(invitation)
    members = list(
        delegation.participants.active()
        .select_related("security_record")
        .order_by("family_name", "given_name", "pk")
    )
    for member in members:
        record = getattr(member, "security_record", None)
        member.clearance = (
            record.get_state_display() if record else ClearanceState.NOT_SUBMITTED.label
        )
        member.clearance_reason = record.reason if record else ""
    return render(
        request,
        "clearance/portal_members.html",
        {
            "token": token,
            "delegation": delegation,
            "conference": delegation.conference,
            "members": members,
            "requires_clearance": clearance_policy(delegation.conference).requires_clearance,
        },
    )


def _data_page(
    request: HttpRequest, participant, *, by_label: str, back_url: str, done_url: str
) -> HttpResponse:
    """One person's security data: the form, prefilled with what was given before; a save
    submits it to security."""
    record = SecurityRecord.objects.filter(participant=participant).first()
    initial = model_to_dict(record, fields=SecurityDataForm.Meta.fields) if record else {}
    status = 200
    if request.method == "POST":
        form = SecurityDataForm(request.POST, request.FILES, initial=initial)
        if form.is_valid():
            try:
                security_data_save(
                    participant=participant,
                    data=form.security_data(),
                    data_page=form.cleaned_data["data_page"],
                    by_label=by_label,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The security data of %(name)s is submitted.")
                    % {"name": participant.full_name},
                )
                return redirect(done_url)
        status = 400
    else:
        form = SecurityDataForm(initial=initial)
        if record and record.data_purged_at is None:
            access_record(
                participants=[participant], by=None, kind=AccessKind.VIEWED, by_label=by_label
            )
    return render(
        request,
        "clearance/data_form.html",
        {
            "conference": participant.conference,
            "participant": participant,
            "record": record,
            "form": form,
            "back_url": back_url,
        },
        status=status,
    )


@sensitive_post_parameters(*SENSITIVE_FIELDS)
@require_http_methods(["GET", "POST"])
@with_invitation
def portal_member(
    request: HttpRequest, invitation: Invitation, token: str, pk: int
) -> HttpResponse:
    """A member's security data, given by the delegation's focal point."""
    delegation = _collecting_delegation(invitation)
    participant = get_object_or_404(delegation.participants.active(), pk=pk)
    members_url = reverse("clearance:portal_members", kwargs={"token": token})
    return _data_page(
        request, participant, by_label=FOCAL_POINT, back_url=members_url, done_url=members_url
    )


def applicant_url(participant: Participant) -> str:
    """The address of the participant's own security data page: a signed link, offered on
    an individual applicant's status page."""
    token = link_token(participant.pk, salt=APPLICANT_SALT)
    return reverse(
        "clearance:applicant", kwargs={"conference": participant.conference.slug, "token": token}
    )


def applicant_page_url(participant: Participant) -> str:
    """The link the status page offers: "" while the participant has no page (not active, or
    the conference collects no security data)."""
    return applicant_url(participant) if applicant_has_page(participant) else ""


def applicant_has_page(participant: Participant) -> bool:
    return participant.state in ACTIVE_STATES and (
        clearance_policy(participant.conference).collects_security_data
    )


@never_cache
@sensitive_post_parameters(*SENSITIVE_FIELDS)
@require_http_methods(["GET", "POST"])
def applicant(request: HttpRequest, conference: str, token: str) -> HttpResponse:
    """An individual applicant's own security data, from the link on their status page."""
    pk = link_token_pk(token, salt=APPLICANT_SALT)
    if pk is None:
        raise Http404
    participant = get_object_or_404(
        Participant.objects.active().select_related("conference"),
        pk=pk,
        conference__slug=conference,
    )
    if not applicant_has_page(participant):
        raise Http404
    here = request.path
    return _data_page(request, participant, by_label=APPLICANT, back_url="", done_url=here)


VIEW_RECORDS = "clearance.view_securityrecord"
CHANGE_RECORDS = "clearance.change_securityrecord"


@staff_permission_required(VIEW_RECORDS)
def vetting(request: HttpRequest, conference: str) -> HttpResponse:
    """The security officer's page: how many in each state, who waits for the vetting
    authority, its export and the import of its answers."""
    conference = get_object_or_404(Conference, slug=conference)
    return _vetting_page(request, conference, VettingImportForm())


def _vetting_page(
    request: HttpRequest, conference: Conference, form: VettingImportForm, *, errors=(), status=200
) -> HttpResponse:
    counts = state_counts(conference=conference)
    return render(
        request,
        "clearance/vetting.html",
        {
            **admin.site.each_context(request),
            "title": _("Security clearance: %(conference)s")
            % {"conference": conference.translated_name},
            "conference": conference,
            "policy": clearance_policy(conference),
            "counts": [(ClearanceState(state).label, count) for state, count in counts.items()],
            "to_vet": records_to_vet(conference),
            "form": form,
            "row_errors": errors,
        },
        status=status,
    )


@staff_permission_required(CHANGE_RECORDS)
@recent_authentication_required
def vetting_export(request: HttpRequest, conference: str) -> HttpResponse:
    """The XLSX of the people submitted, for the vetting authority; each row's access logged."""
    conference = get_object_or_404(Conference, slug=conference)
    content, _count = vetting_export_xlsx(conference=conference, by=request.user)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localtime(timezone.now(), conference.tzinfo).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = (
        f'attachment; filename="vetting-{conference.slug}-{stamp}.xlsx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_permission_required(CHANGE_RECORDS)
@require_POST
def vetting_answers(request: HttpRequest, conference: str) -> HttpResponse:
    """Apply the vetting authority's answers: all of them, or none with every row's error."""
    conference = get_object_or_404(Conference, slug=conference)
    form = VettingImportForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        try:
            result = vetting_import(
                conference=conference, content=form.cleaned_data["file"].read(), by=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            errors = result.errors
            if not errors:
                messages.success(
                    request,
                    ngettext(
                        "%(cleared)d person cleared, %(refused)d refused.",
                        "%(cleared)d people cleared, %(refused)d refused.",
                        result.cleared,
                    )
                    % {"cleared": result.cleared, "refused": result.refused},
                )
                return redirect("clearance:vetting", conference=conference.slug)
    return _vetting_page(request, conference, form, errors=errors, status=400)


def _record_conference(kwargs: dict) -> Conference | None:
    record = SecurityRecord.objects.filter(pk=kwargs.get("pk")).select_related(
        "participant__conference"
    )
    found = record.first()
    return found.participant.conference if found else None


@staff_permission_required(VIEW_RECORDS, conference=_record_conference)
def data_page(request: HttpRequest, pk: int) -> FileResponse:
    """The scan of a person's passport data page; the access is logged."""
    record = get_object_or_404(SecurityRecord.objects.select_related("participant"), pk=pk)
    if not record.data_page:
        raise Http404
    access_record(participants=[record.participant], by=request.user, kind=AccessKind.DATA_PAGE)
    extension = record.data_page.name.rsplit(".", 1)[-1].lower()
    content_type = DATA_PAGE_CONTENT_TYPES.get(extension, "application/octet-stream")
    return private_file_response(
        record.data_page,
        content_type=content_type,
        download_name=f"data-page-{record.participant_id:06d}.{extension}",
    )
