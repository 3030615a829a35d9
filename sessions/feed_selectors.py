"""Who sees what in the machine-readable programme: calendar feeds, the schedule API, frab.

The programme itself is read through sessions.selectors, like the pages, and who may have a
preview is the same rule (conference.public.can_preview); only where it applies differs.
Pages preview for those users everywhere, so they read the session cookie on each request.
Feeds and the API must not (a public response that varies on cookies defeats shared caches
and calendar clients), so here a preview applies only where the public would get a 404: an
unpublished conference, or an unpublished session's own feed. A preview is never cached or
shared.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Max, QuerySet
from django.http import Http404

from conference.models import Conference, Room
from conference.public import can_preview
from conference.selectors import conference_get
from sessions.models import Session, Track
from sessions.selectors import programme_sessions

AnyUser = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Export:
    """A conference as one request may see it: the public programme, or a staff preview."""

    conference: Conference
    preview: bool


def export_for_conference(*, slug: str, user: AnyUser) -> Export:
    """The conference to export, or Http404; `can_preview` users get unpublished ones too.

    `user` is only looked at for unpublished conferences, so public responses never touch the
    session (no `Vary: Cookie`, nothing that keeps a shared cache from storing them).
    """
    try:
        # Any conference with the slug, published or not: who may see it is decided below.
        conference = conference_get(slug=slug, preview=True)
    except Conference.DoesNotExist:
        raise Http404 from None
    if conference.is_published:
        return Export(conference=conference, preview=False)
    if can_preview(user, conference):
        return Export(conference=conference, preview=True)
    raise Http404


def export_for_session(*, slug: str, pk: int, user: AnyUser) -> tuple[Export, Session]:
    """One session with its conference, room and speakers, or Http404; `can_preview` users
    may see an unpublished one."""
    session = (
        Session.objects.select_related("conference__venue")
        .with_programme_details()
        .filter(conference__slug=slug, pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    preview = not (session.is_published and session.conference.is_published)
    if preview and not can_preview(user, session.conference):
        raise Http404
    return Export(conference=session.conference, preview=preview), session


def export_sessions(
    *,
    export: Export,
    days: list[datetime.date] | None = None,
    track: Track | None = None,
    kind: str = "",
    room: Room | None = None,
    language: str = "",
) -> QuerySet[Session]:
    """The sessions in agenda order; read them with sessions.rows.session_rows (room, venue,
    track and speakers in two queries).

    `days` are days in the conference's own time zone: the sessions that start on them;
    `language` one the sessions are held in or interpreted into.
    """
    return programme_sessions(
        conference=export.conference,
        preview=export.preview,
        days=days,
        track=track,
        kind=kind,
        room=room,
        language=language,
    )


def published_conferences() -> QuerySet[Conference]:
    return Conference.objects.published().select_related("venue").prefetch_related("hosts")


def conferences_version() -> tuple[datetime.datetime | None, int]:
    """When any conference last changed, and how many there are (a deletion changes only that).

    Taken over all conferences, published or not: unpublishing one must change the version too.
    """
    stamp = Conference.objects.aggregate(changed_at=Max("programme_changed_at"), count=Count("pk"))
    return stamp["changed_at"], stamp["count"]
