"""Reads behind the machine-readable programme: calendar feeds, the schedule API, frab exports.

The public sees published sessions of published conferences. Staff may preview an unpublished
conference or session; such a preview is never cached or shared (`Export.is_public` is False).
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet
from django.http import Http404

from conference.models import Conference, Room
from sessions.models import Session, SessionRole, Speaker, Track

AnyUser = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Export:
    """A conference as one request may see it: everything public, or a staff preview."""

    conference: Conference
    is_public: bool


def _is_staff(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_staff)


def export_for_conference(*, slug: str, user: AnyUser) -> Export:
    """The conference to export, or Http404; staff also get unpublished ones, as a preview.

    `user` is only looked at for unpublished conferences, so public responses never touch the
    session (no `Vary: Cookie`, nothing that keeps a shared cache from storing them).
    """
    conference = Conference.objects.select_related("venue").filter(slug=slug).first()
    if conference is None:
        raise Http404
    if conference.is_published:
        return Export(conference=conference, is_public=True)
    if _is_staff(user):
        return Export(conference=conference, is_public=False)
    raise Http404


def _with_programme_details(sessions: QuerySet[Session]) -> QuerySet[Session]:
    roles = SessionRole.objects.select_related("speaker").order_by("order", "pk")
    return sessions.select_related("room__venue", "track").prefetch_related(
        Prefetch("roles", queryset=roles)
    )


def export_for_session(*, slug: str, pk: int, user: AnyUser) -> tuple[Export, Session]:
    """One session with its conference, rooms and speakers, or Http404; staff may preview."""
    session = (
        _with_programme_details(Session.objects.select_related("conference__venue"))
        .filter(conference__slug=slug, pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    is_public = session.is_published and session.conference.is_published
    if not is_public and not _is_staff(user):
        raise Http404
    return Export(conference=session.conference, is_public=is_public), session


def _visible_sessions(export: Export) -> QuerySet[Session]:
    sessions = Session.objects.filter(conference=export.conference)
    # A preview shows the programme as it will be once everything is published.
    return sessions.filter(is_published=True) if export.is_public else sessions


def programme_sessions(
    *,
    export: Export,
    day: datetime.date | None = None,
    track: Track | None = None,
    room: Room | None = None,
) -> QuerySet[Session]:
    """Sessions in agenda order, with room, venue, track and speakers loaded.

    `day` is a day in the conference's own time zone: the sessions that start on it.
    """
    sessions = _visible_sessions(export)
    if day:
        conference = export.conference
        sessions = sessions.filter(
            starts_at__gte=conference.local_midnight(day),
            starts_at__lt=conference.local_midnight(day + datetime.timedelta(days=1)),
        )
    if track:
        sessions = sessions.filter(track=track)
    if room:
        sessions = sessions.filter(room=room)
    return _with_programme_details(sessions)


def programme_speakers(*, export: Export) -> QuerySet[Speaker]:
    """Speakers with a role in a visible session; `programme_roles` holds those roles by time."""
    sessions = _visible_sessions(export)
    roles = (
        SessionRole.objects.filter(session__in=sessions)
        .select_related("session")
        .order_by("session__starts_at", "order", "pk")
    )
    return (
        Speaker.objects.filter(conference=export.conference)
        .filter(Exists(roles.filter(speaker=OuterRef("pk"))))
        .prefetch_related(Prefetch("roles", queryset=roles, to_attr="programme_roles"))
        .order_by("family_name", "given_name", "pk")
    )


def programme_rooms(*, export: Export) -> QuerySet[Room]:
    """Rooms where at least one visible session takes place."""
    sessions = _visible_sessions(export).filter(room=OuterRef("pk"))
    return Room.objects.filter(Exists(sessions)).select_related("venue")


def programme_tracks(*, export: Export) -> QuerySet[Track]:
    return Track.objects.filter(conference=export.conference)


def published_conferences() -> QuerySet[Conference]:
    return Conference.objects.published().select_related("venue").prefetch_related("hosts")


def conferences_version() -> tuple[datetime.datetime | None, int]:
    """When any conference last changed, and how many there are (a deletion changes only that).

    Taken over all conferences, published or not: unpublishing one must change the version too.
    """
    stamp = Conference.objects.aggregate(changed_at=Max("programme_changed_at"), count=Count("pk"))
    return stamp["changed_at"], stamp["count"]
