"""Calendar feeds (.ics). Placeholder views until the feeds land; they answer 404."""

from django.http import Http404


def conference_ics(request, conference):
    raise Http404


def track_ics(request, conference, track):
    raise Http404


def session_ics(request, conference, pk):
    raise Http404
