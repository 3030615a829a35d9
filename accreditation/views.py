"""Staff pages for the week of the meeting: exports, badges, check-in at the door, dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import BadRequest
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.reauthentication import recent_authentication_required
from accreditation import participant_list
from accreditation.badges import badge_number
from accreditation.checkin import (
    CHECK_IN_BY_NUMBER,
    CheckInRefused,
    badge_number_needs_surname,
    check_in_refusal,
    participant_check_in,
    participant_for_badge,
    participants_for_check_in,
    participants_search,
)
from accreditation.dashboard import dashboard_figures
from accreditation.imports import COLUMNS, ImportFileForm, import_run
from conference.local_time import TIME_OF_DAY, local_time
from conference.models import Conference
from conference.staff import file_response, staff_permission_required
from delegations.models import PROTOCOL_LANGUAGE, Participant
from delegations.private_files import photo_response

VIEW_PARTICIPANTS = "delegations.view_participant"
CHECK_IN = "accreditation.check_in_participants"
ADD_PARTICIPANTS = "delegations.add_participant"
# The rows checked by the preview travel signed to the confirming request, never re-uploaded.
IMPORT_SALT = "plenary.import"
LIST_FORMATS = {
    "pdf": (participant_list.participant_list_pdf, "application/pdf"),
    "csv": (participant_list.participant_list_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        participant_list.participant_list_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


@staff_permission_required(VIEW_PARTICIPANTS)
@recent_authentication_required
def participant_list_download(request: HttpRequest, conference: str, format: str) -> HttpResponse:
    """The List of Participants; `?language=fr` gives it with French names in French order."""
    conference = get_object_or_404(Conference, slug=conference)
    language = request.GET.get("language", PROTOCOL_LANGUAGE)
    if language not in dict(participant_list.participant_list_languages(conference)):
        raise BadRequest(_("The List of Participants is not offered in this language."))
    make, content_type = LIST_FORMATS[format]
    suffix = "" if language == PROTOCOL_LANGUAGE else f"-{language}"
    return file_response(
        make(conference=conference, language=language),
        content_type=content_type,
        filename=f"list-of-participants-{slugify(conference.slug)}{suffix}.{format}",
    )


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    conferences = Conference.objects.only(
        "slug",
        "title",
        "title_translations",
        "short_title",
        "short_title_translations",
        "start_date",
        "languages",
    )
    return render(
        request,
        "accreditation/home.html",
        {
            "conferences": [
                (conference, participant_list.participant_list_languages(conference))
                for conference in conferences
            ]
        },
    )


@staff_permission_required(CHECK_IN)
def check_in_home(request: HttpRequest, conference: str) -> HttpResponse:
    conference = get_object_or_404(Conference, slug=conference)
    query = request.GET.get("q", "").strip()
    by_number_alone = request.user.has_perm(CHECK_IN_BY_NUMBER)
    if badge_number_needs_surname(query=query, by_number_alone=by_number_alone):
        messages.info(
            request,
            _(
                "Type the first letters of the surname after the badge number, "
                "e.g. “%(example)s”: the number alone is not enough."
            )
            % {"example": f"{query} Dia"},
        )
    results = (
        participants_search(conference=conference, query=query, by_number_alone=by_number_alone)
        if query
        else None
    )
    return render(
        request,
        "accreditation/check_in.html",
        {"conference": conference, "query": query, "results": results},
    )


@staff_permission_required(CHECK_IN)
def check_in_scan(request: HttpRequest, conference: str) -> HttpResponse:
    conference = get_object_or_404(Conference, slug=conference)
    participant = participant_for_badge(conference=conference, code=request.GET.get("code", ""))
    if participant is None:
        messages.error(
            request,
            _("Refused: this badge is unknown here. Send the person to the accreditation desk."),
        )
        return redirect("accreditation:check_in", conference=conference.slug)
    return redirect(
        "accreditation:check_in_participant", conference=conference.slug, pk=participant.pk
    )


@staff_permission_required(CHECK_IN)
@require_http_methods(["GET", "POST"])
def check_in_participant(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    conference = get_object_or_404(Conference, slug=conference)
    participant = get_object_or_404(participants_for_check_in(conference=conference), pk=pk)
    if request.method == "POST":
        return check_in_submit(request, conference, participant)
    return render(
        request,
        "accreditation/check_in_participant.html",
        {
            "conference": conference,
            "participant": participant,
            "badge_number": badge_number(participant),
            "refusal": check_in_refusal(participant),
        },
    )


def check_in_submit(
    request: HttpRequest, conference: Conference, participant: Participant
) -> HttpResponse:
    try:
        result = participant_check_in(participant=participant, by=request.user)
    except CheckInRefused as refusal:
        messages.error(request, refusal.message)
    else:
        context = {
            "name": participant.full_name,
            "when": local_time(
                result.check_in.checked_in_at, conference.tzinfo, format=TIME_OF_DAY
            ),
        }
        if result.created:
            messages.success(request, _("%(name)s checked in at %(when)s.") % context)
        else:
            messages.warning(request, _("%(name)s was already checked in at %(when)s.") % context)
    return redirect(
        "accreditation:check_in_participant", conference=conference.slug, pk=participant.pk
    )


@staff_permission_required(VIEW_PARTICIPANTS)
def participant_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A participant's photo, for staff who review participants."""
    return photo_response(get_object_or_404(Participant, pk=pk).photo)


@staff_permission_required(CHECK_IN)
def check_in_photo(request: HttpRequest, conference: str, pk: int) -> FileResponse:
    """The photo the door compares with the face: only of approved participants of this
    conference, the only ones the door lets in."""
    participant = get_object_or_404(
        Participant.objects.approved(), conference__slug=conference, pk=pk
    )
    return photo_response(participant.photo)


@staff_permission_required(VIEW_PARTICIPANTS)
def dashboard(request: HttpRequest, conference: str) -> HttpResponse:
    conference = get_object_or_404(Conference, slug=conference)
    return render(
        request,
        "accreditation/dashboard.html",
        {"conference": conference, **dashboard_figures(conference=conference)},
    )


@staff_permission_required(ADD_PARTICIPANTS)
@recent_authentication_required
@require_http_methods(["GET", "POST"])
def participant_import(request: HttpRequest, conference: str) -> HttpResponse:
    """Upload shows a preview with every row's errors; confirming re-runs it and saves."""
    conference = get_object_or_404(Conference, slug=conference)
    form, report, payload = ImportFileForm(), None, ""
    if "payload" in request.POST:
        try:
            rows = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("accreditation:import", conference=conference.slug)
        report = import_run(conference=conference, rows=rows, save=True)
        if report.saved:
            messages.success(
                request,
                _("Imported %(delegations)d new delegations and %(participants)d participants.")
                % {"delegations": report.delegations, "participants": report.participants},
            )
            return redirect("accreditation:import", conference=conference.slug)
    elif request.method == "POST":
        form = ImportFileForm(request.POST, request.FILES)
        if form.is_valid():
            rows = form.cleaned_data["rows"]
            report = import_run(conference=conference, rows=rows, save=False)
            if not report.has_errors:
                payload = signing.dumps(rows, salt=IMPORT_SALT, compress=True)
    return render(
        request,
        "accreditation/import.html",
        {
            "conference": conference,
            "form": form,
            "report": report,
            "payload": payload,
            "columns": COLUMNS,
        },
    )
