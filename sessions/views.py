from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from conference.models import Conference
from sessions.models import Session, Speaker


def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = Conference.objects.published()
    return render(request, "sessions/conference_list.html", {"conferences": conferences})


def conference_home(request: HttpRequest, conference: str) -> HttpResponse:
    conference = get_object_or_404(Conference.objects.published(), slug=conference)
    return render(request, "sessions/conference_home.html", {"conference": conference})


def session_detail(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    session = get_object_or_404(
        Session.objects.published().select_related("conference"),
        conference__slug=conference,
        pk=pk,
    )
    return render(request, "sessions/session_detail.html", {"session": session})


def speaker_detail(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    speaker = get_object_or_404(
        Speaker.objects.select_related("conference"), conference__slug=conference, pk=pk
    )
    return render(request, "sessions/speaker_detail.html", {"speaker": speaker})
