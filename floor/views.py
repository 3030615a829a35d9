"""Staff pages of the floor: managing a list of speakers, the chair's page and the room's
screen (both live), seating plans, and the PDFs the worker makes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.models import Conference
from conference.staff import staff_permission_required
from delegations.models import Participant
from delegations.task_document_views import TaskDocumentView
from floor import documents, speakers
from floor.forms import (
    CustomOrderForm,
    DocumentLanguageForm,
    DrawForm,
    MoveForm,
    SpeakerChangeForm,
    StaffInscribeForm,
    SwapForm,
    errors_to_form,
)
from floor.models import (
    FloorDocument,
    FloorDocumentKind,
    Inscription,
    InscriptionStatus,
    ListChange,
    SeatingPlan,
    SpeakersList,
    SwapRequest,
)
from floor.selectors import live_state, members_by_delegation, sessions_taking_inscriptions
from floor.svg import floor_plan_svg

WAITING = InscriptionStatus.WAITING
VIEW_LIST = "floor.view_speakerslist"
CHANGE_LIST = "floor.change_speakerslist"
CHANGE_SEATING = "floor.change_seatingplan"


def _list_for(conference: str, session: int) -> SpeakersList:
    conference = get_object_or_404(Conference, slug=conference)
    found = get_object_or_404(sessions_taking_inscriptions(conference=conference), pk=session)
    return speakers.speakers_list_open(session=found)


def _manage_url(speakers_list: SpeakersList) -> str:
    session = speakers_list.session
    return reverse(
        "floor:manage", kwargs={"conference": session.conference.slug, "session": session.pk}
    )


@staff_permission_required(VIEW_LIST, CHANGE_SEATING)
def floor_home(request: HttpRequest, conference: str) -> HttpResponse:
    conference = get_object_or_404(Conference, slug=conference)
    context = {
        "conference": conference,
        "sessions": sessions_taking_inscriptions(conference=conference).select_related("room"),
        "plans": SeatingPlan.objects.filter(conference=conference).select_related("room"),
    }
    return render(request, "floor/home.html", context)


def _manage_row(inscription: Inscription, members: list[Participant], forms: dict) -> dict:
    """An inscription with its forms: blank, or the one `forms` sends back with its errors."""
    sent = forms if forms.get("failed_pk") == inscription.pk else {}
    return {
        "inscription": inscription,
        "move_form": sent.get("move_form") or MoveForm(prefix=f"move-{inscription.pk}"),
        "swap_form": sent.get("swap_form") or SwapForm(prefix=f"swap-{inscription.pk}"),
        "speaker_form": sent.get("speaker_form")
        or SpeakerChangeForm(
            members=members,
            prefix=f"speaker-{inscription.pk}",
            initial={"speaker": inscription.speaker_id},
        ),
    }


def _manage_page(request, speakers_list: SpeakersList, *, status: int = 200, **forms):
    """The list's page; `forms` holds a form sent back with its errors (`move_form`,
    `swap_form` or `speaker_form`) for the inscription `failed_pk`."""
    conference = speakers_list.session.conference
    inscriptions = speakers.speakers_in_order(speakers_list)
    members = members_by_delegation(
        delegation_ids=[i.delegation_id for i in inscriptions if i.status == WAITING]
    )
    context = {
        "conference": conference,
        "speakers_list": speakers_list,
        "session": speakers_list.session,
        "rows": [
            _manage_row(inscription, members[inscription.delegation_id], forms)
            for inscription in inscriptions
        ],
        "changes": speakers_list_changes(speakers_list),
        "swap_requests": SwapRequest.objects.filter(
            proposer__speakers_list=speakers_list
        ).select_related("proposer__delegation", "partner__delegation"),
        "inscribe_form": forms.get("inscribe_form") or StaffInscribeForm(conference=conference),
        "document_form": DocumentLanguageForm(conference=conference),
        "closed": speakers.is_closed(speakers_list),
        "waiting_status": WAITING,
    }
    return render(request, "floor/manage.html", context, status=status)


def speakers_list_changes(speakers_list: SpeakersList):
    return (
        ListChange.objects.filter(inscription__speakers_list=speakers_list)
        .select_related(
            "inscription__delegation", "changed_by", "swap_request__proposer__delegation"
        )
        .order_by("-changed_at", "-pk")
    )


@staff_permission_required(VIEW_LIST)
def manage(request: HttpRequest, conference: str, session: int) -> HttpResponse:
    return _manage_page(request, _list_for(conference, session))


@require_POST
@staff_permission_required(CHANGE_LIST)
def staff_inscribe(request: HttpRequest, conference: str, session: int) -> HttpResponse:
    speakers_list = _list_for(conference, session)
    form = StaffInscribeForm(request.POST, conference=speakers_list.session.conference)
    if form.is_valid():
        try:
            speakers.inscription_add(
                session=speakers_list.session,
                delegation=form.cleaned_data["delegation"],
                speaker=form.cleaned_data["speaker"],
                language=form.cleaned_data["language"],
                on_behalf_of=form.cleaned_data["on_behalf_of"],
                by=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "speaker" in error.error_dict:
                error.error_dict["speaker_name"] = error.error_dict.pop("speaker")
            errors_to_form(form, error)
        else:
            messages.success(request, _("The delegation is inscribed."))
            return redirect(_manage_url(speakers_list))
    return _manage_page(request, speakers_list, inscribe_form=form, status=400)


def _inscription(speakers_list: SpeakersList, pk: int) -> Inscription:
    return get_object_or_404(speakers_list.inscriptions, pk=pk)


@require_POST
@staff_permission_required(CHANGE_LIST)
def staff_move(request: HttpRequest, conference: str, session: int, pk: int) -> HttpResponse:
    speakers_list = _list_for(conference, session)
    inscription = _inscription(speakers_list, pk)
    form = MoveForm(request.POST, prefix=f"move-{pk}")
    if form.is_valid():
        try:
            speakers.inscription_move(
                inscription=inscription,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The speaker is moved."))
            return redirect(_manage_url(speakers_list))
    return _manage_page(request, speakers_list, move_form=form, failed_pk=pk, status=400)


@require_POST
@staff_permission_required(CHANGE_LIST)
def staff_swap(request: HttpRequest, conference: str, session: int, pk: int) -> HttpResponse:
    speakers_list = _list_for(conference, session)
    inscription = _inscription(speakers_list, pk)
    form = SwapForm(request.POST, prefix=f"swap-{pk}")
    if form.is_valid():
        waiting = [i for i in speakers.speakers_in_order(speakers_list) if i.status == WAITING]
        place = form.cleaned_data["other"]
        if place > len(waiting):
            form.add_error(
                "other", _("Choose a place from 1 to %(count)s.") % {"count": len(waiting)}
            )
        else:
            try:
                speakers.inscriptions_swap(
                    first=inscription,
                    second=waiting[place - 1],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("The two delegations have swapped places."))
                return redirect(_manage_url(speakers_list))
    return _manage_page(request, speakers_list, swap_form=form, failed_pk=pk, status=400)


@require_POST
@staff_permission_required(CHANGE_LIST)
def staff_speaker(request: HttpRequest, conference: str, session: int, pk: int) -> HttpResponse:
    """Another member of the delegation speaks for it; also after the list closed."""
    speakers_list = _list_for(conference, session)
    inscription = _inscription(speakers_list, pk)
    members = members_by_delegation(delegation_ids=[inscription.delegation_id])
    form = SpeakerChangeForm(
        request.POST, members=members[inscription.delegation_id], prefix=f"speaker-{pk}"
    )
    if form.is_valid():
        try:
            speakers.inscription_speaker_change(
                inscription=inscription, speaker=form.cleaned_data["speaker"], by=request.user
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The speaker is changed."))
            return redirect(_manage_url(speakers_list))
    return _manage_page(request, speakers_list, speaker_form=form, failed_pk=pk, status=400)


@require_POST
@staff_permission_required(CHANGE_LIST)
def staff_withdraw(request: HttpRequest, conference: str, session: int, pk: int) -> HttpResponse:
    speakers_list = _list_for(conference, session)
    try:
        speakers.inscription_withdraw(inscription=_inscription(speakers_list, pk), by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(_manage_url(speakers_list))


@staff_permission_required(CHANGE_LIST)
def chair(request: HttpRequest, conference: str, session: int) -> HttpResponse:
    """The chair's live page: who has the floor, the timer, who follows; calls the next."""
    speakers_list = _list_for(conference, session)
    return render(
        request,
        "floor/live.html",
        {
            "conference": speakers_list.session.conference,
            "speakers_list": speakers_list,
            "state_url": _state_url(speakers_list),
            "chair": True,
        },
    )


@staff_permission_required(VIEW_LIST)
def screen(request: HttpRequest, conference: str, session: int) -> HttpResponse:
    """The room's screen (a projector): the same as the chair's, without the controls."""
    speakers_list = _list_for(conference, session)
    return render(
        request,
        "floor/live.html",
        {
            "conference": speakers_list.session.conference,
            "speakers_list": speakers_list,
            "state_url": _state_url(speakers_list),
            "screen": True,
        },
    )


def _state_url(speakers_list: SpeakersList) -> str:
    session = speakers_list.session
    return reverse(
        "floor:state", kwargs={"conference": session.conference.slug, "session": session.pk}
    )


@require_POST
@staff_permission_required(CHANGE_LIST)
def call_next(request: HttpRequest, conference: str, session: int) -> HttpResponse:
    speakers_list = _list_for(conference, session)
    if request.POST.get("action") == "finish":
        speakers.speaker_finish(speakers_list=speakers_list)
    else:
        speakers.speaker_call_next(speakers_list=speakers_list)
    return redirect(reverse("floor:chair", kwargs={"conference": conference, "session": session}))


@staff_permission_required(VIEW_LIST)
def state(request: HttpRequest, conference: str, session: int) -> JsonResponse:
    """The live state for the chair's page and the screen, polled every second."""
    speakers_list = _list_for(conference, session)
    inscriptions = speakers.speakers_in_order(speakers_list)
    data = live_state(speakers_list=speakers_list, inscriptions=inscriptions, public=False)
    data["now"] = timezone.now().isoformat()
    response = JsonResponse(data)
    add_never_cache_headers(response)
    return response


@require_POST
@staff_permission_required(VIEW_LIST)
def speakers_document(request: HttpRequest, conference: str, session: int) -> HttpResponse:
    speakers_list = _list_for(conference, session)
    form = DocumentLanguageForm(request.POST, conference=speakers_list.session.conference)
    kind = request.POST.get("kind")
    if kind not in (FloorDocumentKind.SPEAKERS_LIST, FloorDocumentKind.DELIVERED):
        kind = FloorDocumentKind.SPEAKERS_LIST
    if not form.is_valid():
        messages.error(request, _("Choose one of the meeting's languages."))
        return redirect(_manage_url(speakers_list))
    document = documents.document_request(
        conference=speakers_list.session.conference,
        kind=kind,
        language=form.cleaned_data["language"],
        speakers_list=speakers_list,
        by=request.user,
    )
    return redirect("floor:document", pk=document.pk)


class DocumentView(TaskDocumentView):
    model = FloorDocument
    permissions = (VIEW_LIST, CHANGE_SEATING)
    base_template = "floor/base.html"

    def back_link(self, document: FloorDocument) -> tuple[str, str]:
        return reverse("floor:home", args=[document.conference.slug]), _("On the floor")


def _plan(conference: str, pk: int) -> SeatingPlan:
    return get_object_or_404(
        SeatingPlan.objects.select_related("conference", "room"), conference__slug=conference, pk=pk
    )


def _plan_page(request, plan: SeatingPlan, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        "conference": plan.conference,
        "plan": plan,
        "seats": plan.seats.select_related("delegation").order_by("order"),
        "reserved_seats": plan.reserved_seats.select_related("delegation"),
        "draw_form": forms.get("draw_form") or DrawForm(),
        "custom_form": forms.get("custom_form")
        or CustomOrderForm(initial={"custom_order": plan.custom_order}),
        "document_form": DocumentLanguageForm(conference=plan.conference),
    }
    return render(request, "floor/seating.html", context, status=status)


@staff_permission_required(CHANGE_SEATING)
def seating(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    return _plan_page(request, _plan(conference, pk))


@require_POST
@staff_permission_required(CHANGE_SEATING)
def seating_draw(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    from floor import seating as seating_services

    plan = _plan(conference, pk)
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            plan = seating_services.seating_draw(
                plan=plan, by=request.user, seed=form.cleaned_data["seed"] or None
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Drawn: %(country)s takes the first seat (seed %(seed)s).")
                % {"country": plan.first_country.name, "seed": plan.seed},
            )
            return redirect("floor:seating", conference=conference, pk=pk)
    return _plan_page(request, plan, draw_form=form, status=400)


@require_POST
@staff_permission_required(CHANGE_SEATING)
def seating_custom(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    from floor import seating as seating_services

    plan = _plan(conference, pk)
    form = CustomOrderForm(request.POST)
    if form.is_valid():
        try:
            seating_services.seating_custom(
                plan=plan, custom_order=form.cleaned_data["custom_order"]
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The delegations are seated in your order."))
            return redirect("floor:seating", conference=conference, pk=pk)
    return _plan_page(request, plan, custom_form=form, status=400)


@staff_permission_required(CHANGE_SEATING)
def seating_svg(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    """The floor plan, an A3 landscape SVG with each delegation's seats."""
    plan = _plan(conference, pk)
    if not plan.seats.exists():
        raise Http404
    response = HttpResponse(floor_plan_svg(plan=plan), content_type="image/svg+xml")
    response.headers["Content-Disposition"] = (
        f'inline; filename="floor-plan-{plan.conference.slug}-{plan.room_id}.svg"'
    )
    return response


@require_POST
@staff_permission_required(CHANGE_SEATING)
def place_cards(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    plan = _plan(conference, pk)
    form = DocumentLanguageForm(request.POST, conference=plan.conference)
    if not form.is_valid() or not plan.seats.exists():
        messages.error(request, _("Seat the delegations first, then choose a language."))
        return redirect("floor:seating", conference=conference, pk=pk)
    document = documents.document_request(
        conference=plan.conference,
        kind=FloorDocumentKind.PLACE_CARDS,
        language=form.cleaned_data["language"],
        seating_plan=plan,
        by=request.user,
    )
    return redirect("floor:document", pk=document.pk)
