"""The read-only schedule API, version 1: JSON under /api/v1/ (docs/api.md, /api/v1/openapi.json).

Plain Django views: the API is a handful of read-only GETs, so a framework would add more than
it saves. Field names are a contract: add fields freely, never rename or remove them in v1.
"""

import functools
from collections.abc import Callable, Iterable
from typing import Any

import orjson
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from conference.models import Conference, Room
from conference.public import (
    LANGUAGE_PARAMETER,
    PUBLIC_MAX_AGE,
    cached_response,
    in_requested_language,
    stored_page,
)
from sessions.caching import programme_response
from sessions.feed_forms import PageQueryForm, SessionQueryForm
from sessions.feed_selectors import (
    conferences_version,
    export_for_conference,
    export_for_session,
    export_sessions,
    published_conferences,
)
from sessions.models import SessionKind, SessionRoleKind, Speaker, Track
from sessions.openapi import openapi_document
from sessions.rows import SessionRow, row_from_session, session_rows
from sessions.selectors import rooms_visible, speakers_with_roles, tracks_visible


def _json(data: dict[str, Any], status: int = 200) -> HttpResponse:
    """`data` as JSON in UTF-8. orjson writes the 500 sessions of a whole programme (0.6 MB)
    about ten times faster than the json module, a third of the response's time before."""
    return HttpResponse(
        orjson.dumps(data, default=_lazy_text), status=status, content_type="application/json"
    )


def _lazy_text(value: object) -> str:
    """A lazily translated text (gettext_lazy), the one type the API's data may hold that
    orjson does not know."""
    if isinstance(value, Promise):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _invalid_language(error: ValidationError) -> HttpResponse:
    return _json(
        {"errors": {LANGUAGE_PARAMETER: [{"message": m, "code": error.code} for m in error]}},
        status=400,
    )


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET/HEAD only, in the language asked for (`?lang=`, else Accept-Language), errors as
    JSON, and readable from any web page (the data is public)."""

    @require_safe
    @in_requested_language(_invalid_language)
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = stored_page(request, slug=kwargs.get("conference", "")) or view(
                request, *args, **kwargs
            )
        except Http404:
            response = _json({"detail": _("Not found.")}, status=404)
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def _invalid(form: Form) -> HttpResponse:
    return _json({"errors": form.errors.get_json_data()}, status=400)


def _url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    """An absolute link to the API or a feed that keeps the `?lang=` this request asked for."""
    url = request.build_absolute_uri(reverse(name, kwargs=kwargs))
    if LANGUAGE_PARAMETER not in request.GET:
        return url
    return f"{url}?{urlencode({LANGUAGE_PARAMETER: get_language()})}"


def _page_url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    """An absolute link to a page in the response's language, which its prefix names."""
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


def _page(
    request: HttpRequest,
    items: QuerySet,
    *,
    limit: int,
    offset: int,
    serialize: Callable[[Any], dict[str, Any]],
    rows: Callable[[QuerySet], Iterable[Any]] = lambda page: page,
) -> dict[str, Any]:
    """One page of `items`; `rows` reads the page's slice (sessions: sessions.rows).

    The slice holds one item more than the page, to tell whether the page is the last: then
    the count is known without a COUNT query (a whole programme in one request, most pages
    of a small list). Only a page followed by others, or one past the end, counts."""
    found = list(rows(items[offset : offset + limit + 1]))
    page = found[:limit]
    last = len(found) <= limit and (found or offset == 0)
    count = offset + len(found) if last else items.count()

    def link(to: int) -> str:
        query = request.GET.copy()
        query["limit"], query["offset"] = str(limit), str(to)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
        "results": [serialize(item) for item in page],
    }


# Representations. Times carry the conference's UTC offset; its zone name is on the conference.


def conference_data(request: HttpRequest, conference: Conference) -> dict[str, Any]:
    slug = conference.slug
    venue = conference.venue
    return {
        "slug": slug,
        "title": conference.translated_title,
        "short_title": conference.translated_short_title,
        "theme": conference.translated_theme,
        "description": conference.translated_description,
        "languages": list(conference.languages),
        "time_zone": conference.time_zone,
        "start_date": conference.start_date.isoformat(),
        "end_date": conference.end_date.isoformat(),
        "days": [day.isoformat() for day in conference.days],
        "venue": (
            {
                "name": venue.name,
                "address": venue.address,
                "city": venue.city,
                "country": venue.country.code,
            }
            if venue
            else None
        ),
        "hosts": [
            {"name": host.name, "country": host.country.code or None}
            for host in conference.hosts.all()
        ],
        "programme_changed_at": conference.programme_changed_at.astimezone(
            conference.tzinfo
        ).isoformat(),
        "links": {
            "self": _url(request, "feeds:api_conference", conference=slug),
            "html": _page_url(request, "programme:conference", conference=slug),
            "sessions": _url(request, "feeds:api_session_list", conference=slug),
            "speakers": _url(request, "feeds:api_speaker_list", conference=slug),
            "rooms": _url(request, "feeds:api_room_list", conference=slug),
            "tracks": _url(request, "feeds:api_track_list", conference=slug),
            "calendar": _url(request, "feeds:conference_ics", conference=slug),
            "frab_xml": _url(request, "feeds:frab_xml", conference=slug),
            "frab_json": _url(request, "feeds:frab_json", conference=slug),
        },
    }


class _SessionLinks:
    """The three links of every session, each made from one reversed prefix per response
    instead of three reverse() and build_absolute_uri() per session."""

    def __init__(self, request: HttpRequest, conference: Conference) -> None:
        slug = conference.slug

        def prefix(name: str, absolute) -> tuple[str, str]:
            url = absolute(request, name, conference=slug, pk=0)
            path, _sep, query = url.partition("?")
            return path.removesuffix("0/").removesuffix("0/calendar.ics"), (
                f"?{query}" if query else ""
            )

        self.tz = conference.tzinfo
        # Formatted once per response: moments (sessions share them), and every label in the
        # response's language (a handful each: a plain lookup per session and per speaker).
        self.moments: dict = {}
        self.role_labels = {role.value: str(role.label) for role in SessionRoleKind}
        self.kind_labels = {kind.value: str(kind.label) for kind in SessionKind}
        self.tracks: dict[int, dict[str, Any]] = {}
        self.api, self.api_query = prefix("feeds:api_session", _url)
        self.html, _none = prefix("programme:session", _page_url)
        self.ics, self.ics_query = prefix("feeds:session_ics", _url)

    def moment(self, value) -> str:
        found = self.moments.get(value)
        if found is None:
            found = self.moments[value] = value.astimezone(self.tz).isoformat()
        return found

    def track(self, track) -> dict[str, Any]:
        found = self.tracks.get(track.pk)
        if found is None:
            found = self.tracks[track.pk] = track_data(track)
        # Shared by the sessions of its track: nothing changes the dicts before orjson.
        return found

    def __call__(self, pk: int) -> dict[str, str]:
        return {
            "self": f"{self.api}{pk}/{self.api_query}",
            "html": f"{self.html}{pk}/",
            "calendar": f"{self.ics}{pk}/calendar.ics{self.ics_query}",
        }


def session_data(
    request: HttpRequest,
    session: SessionRow,
    conference: Conference,
    links: _SessionLinks | None = None,
) -> dict[str, Any]:
    links = links or _SessionLinks(request, conference)
    role_labels = links.role_labels
    return {
        "id": session.pk,
        "title": session.translated_title,
        "kind": session.kind,
        "kind_label": links.kind_labels[session.kind],
        "description": session.translated_description,
        "starts_at": links.moment(session.starts_at),
        "ends_at": links.moment(session.ends_at),
        "duration_minutes": int((session.ends_at - session.starts_at).total_seconds() // 60),
        "room": (
            {"id": session.room.pk, "name": session.room.translated_name} if session.room else None
        ),
        "track": links.track(session.track) if session.track else None,
        "language": session.language,
        "interpretation": list(session.interpretation),
        "closed": session.is_restricted,
        "closed_to": session.restriction_label,
        "speakers": [
            {
                "id": role.speaker.pk,
                "name": role.speaker.name_with_honorific,
                "organisation": role.speaker.organisation,
                "role": role.role,
                "role_label": role_labels[role.role],
            }
            for role in session.roles
        ],
        "links": links(session.pk),
    }


def speaker_data(request: HttpRequest, speaker: Speaker, conference: Conference) -> dict[str, Any]:
    return {
        "id": speaker.pk,
        "name": speaker.name_with_honorific,
        "honorific": speaker.honorific,
        "given_name": speaker.given_name,
        "family_name": speaker.family_name,
        "name_order": speaker.name_order,
        "own_script_name": speaker.own_script_name,
        "title": speaker.title,
        "organisation": speaker.organisation,
        "bio": speaker.bio,
        "photo": request.build_absolute_uri(speaker.photo.url) if speaker.photo else None,
        "sessions": [
            {
                "id": role.session_id,
                "title": role.session.translated_title,
                "starts_at": role.session.starts_at.astimezone(conference.tzinfo).isoformat(),
                "role": role.role,
                "role_label": str(SessionRoleKind(role.role).label),
            }
            for role in speaker.visible_roles
        ],
        "links": {
            "html": _page_url(
                request, "programme:speaker", conference=conference.slug, pk=speaker.pk
            ),
        },
    }


def room_data(room: Room) -> dict[str, Any]:
    return {
        "id": room.pk,
        "name": room.translated_name,
        "capacity": room.capacity,
        "venue": {"name": room.venue.name, "city": room.venue.city},
    }


def track_data(track: Track) -> dict[str, Any]:
    return {
        "slug": track.slug,
        "name": track.translated_name,
        "description": track.translated_description,
        "colour": track.colour,
    }


def _list(items: Iterable[Any], serialize: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    results = [serialize(item) for item in items]
    return {"count": len(results), "results": results}


# Views


@api_view
def conference_list(request: HttpRequest) -> HttpResponse:
    changed_at, count = conferences_version()
    return cached_response(
        request=request,
        version=f"{changed_at.isoformat() if changed_at else '-'}/{count}",
        last_modified=changed_at,
        render=lambda: _json(_list(published_conferences(), lambda c: conference_data(request, c))),
        parameters=[LANGUAGE_PARAMETER],
    )


@api_view
def conference_detail(request: HttpRequest, conference: str) -> HttpResponse:
    export = export_for_conference(slug=conference, user=request.user)
    return programme_response(
        request=request,
        conference=export.conference,
        render=lambda: _json(conference_data(request, export.conference)),
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER],
    )


@api_view
def session_list(request: HttpRequest, conference: str) -> HttpResponse:
    """Sessions in agenda order; `day`, `track`, `kind`, `room` and `language` narrow them;
    paginated."""
    export = export_for_conference(slug=conference, user=request.user)

    def render() -> HttpResponse:
        # The choices of a filter not asked for are never read: not built either (building
        # the two querysets cost more than the rest of the form).
        asked = request.GET
        form = SessionQueryForm(
            asked,
            conference=export.conference,
            tracks=tracks_visible(conference=export.conference, preview=export.preview)
            if asked.get("track")
            else Track.objects.none(),
            rooms=rooms_visible(conference=export.conference, preview=export.preview)
            if asked.get("room")
            else Room.objects.none(),
        )
        if not form.is_valid():
            return _invalid(form)
        query = form.cleaned_data
        sessions = export_sessions(
            export=export,
            days=query["day"],
            track=query["track"],
            kind=query["kind"],
            room=query["room"],
            language=query["language"],
        ).order_by("starts_at", "room__order", "title", "pk")  # pages that never overlap
        links = _SessionLinks(request, export.conference)
        return _json(
            _page(
                request,
                sessions,
                limit=query["limit"],
                offset=query["offset"],
                serialize=lambda s: session_data(request, s, export.conference, links),
                rows=session_rows,
            )
        )

    return programme_response(
        request=request,
        conference=export.conference,
        render=render,
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER, *SessionQueryForm.base_fields],
    )


@api_view
def session_detail(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    export, session = export_for_session(slug=conference, pk=pk, user=request.user)
    return programme_response(
        request=request,
        conference=export.conference,
        render=lambda: _json(session_data(request, row_from_session(session), export.conference)),
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER],
    )


@api_view
def speaker_list(request: HttpRequest, conference: str) -> HttpResponse:
    """Speakers with a role in a published session, by family name; paginated."""
    export = export_for_conference(slug=conference, user=request.user)

    def render() -> HttpResponse:
        form = PageQueryForm(request.GET)
        if not form.is_valid():
            return _invalid(form)
        return _json(
            _page(
                request,
                speakers_with_roles(conference=export.conference, preview=export.preview),
                limit=form.cleaned_data["limit"],
                offset=form.cleaned_data["offset"],
                serialize=lambda s: speaker_data(request, s, export.conference),
            )
        )

    return programme_response(
        request=request,
        conference=export.conference,
        render=render,
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER, *PageQueryForm.base_fields],
    )


@api_view
def room_list(request: HttpRequest, conference: str) -> HttpResponse:
    export = export_for_conference(slug=conference, user=request.user)
    return programme_response(
        request=request,
        conference=export.conference,
        render=lambda: _json(
            _list(rooms_visible(conference=export.conference, preview=export.preview), room_data)
        ),
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER],
    )


@api_view
def track_list(request: HttpRequest, conference: str) -> HttpResponse:
    export = export_for_conference(slug=conference, user=request.user)
    return programme_response(
        request=request,
        conference=export.conference,
        render=lambda: _json(
            _list(tracks_visible(conference=export.conference, preview=export.preview), track_data)
        ),
        public=not export.preview,
        parameters=[LANGUAGE_PARAMETER],
    )


# The description of the API changes only with a deployment: plain max-age, no versioning.
@api_view
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def openapi(request: HttpRequest) -> HttpResponse:
    return _json(openapi_document(server_url=request.build_absolute_uri("/api/v1")))


@require_safe
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def docs(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "feeds/api_docs.html",
        {
            "api_root": request.build_absolute_uri(reverse("feeds:api_conference_list")),
            "openapi_url": request.build_absolute_uri(reverse("feeds:api_openapi")),
            "example": published_conferences().first(),
        },
    )
