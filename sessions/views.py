"""Public programme pages. Anonymous visitors see published items only; staff get a preview.

The programme pages go through sessions.caching for the public: ETags, 304s and a server-side
copy of the rendered page, so a visitor's request mostly costs one query. Search and the
personal agenda are left out: their URLs are endless (any words, any set of ids), so a stored
copy would seldom be asked for again, and they render quickly anyway. The conference list
costs one query as it is.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from conference.models import Conference
from conference.public import (
    conference_page,
    public_page,
    render_in_conference_zone,
)
from conference.selectors import conferences_visible
from sessions import selectors
from sessions.agenda_html import agenda_html
from sessions.caching import programme_response
from sessions.forms import ALL_DAYS, PersonalAgendaForm, SearchForm, SessionFilterForm
from sessions.models import Session, Speaker
from sessions.rows import speaker_list_rows
from sessions.search import programme_search
from sessions.session_html import session_detail_html
from sessions.speaker_list_html import speaker_list_html


def _webcal_url(request: HttpRequest, conference: Conference) -> str:
    """The whole programme's feed, to subscribe to in the language of this page."""
    url = request.build_absolute_uri(
        reverse("feeds:conference_ics", kwargs={"conference": conference.slug})
    )
    return "webcal://" + url.split("://", 1)[1] + "?" + urlencode({"lang": get_language()})


@public_page
def conference_list(request: HttpRequest, *, preview: bool) -> HttpResponse:
    conferences = conferences_visible(preview=preview)
    return render_in_conference_zone(
        request,
        "sessions/conference_list.html",
        {"conferences": conferences},
        conference=None,
        preview=preview,
    )


@conference_page
def conference_home(request: HttpRequest, conference: Conference, *, preview: bool) -> HttpResponse:
    now = timezone.now()

    def render_home() -> HttpResponse:
        running, upcoming = selectors.sessions_now_and_next(
            conference=conference, now=now, preview=preview
        )
        return render_in_conference_zone(
            request,
            "sessions/conference_home.html",
            {
                "running": running,
                "upcoming": upcoming,
                "takes_applications": conference.takes_applications(now),
                "webcal_url": _webcal_url(request, conference),
            },
            conference=conference,
            preview=preview,
        )

    # While the meeting runs, "now and next" move with the clock: a stored copy serves the
    # minute it was made in, about as long as browsers keep it (PUBLIC_MAX_AGE). The link to
    # the application form comes and goes as registration opens and closes.
    running = selectors.conference_is_running(conference=conference, now=now)
    clock_moments = [
        now.replace(second=0, microsecond=0) if running else None,
        conference.registration_last_opened_or_closed(now),
    ]
    return programme_response(
        request=request,
        conference=conference,
        render=render_home,
        public=not preview,
        current_since=max((moment for moment in clock_moments if moment), default=None),
        clock=True,
    )


@conference_page
def agenda(request: HttpRequest, conference: Conference, *, preview: bool) -> HttpResponse:
    now = timezone.now()
    today = selectors.agenda_default_day(conference=conference, now=now)

    def render_agenda() -> HttpResponse:
        form = SessionFilterForm(
            request.GET,
            conference=conference,
            tracks=selectors.tracks_visible(conference=conference, preview=preview),
            rooms=selectors.rooms_visible(conference=conference, preview=preview),
        )
        # Invalid values are reported on the form; the valid ones still filter the agenda.
        form.is_valid()
        filters = form.cleaned_data
        days = filters.get("day") or [today]
        agenda_days = selectors.agenda_for_days(
            conference=conference,
            days=days,
            preview=preview,
            track=filters.get("track"),
            kind=filters.get("kind", ""),
            room=filters.get("room"),
            language=filters.get("language", ""),
        )
        filtered = any(filters.get(name) for name in ("track", "kind", "room", "language"))
        return render_in_conference_zone(
            request,
            "sessions/agenda.html",
            {
                "form": form,
                "agenda_days": agenda_days,
                "agenda_html": agenda_html(
                    agenda_days, conference=conference, preview=preview, filtered=filtered
                ),
                "selected_day": ALL_DAYS if len(days) > 1 else days[0].isoformat(),
                "filtered": filtered,
                "webcal_url": _webcal_url(request, conference),
            },
            conference=conference,
            preview=preview,
            status=400 if form.errors else 200,
        )

    # Without `day` the agenda shows today while the meeting runs: a new copy each day.
    running = selectors.conference_is_running(conference=conference, now=now)
    return programme_response(
        request=request,
        conference=conference,
        render=render_agenda,
        public=not preview,
        current_since=conference.local_midnight(today) if running else None,
        # Without `day` the page shows today: it changes when the meeting starts.
        clock="day" not in request.GET,
        parameters=SessionFilterForm.base_fields,
    )


@conference_page
def search(request: HttpRequest, conference: Conference, *, preview: bool) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    sessions, speakers = (
        programme_search(conference=conference, query=query, preview=preview) if query else ([], [])
    )
    return render_in_conference_zone(
        request,
        "sessions/search.html",
        {
            "form": form,
            "query": query,
            "sessions": sessions,
            "speakers": speakers,
            "result_count": len(sessions) + len(speakers),
        },
        conference=conference,
        preview=preview,
        status=400 if form.errors else 200,
    )


@conference_page
def session_detail(
    request: HttpRequest, conference: Conference, pk: int, *, preview: bool
) -> HttpResponse:

    def render_session() -> HttpResponse:
        try:
            session = selectors.session_get(conference=conference, pk=pk, preview=preview)
        except Session.DoesNotExist as error:
            raise Http404 from error
        html = session_detail_html(
            session,
            conference=conference,
            preview=preview,
            webcal_url=_webcal_url(request, conference),
        )
        return render_in_conference_zone(
            request,
            "sessions/session_detail.html",
            {"session": session, "session_html": html},
            conference=conference,
            preview=preview,
        )

    return programme_response(
        request=request, conference=conference, render=render_session, public=not preview
    )


@conference_page
def speaker_list(request: HttpRequest, conference: Conference, *, preview: bool) -> HttpResponse:

    def render_speakers() -> HttpResponse:
        speakers = speaker_list_rows(
            selectors.speakers_visible(conference=conference, preview=preview)
        )
        return render_in_conference_zone(
            request,
            "sessions/speaker_list.html",
            {"speakers": speakers, "speakers_html": speaker_list_html(speakers)},
            conference=conference,
            preview=preview,
        )

    return programme_response(
        request=request, conference=conference, render=render_speakers, public=not preview
    )


@conference_page
def speaker_detail(
    request: HttpRequest, conference: Conference, pk: int, *, preview: bool
) -> HttpResponse:

    def render_speaker() -> HttpResponse:
        try:
            speaker = selectors.speaker_get(conference=conference, pk=pk, preview=preview)
        except Speaker.DoesNotExist as error:
            raise Http404 from error
        return render_in_conference_zone(
            request,
            "sessions/speaker_detail.html",
            {"speaker": speaker},
            conference=conference,
            preview=preview,
        )

    return programme_response(
        request=request, conference=conference, render=render_speaker, public=not preview
    )


@conference_page
def personal_agenda(request: HttpRequest, conference: Conference, *, preview: bool) -> HttpResponse:
    form = PersonalAgendaForm(request.GET)
    ids = form.cleaned_data["session"] if form.is_valid() else []
    sessions = selectors.sessions_by_ids(conference=conference, ids=ids, preview=preview)
    calendar_url = reverse("feeds:conference_ics", kwargs={"conference": conference.slug})
    return render_in_conference_zone(
        request,
        "sessions/personal_agenda.html",
        {
            "form": form,
            "sessions": sessions,
            "calendar_url": calendar_url
            + "?"
            + urlencode(
                [("session", session.pk) for session in sessions] + [("lang", get_language())]
            ),
        },
        conference=conference,
        preview=preview,
        status=400 if form.errors else 200,
    )
