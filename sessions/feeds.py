"""Calendar feeds (.ics) and frab schedule exports (XML, JSON) of a conference's programme.

All public responses go through sessions.caching: ETag, 304s and a server-side body cache.
Each is in the language asked for, `?lang=` else Accept-Language: `calendar.ics?lang=fr` is
the French feed to subscribe to.
"""

import orjson
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from conference.models import Conference
from conference.public import LANGUAGE_PARAMETER, in_requested_language, stored_first
from sessions.caching import programme_response
from sessions.calendar import programme_calendar
from sessions.feed_selectors import export_for_conference, export_for_session, export_sessions
from sessions.forms import PersonalAgendaForm
from sessions.frab import frab_schedule, frab_schedule_xml
from sessions.rows import SessionRow, row_from_session, session_rows
from sessions.selectors import tracks_visible


def base_url(request: HttpRequest) -> str:
    """scheme://host of this request, for absolute links and calendar UIDs."""
    return request.build_absolute_uri("/").rstrip("/")


def _calendar_response(
    request: HttpRequest,
    *,
    conference: Conference,
    sessions: list[SessionRow],
    name: str,
    filename: str,
) -> HttpResponse:
    body = programme_calendar(
        conference=conference, sessions=sessions, name=name, base_url=base_url(request)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@in_requested_language()
@stored_first
def conference_ics(request: HttpRequest, conference: str) -> HttpResponse:
    """The whole programme; with `?session=<id>` (repeatable) only those: a personal agenda."""
    export = export_for_conference(slug=conference, user=request.user)
    form = PersonalAgendaForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            form.errors.as_text(), content_type="text/plain; charset=utf-8"
        )
    chosen = form.cleaned_data["session"]

    def render() -> HttpResponse:
        sessions = export_sessions(export=export)
        name = export.conference.translated_title
        filename = f"{export.conference.slug}.ics"
        if chosen:
            sessions = sessions.filter(pk__in=chosen)
            name = _("%(conference)s: my agenda") % {
                "conference": export.conference.translated_title
            }
            filename = f"{export.conference.slug}-my-agenda.ics"
        return _calendar_response(
            request,
            conference=export.conference,
            sessions=session_rows(sessions),
            name=name,
            filename=filename,
        )

    return programme_response(
        request=request,
        conference=export.conference,
        render=render,
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER, *PersonalAgendaForm.base_fields],
    )


@require_safe
@in_requested_language()
@stored_first
def track_ics(request: HttpRequest, conference: str, track: str) -> HttpResponse:
    export = export_for_conference(slug=conference, user=request.user)

    def render() -> HttpResponse:
        # Looked up here, not before: a cached response then costs no query for the track.
        chosen = (
            tracks_visible(conference=export.conference, preview=export.preview)
            .filter(slug=track)
            .first()
        )
        if chosen is None:
            raise Http404
        return _calendar_response(
            request,
            conference=export.conference,
            sessions=session_rows(export_sessions(export=export, track=chosen)),
            name=_("%(conference)s: %(track)s")
            % {
                "conference": export.conference.translated_title,
                "track": chosen.translated_name,
            },
            filename=f"{export.conference.slug}-{chosen.slug}.ics",
        )

    return programme_response(
        request=request,
        conference=export.conference,
        render=render,
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER],
    )


@require_safe
@in_requested_language()
@stored_first
def session_ics(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    export, session = export_for_session(slug=conference, pk=pk, user=request.user)

    def render() -> HttpResponse:
        return _calendar_response(
            request,
            conference=export.conference,
            sessions=[row_from_session(session)],
            name=_("%(conference)s: %(session)s")
            % {
                "conference": export.conference.translated_title,
                "session": session.translated_title,
            },
            filename=f"{export.conference.slug}-session-{session.pk}.ics",
        )

    return programme_response(
        request=request,
        conference=export.conference,
        render=render,
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER],
    )


def _frab_view(request: HttpRequest, conference: str, *, as_xml: bool) -> HttpResponse:
    export = export_for_conference(slug=conference, user=request.user)

    def render() -> HttpResponse:
        schedule = frab_schedule(
            conference=export.conference,
            sessions=session_rows(export_sessions(export=export)),
            base_url=base_url(request),
        )
        if as_xml:
            return HttpResponse(
                frab_schedule_xml(schedule), content_type="application/xml; charset=utf-8"
            )
        return HttpResponse(
            orjson.dumps(schedule),
            content_type="application/json; charset=utf-8",
        )

    return programme_response(
        request=request,
        conference=export.conference,
        render=render,
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER],
    )


@require_safe
@in_requested_language()
@stored_first
def frab_xml(request: HttpRequest, conference: str) -> HttpResponse:
    return _frab_view(request, conference, as_xml=True)


@require_safe
@in_requested_language()
@stored_first
def frab_json(request: HttpRequest, conference: str) -> HttpResponse:
    return _frab_view(request, conference, as_xml=False)
