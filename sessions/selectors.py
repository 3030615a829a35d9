"""Reads of the public programme, for the pages, the calendar feeds, frab and the API alike.

`preview` widens each read to unpublished sessions (and their speakers and rooms); who gets a
preview is the caller's rule (sessions.views.public_page, sessions.feed_selectors.Export).
"""

import datetime
import functools
import itertools
import operator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import get_language, npgettext
from django.utils.translation import gettext as _

from conference.languages import list_separator
from conference.models import Conference, Room
from conference.translations import LanguageNames
from sessions.models import Session, SessionRole, SessionRoleKind, Speaker, Track
from sessions.rows import SessionRow, session_row, session_rows


def sessions_visible(*, conference: Conference, preview: bool) -> QuerySet[Session]:
    sessions = Session.objects.filter(conference=conference)
    return sessions if preview else sessions.published()


@dataclass(frozen=True)
class RoleGroup:
    """The people holding one role in a session, e.g. all its panellists, in order."""

    role: str
    label: str
    speakers: list[Speaker]


@functools.lru_cache(maxsize=512)
def _role_label_in(role: str, count: int, language: str | None) -> str:
    # Once per role, count and language and process (catalogues change only with a release).
    # One npgettext per group, not a dict of all seven: the agenda page asks for hundreds. The
    # context keeps these headings apart from the roles' own names (SessionRoleKind), which
    # have no plural.
    match role:
        case SessionRoleKind.CHAIR:
            return npgettext("speakers' role heading", "Chair", "Chairs", count)
        case SessionRoleKind.MODERATOR:
            return npgettext("speakers' role heading", "Moderator", "Moderators", count)
        case SessionRoleKind.KEYNOTE_SPEAKER:
            return npgettext("speakers' role heading", "Keynote speaker", "Keynote speakers", count)
        case SessionRoleKind.PANELLIST:
            return npgettext("speakers' role heading", "Panellist", "Panellists", count)
        case SessionRoleKind.PRESENTER:
            return npgettext("speakers' role heading", "Presenter", "Presenters", count)
        case SessionRoleKind.DISCUSSANT:
            return npgettext("speakers' role heading", "Discussant", "Discussants", count)
        case SessionRoleKind.RAPPORTEUR:
            return npgettext("speakers' role heading", "Rapporteur", "Rapporteurs", count)
    raise ValueError(role)


# Protocol order of the roles: the order in which SessionRoleKind declares them.
_ROLE_RANK = {role: position for position, role in enumerate(SessionRoleKind.values)}


def session_role_groups(
    *, session: Session | SessionRow, language: str | None = None
) -> list[RoleGroup]:
    """Roles grouped by kind in protocol order (chair first), each group in the set order.

    `language`: the active one, when the caller has looked it up already (once for a list:
    looking it up again for each of the whole programme's 1,000 groups cost a millisecond).
    """
    roles = session.roles if isinstance(session, SessionRow) else session.roles.all()
    if not roles:
        return []
    language = language or get_language()
    roles = sorted(roles, key=_role_rank)
    groups = []
    for role, members in itertools.groupby(roles, key=operator.attrgetter("role")):
        speakers = [member.speaker for member in members]
        groups.append(RoleGroup(role, _role_label_in(role, len(speakers), language), speakers))
    return groups


def _role_rank(role) -> int:
    return _ROLE_RANK[role.role]


def session_cards(sessions: QuerySet[Session]) -> list[Session]:
    """The sessions as a session card shows them: room, track and `role_groups` loaded, and
    their languages named: `language_label` (the floor language), `interpretation_labels` and
    `languages_label` ("English, interpreted into French, Arabic").

    Every page that shows sessions goes through here, so each card lists its speakers, in a
    constant number of queries.
    """
    return _with_card_labels(list(sessions.with_programme_details()))


def _with_card_labels(sessions: list) -> list:
    """Role groups and languages worded, on Sessions or SessionRows alike."""
    names = LanguageNames()
    language = get_language()
    # A programme has few combinations of languages: each is worded once.
    worded: dict[tuple[str, ...], str] = {}
    for session in sessions:
        session.role_groups = session_role_groups(session=session, language=language)
        session.language_label = names[session.language]
        session.interpretation_labels = [names[code] for code in session.interpretation]
        combination = (session.language, *session.interpretation)
        if combination not in worded:
            worded[combination] = _languages_label(
                session.language_label, session.interpretation_labels
            )
        session.languages_label = worded[combination]
    return sessions


def _languages_label(floor: str, interpretation: list[str]) -> str:
    if not interpretation:
        return floor
    return _("%(floor)s, interpreted into %(languages)s") % {
        "floor": floor,
        "languages": list_separator().join(interpretation),
    }


def session_get(*, conference: Conference, pk: int, preview: bool) -> SessionRow:
    """One session as a card shows it (a SessionRow with its roles: one query, no model
    instances).

    Raises Session.DoesNotExist if the session is not visible.
    """
    # As sessions_visible: the public sees published sessions of a published conference.
    published = not preview
    session = None
    if conference.is_published or not published:
        session = session_row(conference_id=conference.pk, pk=pk, published=published)
    if session is None:
        raise Session.DoesNotExist
    [session] = _with_card_labels([session])
    return session


def programme_sessions(
    *,
    conference: Conference,
    preview: bool,
    days: list[datetime.date] | None = None,
    track: Track | None = None,
    kind: str = "",
    room: Room | None = None,
    language: str = "",
) -> QuerySet[Session]:
    """Visible sessions in agenda order, narrowed by the filters given.

    `days` are dates in the conference's own time zone: the sessions starting from the first
    of them to the end of the last. `language`: sessions held in it or interpreted into it.
    """
    sessions = sessions_visible(conference=conference, preview=preview)
    if days:
        sessions = sessions.filter(
            starts_at__gte=conference.local_midnight(min(days)),
            starts_at__lt=conference.local_midnight(max(days) + datetime.timedelta(days=1)),
        )
    if track:
        sessions = sessions.filter(track=track)
    if kind:
        sessions = sessions.filter(kind=kind)
    if room:
        sessions = sessions.filter(room=room)
    if language:
        sessions = sessions.filter(Q(language=language) | Q(interpretation__contains=[language]))
    return sessions


@dataclass(frozen=True)
class TimeSlot:
    """Sessions starting at the same moment: parallel sessions share a slot."""

    starts_at: datetime.datetime
    sessions: list[SessionRow]


@dataclass(frozen=True)
class AgendaDay:
    day: datetime.date
    slots: list[TimeSlot]


def conference_is_running(*, conference: Conference, now: datetime.datetime) -> bool:
    """Whether `now` falls on one of the meeting's days (local time)."""
    return conference.starts_at <= now < conference.ends_at


def agenda_default_day(*, conference: Conference, now: datetime.datetime) -> datetime.date:
    """Today (local) while the meeting runs, else its first day."""
    if conference_is_running(conference=conference, now=now):
        return now.astimezone(conference.tzinfo).date()
    return conference.start_date


def agenda_for_days(
    *,
    conference: Conference,
    days: list[datetime.date],
    preview: bool,
    track: Track | None = None,
    kind: str = "",
    room: Room | None = None,
    language: str = "",
) -> list[AgendaDay]:
    """The visible sessions of `days` (local dates), filtered, grouped by day then time slot."""
    sessions = programme_sessions(
        conference=conference,
        preview=preview,
        days=days,
        track=track,
        kind=kind,
        room=room,
        language=language,
    )
    by_day: dict[datetime.date, list[SessionRow]] = {day: [] for day in days}
    tz = conference.tzinfo
    # Plain rows, not model instances: the whole programme is 500 sessions (sessions.rows).
    for session in _with_card_labels(session_rows(sessions, descriptions=False)):
        by_day[session.starts_at.astimezone(tz).date()].append(session)
    return [
        AgendaDay(
            day,
            [
                TimeSlot(starts_at, list(slot))
                for starts_at, slot in itertools.groupby(day_sessions, key=lambda s: s.starts_at)
            ],
        )
        for day, day_sessions in by_day.items()
    ]


def sessions_now_and_next(
    *, conference: Conference, now: datetime.datetime, preview: bool
) -> tuple[list[Session], list[Session]]:
    """Sessions running at `now`, and those starting next (all parallel ones); empty outside the
    meeting's dates."""
    if not conference_is_running(conference=conference, now=now):
        return [], []
    visible = sessions_visible(conference=conference, preview=preview)
    next_start = visible.filter(starts_at__gt=now).order_by("starts_at").values("starts_at")[:1]
    # Running and next in one query (and one for their speakers), told apart here.
    sessions = session_cards(
        visible.filter(Q(starts_at__lte=now, ends_at__gt=now) | Q(starts_at=next_start))
    )
    running = [session for session in sessions if session.starts_at <= now]
    upcoming = [session for session in sessions if session.starts_at > now]
    return running, upcoming


def tracks_visible(*, conference: Conference, preview: bool) -> QuerySet[Track]:
    """The tracks (sub-themes) of the conference's visible sessions, in their order: a
    sub-theme whose sessions are all unpublished stays unpublished too."""
    used = sessions_visible(conference=conference, preview=preview).filter(track=OuterRef("pk"))
    return Track.objects.filter(conference=conference).filter(Exists(used))


def rooms_visible(*, conference: Conference, preview: bool) -> QuerySet[Room]:
    """The rooms the conference's visible sessions use, with their venue."""
    used = sessions_visible(conference=conference, preview=preview).filter(room=OuterRef("pk"))
    return Room.objects.filter(Exists(used)).select_related("venue")


def sessions_by_ids(*, conference: Conference, ids: list[int], preview: bool) -> list[Session]:
    """The visible sessions among `ids`, in time order; unknown or hidden ids are left out."""
    return session_cards(
        sessions_visible(conference=conference, preview=preview).filter(pk__in=ids)
    )


def speakers_visible(*, conference: Conference, preview: bool) -> QuerySet[Speaker]:
    """Speakers with at least one visible open session, by name: nobody else is on the
    programme (a closed session does not say who speaks in it)."""
    on_programme = (
        sessions_visible(conference=conference, preview=preview)
        .open()
        .filter(roles__speaker=OuterRef("pk"))
    )
    return (
        Speaker.objects.filter(conference=conference)
        .filter(Exists(on_programme))
        .order_by("family_name", "given_name", "pk")
    )


def speakers_with_roles(*, conference: Conference, preview: bool) -> QuerySet[Speaker]:
    """`speakers_visible`, each with `visible_roles`: their roles in visible sessions, by time."""
    roles = (
        SessionRole.objects.filter(
            session__in=sessions_visible(conference=conference, preview=preview).open()
        )
        .select_related("session__room", "session__track")
        .order_by("session__starts_at", "order", "pk")
    )
    return speakers_visible(conference=conference, preview=preview).prefetch_related(
        Prefetch("roles", queryset=roles, to_attr="visible_roles")
    )


def speaker_get(*, conference: Conference, pk: int, preview: bool) -> Speaker:
    """One visible speaker with `visible_roles`.

    Raises Speaker.DoesNotExist if the speaker is not on the visible programme.
    """
    return speakers_with_roles(conference=conference, preview=preview).get(pk=pk)
