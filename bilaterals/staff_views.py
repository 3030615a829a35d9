"""The organisers' bilateral pages: the grid of rooms by times, door signs."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bilaterals.models import DoorSign, DoorSignStatus
from bilaterals.selectors import grid as grid_rows
from bilaterals.tasks import door_sign_make
from conference.models import Conference, Room
from conference.staff import conference_by_object, staff_permission_required
from delegations.private_files import private_file_response

VIEW_BILATERALS = "bilaterals.view_bilateral"


def _day(conference: Conference, value: str | None) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return conference.start_date
    return day if conference.start_date <= day <= conference.end_date else conference.start_date


@staff_permission_required(VIEW_BILATERALS)
def grid(request: HttpRequest, conference: str) -> HttpResponse:
    """Rooms by times of one day: who meets where. Never the topics."""
    conference = get_object_or_404(Conference, slug=conference)
    day = _day(conference, request.GET.get("day"))
    rooms, rows = grid_rows(conference=conference, day=day)
    return render(
        request,
        "bilaterals/grid.html",
        {
            "conference": conference,
            "day": day,
            "days": conference.days,
            "rooms": rooms,
            "rows": rows,
            "tz": conference.tzinfo,
            "languages": [(code, name) for code, name in settings.LANGUAGES],
        },
    )


class DoorSignForm(forms.Form):
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.all())
    day = forms.DateField(label=_("Day"))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


@staff_permission_required(VIEW_BILATERALS)
@require_POST
def door_sign_request(request: HttpRequest, conference: str) -> HttpResponse:
    """Queue the door sign of a room for a day; follow it on its page."""
    conference = get_object_or_404(Conference, slug=conference)
    form = DoorSignForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[field].label}: {error}")
        return redirect("bilaterals:grid", conference=conference.slug)
    door_sign = DoorSign.objects.create(
        conference=conference,
        room=form.cleaned_data["room"],
        day=_day(conference, form.cleaned_data["day"].isoformat()),
        language=form.cleaned_data["language"],
    )
    door_sign_make.enqueue(door_sign_id=door_sign.pk)
    return redirect("bilaterals:door_sign", pk=door_sign.pk)


@staff_permission_required(VIEW_BILATERALS, conference=conference_by_object(DoorSign))
def door_sign(request: HttpRequest, pk: int) -> HttpResponse:
    door_sign = get_object_or_404(DoorSign.objects.select_related("conference", "room"), pk=pk)
    return render(request, "bilaterals/door_sign.html", {"door_sign": door_sign})


@staff_permission_required(VIEW_BILATERALS, conference=conference_by_object(DoorSign))
def door_sign_file(request: HttpRequest, pk: int) -> FileResponse:
    door_sign = get_object_or_404(DoorSign, pk=pk, status=DoorSignStatus.DONE)
    return private_file_response(
        door_sign.file,
        content_type="application/pdf",
        download_name=f"door-sign-{door_sign.room_id}-{door_sign.day}.pdf",
    )
