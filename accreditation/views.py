"""Staff pages for the week of the meeting: exports, badges, check-in at the door, dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import BadRequest
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.reauthentication import recent_authentication_required
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
from accreditation.documents import PARTICIPANT_LIST_FORMATS, participant_list_request
from accreditation.imports import COLUMNS, ImportFileForm, import_run
from accreditation.models import Document, DocumentStatus
from accreditation.participant_list import participant_list_languages
from conference.local_time import TIME_OF_DAY, local_time
from conference.models import Conference
from conference.staff import staff_permission_required
from delegations.models import PROTOCOL_LANGUAGE, Participant
from delegations.private_files import photo_response, private_file_response

VIEW_PARTICIPANTS = "delegations.view_participant"
CHECK_IN = "accreditation.check_in_participants"
ADD_PARTICIPANTS = "delegations.add_participant"
# The rows checked by the preview travel signed to the confirming request, never re-uploaded.
IMPORT_SALT = "plenary.import"


@staff_permission_required(VIEW_PARTICIPANTS)
@recent_authentication_required
@require_http_methods(["GET", "POST"])
def list_of_participants(request: HttpRequest, conference: str) -> HttpResponse:
    """Ask for the List of Participants in the format and language posted; follow it on its
    page. The form alone on GET: where confirming the password leads back to."""
    conference = get_object_or_404(Conference, slug=conference)
    list_languages = participant_list_languages(conference)
    if request.method == "POST":
        format = request.POST.get("format", "")
        language = request.POST.get("language", PROTOCOL_LANGUAGE)
        if format not in PARTICIPANT_LIST_FORMATS:
            raise BadRequest(_("Choose PDF, XLSX or CSV."))
        if language not in dict(list_languages):
            raise BadRequest(_("The List of Participants is not offered in this language."))
        document = participant_list_request(
            conference=conference, format=format, language=language, by=request.user
        )
        return redirect(document)
    return render(
        request,
        "accreditation/participant_list.html",
        {"conference": conference, "list_languages": list_languages},
    )


def document_conference(kwargs: dict) -> Conference | None:
    return Conference.objects.filter(documents=kwargs["pk"]).first()


def participant_conference(kwargs: dict) -> Conference | None:
    return Conference.objects.filter(participants=kwargs["pk"]).first()


@staff_permission_required(VIEW_PARTICIPANTS, conference=document_conference)
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """A document being made: its progress, then its file, or why it failed."""
    document = get_object_or_404(
        Document.objects.select_related("conference", "requested_by"), pk=pk
    )
    return render(request, "accreditation/document.html", {"document": document})


@staff_permission_required(VIEW_PARTICIPANTS, conference=document_conference)
def document_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the document page polls while the document is being made."""
    document = get_object_or_404(Document, pk=pk)
    response = JsonResponse(
        {
            "finished": document.is_finished,
            "done": document.progress_done,
            "total": document.progress_total,
            "text": render_to_string(
                "accreditation/_document_progress.html", {"document": document}, request
            ).strip(),
        }
    )
    add_never_cache_headers(response)
    return response


@staff_permission_required(VIEW_PARTICIPANTS, conference=document_conference)
@recent_authentication_required
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """The finished document's file. It holds personal data: no cache keeps it, and a session
    left open is not enough to take it, however long ago it was asked for."""
    document = get_object_or_404(
        Document.objects.select_related("conference"), pk=pk, status=DocumentStatus.DONE
    )
    return private_file_response(
        document.file, content_type=document.content_type, download_name=document.download_name()
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
                (conference, participant_list_languages(conference)) for conference in conferences
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


@staff_permission_required(VIEW_PARTICIPANTS, conference=participant_conference)
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
        {
            "conference": conference,
            "list_languages": participant_list_languages(conference),
            **dashboard_figures(conference=conference),
        },
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
