"""Staff pages for the week of the meeting: exports, badges, check-in at the door, dashboard,
attendance."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import BadRequest
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.reauthentication import recent_authentication_required
from accreditation.attendance import attendance_days, attendance_report, attendance_xlsx
from accreditation.badges import badge_number
from accreditation.checkin import (
    CHECK_IN_BY_NUMBER,
    CheckInRefused,
    badge_number_needs_surname,
    card_key,
    card_key_valid,
    day_refusal,
    door_day,
    entry_refusal,
    participant_enter,
    participant_for_badge,
    participant_zones,
    participants_for_check_in,
    participants_search,
)
from accreditation.dashboard import dashboard_figures, delegations_at_a_glance, participant_links
from accreditation.documents import PARTICIPANT_LIST_FORMATS, participant_list_request
from accreditation.imports import COLUMNS, ImportFileForm, import_run
from accreditation.models import Document, Entry, Zone
from accreditation.participant_list import participant_list_languages
from conference.local_time import TIME_OF_DAY, local_time
from conference.models import Conference
from conference.row_ids import row_id
from conference.staff import staff_permission_required
from conference.workspace import workspace_choices, workspace_enter
from delegations.badge_checks import badge_checks
from delegations.models import PROTOCOL_LANGUAGE, Participant, State
from delegations.private_files import photo_response
from delegations.task_document_views import TaskDocumentView

VIEW_PARTICIPANTS = "delegations.view_participant"
VIEW_DELEGATIONS = "delegations.view_delegation"
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


def participant_conference(kwargs: dict) -> Conference | None:
    return Conference.objects.filter(participants=kwargs["pk"]).first()


class DocumentView(TaskDocumentView):
    """A document's pages. Its file holds personal data: a session left open is not enough to
    take it, however long ago it was asked for."""

    model = Document
    permissions = (VIEW_PARTICIPANTS,)
    base_template = "accreditation/base.html"
    file_needs_recent_authentication = True

    def back_link(self, document: Document) -> tuple[str, str]:
        return reverse("accreditation:dashboard", args=[document.conference.slug]), _("Dashboard")


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    # Someone whose only access is a role (a door volunteer at one meeting) sees the
    # conferences of their roles; permissions held the stock way reach every conference.
    conferences = workspace_choices(request.user).only(
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


def door_zone(conference: Conference, value: str | None) -> Zone:
    """The zone a door checks, from the page's `zone` parameter, or 404."""
    pk = row_id(value)
    if pk is None:
        raise Http404
    return get_object_or_404(
        Zone.objects.select_related("conference"), conference=conference, pk=pk
    )


@staff_permission_required(CHECK_IN)
def check_in_home(request: HttpRequest, conference: str) -> HttpResponse:
    """The door: first the zone it checks, then scanning badges and searching by name."""
    conference = get_object_or_404(Conference, slug=conference)
    if "zone" not in request.GET:
        zones = list(conference.zones.all())
        if len(zones) == 1:
            return redirect(f"{request.path}?zone={zones[0].pk}")
        return render(
            request, "accreditation/check_in_zones.html", {"conference": conference, "zones": zones}
        )
    zone = door_zone(conference, request.GET["zone"])
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
        [
            (participant, door_url(conference, zone, participant))
            for participant in participants_search(
                conference=conference, query=query, by_number_alone=by_number_alone
            )
        ]
        if query
        else None
    )
    return render(
        request,
        "accreditation/check_in.html",
        {
            "conference": conference,
            "zone": zone,
            "day_refusal": day_refusal(conference=conference, day=door_day(conference=conference)),
            "query": query,
            "results": results,
        },
    )


@staff_permission_required(CHECK_IN)
def check_in_scan(request: HttpRequest, conference: str) -> HttpResponse:
    """A scanned badge without JavaScript: to the participant's page at this zone."""
    conference = get_object_or_404(Conference, slug=conference)
    zone = door_zone(conference, request.GET.get("zone"))
    participant = participant_for_badge(conference=conference, code=request.GET.get("code", ""))
    if participant is None:
        messages.error(
            request,
            _("Refused: this badge is unknown here. Send the person to the accreditation desk."),
        )
        return redirect(door_url(conference, zone))
    return redirect(door_url(conference, zone, participant))


def door_url(conference: Conference, zone: Zone, participant: Participant | None = None) -> str:
    if participant is None:
        path = reverse("accreditation:check_in", args=[conference.slug])
        return f"{path}?zone={zone.pk}"
    path = reverse("accreditation:check_in_participant", args=[conference.slug, participant.pk])
    return f"{path}?zone={zone.pk}&card={card_key(participant_pk=participant.pk)}"


@staff_permission_required(CHECK_IN)
@require_POST
def check_in_scan_result(request: HttpRequest, conference: str) -> JsonResponse:
    """What the camera page shows after each scan, without leaving the page: the person let
    in (green), already in today (amber), refused with the reason (red), or, at a zone that
    confirms each entry, the person to compare with the photo and a button to let them in."""
    conference = get_object_or_404(Conference, slug=conference)
    zone = door_zone(conference, request.POST.get("zone"))
    participant = participant_for_badge(conference=conference, code=request.POST.get("code", ""))
    context = {"conference": conference, "zone": zone, "participant": participant}
    if participant is None:
        state = "refused"
        context["message"] = _(
            "Refused: this badge is unknown here. Send the person to the accreditation desk."
        )
    elif zone.confirm_each_entry and request.POST.get("confirm") != "1":
        refusal = entry_refusal(
            participant=participant, zone=zone, day=door_day(conference=conference)
        )
        state = "refused" if refusal else "confirm"
        context["message"] = refusal[1] if refusal else ""
    else:
        state, context["message"] = door_enter(request, conference, zone, participant)
    context["state"] = state
    response = JsonResponse(
        {
            "state": state,
            "html": render_to_string("accreditation/_door_result.html", context, request).strip(),
        }
    )
    add_never_cache_headers(response)
    return response


def door_enter(
    request: HttpRequest, conference: Conference, zone: Zone, participant: Participant
) -> tuple[str, str]:
    """Let the participant in; ("entered" | "already" | "refused", what to tell the door)."""
    try:
        result = participant_enter(participant=participant, zone=zone, by=request.user)
    except CheckInRefused as refusal:
        return "refused", refusal.message
    context = {
        "name": participant.full_name,
        "zone": zone.translated_name,
        "when": local_time(result.entry.entered_at, conference.tzinfo, format=TIME_OF_DAY),
    }
    if result.created:
        return "entered", _("%(name)s entered %(zone)s at %(when)s.") % context
    return "already", _("%(name)s already entered %(zone)s today at %(when)s.") % context


@staff_permission_required(CHECK_IN)
@require_http_methods(["GET", "POST"])
def check_in_participant(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    """A participant's card at the door, reached from a scan or a search (their links carry
    the card's key); supervisors, who may find anyone by the number alone, need no key."""
    if not request.user.has_perm(CHECK_IN_BY_NUMBER) and not card_key_valid(
        participant_pk=pk, key=request.GET.get("card", "")
    ):
        raise Http404
    conference = get_object_or_404(Conference, slug=conference)
    participant = get_object_or_404(participants_for_check_in(conference=conference), pk=pk)
    zone = door_zone(conference, request.POST.get("zone") or request.GET.get("zone"))
    if request.method == "POST":
        state, message = door_enter(request, conference, zone, participant)
        level = {"entered": messages.SUCCESS, "already": messages.WARNING}.get(
            state, messages.ERROR
        )
        messages.add_message(request, level, message)
        return redirect(door_url(conference, zone, participant))
    day = door_day(conference=conference)
    refusal = entry_refusal(participant=participant, zone=zone, day=day)
    return render(
        request,
        "accreditation/check_in_participant.html",
        {
            "conference": conference,
            "zone": zone,
            "participant": participant,
            "badge_number": badge_number(participant),
            "refusal": refusal[1] if refusal else None,
            # A participant refused for the zone, the day or a badge held is still approved:
            # the photo helps the door; not for a registration that is not approved.
            "show_photo": participant.state == State.APPROVED,
            # What features check of the badge (e.g. "Security clearance: cleared").
            "badge_checks": badge_checks([participant])[participant.pk],
            "entry": Entry.objects.filter(participant=participant, zone=zone, day=day).first(),
            "zones": participant_zones(participant),
        },
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
    # The dashboard is the conference's home: the admin then works in it, so that the lists
    # its figures link to show this conference with only their own filters.
    workspace_enter(request, conference.pk)
    # The delegations' states only to those who may see the delegations (not door or security
    # staff, who see the totals).
    user = request.user
    sees_delegations = user.has_perm(VIEW_DELEGATIONS) or user.has_perm(
        VIEW_DELEGATIONS, conference
    )
    return render(
        request,
        "accreditation/dashboard.html",
        {
            "conference": conference,
            "list_languages": participant_list_languages(conference),
            "participant_links": participant_links(),
            **dashboard_figures(conference=conference),
            **(delegations_at_a_glance(conference=conference) if sees_delegations else {}),
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


def attendance_day(
    conference: Conference, value: str | None, days: list[datetime.date]
) -> datetime.date:
    """The day asked for (YYYY-MM-DD), else today while the meeting runs, else its first day;
    a day the report does not offer (not in `days`) is a 404."""
    if not value:
        today = door_day(conference=conference)
        return today if today in days else conference.start_date
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None
    if day not in days:
        raise Http404
    return day


@staff_permission_required(VIEW_PARTICIPANTS)
def attendance(request: HttpRequest, conference: str) -> HttpResponse:
    """Who came in on one day, by zone, delegation and category."""
    conference = get_object_or_404(Conference, slug=conference)
    days = attendance_days(conference=conference)
    day = attendance_day(conference, request.GET.get("day"), days)
    return render(
        request,
        "accreditation/attendance.html",
        {
            "conference": conference,
            "report": attendance_report(conference=conference, day=day),
            "days": days,
        },
    )


@staff_permission_required(VIEW_PARTICIPANTS)
def attendance_download(request: HttpRequest, conference: str) -> HttpResponse:
    """The day's report as XLSX: counts only, small enough to make while the page waits."""
    conference = get_object_or_404(Conference, slug=conference)
    day = attendance_day(conference, request.GET.get("day"), attendance_days(conference=conference))
    report = attendance_report(conference=conference, day=day)
    response = HttpResponse(
        attendance_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"attendance-{conference.slug}-{day.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
