"""The programme as plain rows: two `values()` queries, whatever the number of sessions.

The agenda, the speakers list, the calendar, frab and the API show hundreds of sessions and
their speakers. Building a model instance for each session, room, venue, track, role and
speaker (about 5,500 for 500 sessions) took longer than rendering them, so these read the same
sessions as plain values, with every translated text already in the active language (resolved
by PostgreSQL: `title_translations ->> 'fr'`, else the main-language `title`), and each speaker
made once however many roles they hold.

A `SessionRow` offers the names the templates and serializers read on a `Session`
(`translated_title`, `room.translated_name`, `track.colour`, `role_groups`…), so they work on
either.
"""

import datetime
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    F,
    Func,
    JSONField,
    OuterRef,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from delegations.names import name_in_latin_letters
from sessions.models import (
    RESTRICTION_FIELDS,
    Session,
    SessionKind,
    SessionRole,
    restriction_label,
)


@dataclass(slots=True, eq=False)
class VenueRow:
    name: str
    city: str


@dataclass(slots=True, eq=False)
class RoomRow:
    pk: int
    name: str
    translated_name: str
    order: int
    capacity: int | None
    venue: VenueRow


@dataclass(slots=True, eq=False)
class TrackRow:
    pk: int
    slug: str
    name: str
    translated_name: str
    colour: str
    order: int
    translated_description: str = ""


@dataclass(slots=True, eq=False)
class SpeakerRow:
    pk: int
    family_name: str
    name_with_honorific: str
    title: str
    organisation: str


@dataclass(slots=True, eq=False)
class RoleRow:
    role: str
    speaker: SpeakerRow


@dataclass(slots=True, eq=False)
class SessionRow:
    pk: int
    kind: str
    title: str
    translated_title: str
    translated_description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    updated_at: datetime.datetime
    is_published: bool
    language: str
    interpretation: list[str]
    room: RoomRow | None
    track: TrackRow | None
    roles: list[RoleRow] = field(default_factory=list)
    # Filled by sessions.selectors for the cards: grouped roles and the languages worded.
    role_groups: list = field(default_factory=list)
    language_label: str = ""
    interpretation_labels: list[str] = field(default_factory=list)
    languages_label: str = ""
    # A closed session's lists (Session.RESTRICTION_FIELDS); all empty for an open one. A
    # closed session's row has no roles: it shows nobody.
    restricted_to_categories: list[str] = field(default_factory=list)
    restricted_to_roles: list[str] = field(default_factory=list)
    restricted_to_delegation_kinds: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return SessionKind(self.kind).label

    @property
    def is_restricted(self) -> bool:
        """As Session.is_restricted: closed to all but some participants."""
        return bool(
            self.restricted_to_categories
            or self.restricted_to_roles
            or self.restricted_to_delegation_kinds
        )

    @property
    def restriction_label(self) -> str:
        """As Session.restriction_label: who may attend; empty for an open session."""
        if not self.is_restricted:
            return ""
        return restriction_label(
            categories=self.restricted_to_categories,
            roles=self.restricted_to_roles,
            delegation_kinds=self.restricted_to_delegation_kinds,
        )


def _in_language(column: str, language: str | None):
    """`column` in `language` when translated into it, else the main-language text: in SQL."""
    if not language:
        return F(column)
    return Coalesce(
        KeyTextTransform(language, f"{column}_translations"), F(column), output_field=TextField()
    )


class _Epoch(Func):
    """A moment as whole seconds since 1970: psycopg reads integers far faster than
    timestamps (Django's time-zone-aware loader parses each with a regular expression)."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)::bigint"
    output_field = BigIntegerField()


_SESSION_FIELDS = (
    "pk",
    "kind",
    "title",
    "e_starts",
    "e_ends",
    "e_updated",
    "is_published",
    "language",
    "interpretation",
    "room_id",
    "room__name",
    "room__order",
    "room__capacity",
    "room__venue__name",
    "room__venue__city",
    "track_id",
    "track__slug",
    "track__name",
    "track__colour",
    "track__order",
    *RESTRICTION_FIELDS,
)


def session_rows(sessions: QuerySet[Session], *, descriptions: bool = True) -> list[SessionRow]:
    """The sessions of `sessions`, in its order, with room, venue, track and roles (each
    role's speaker): two queries. `descriptions=False` leaves the descriptions out (the
    agenda does not show them)."""
    try:
        sql, params = _values_sql(sessions, descriptions=descriptions)
    except EmptyResultSet:  # a filter no row can match, such as no ids at all
        return []
    # Run on a cursor, not through the queryset: Django's iteration over the 500 sessions'
    # rows (chunks, a converter per epoch column) cost as much as building the SQL.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = _rows(cursor.fetchall(), one=False)
    _add_roles(rows)
    return rows


# The lists' SQL by the SQL of their sessions' ids (session_rows); bounded, as pages of every
# offset each have their own.
_COMPILED_MAX = 256
_compiled: dict[tuple[str, str | None, bool], tuple[str, tuple]] = {}


def _values_sql(sessions: QuerySet[Session], *, descriptions: bool) -> tuple[str, tuple]:
    """The SQL and parameters of `_values(sessions)`, which Django builds and compiles in about
    1.2 ms for the lists' 28 columns, five of them translated. Sessions filtered, ordered and
    sliced alike (the same SQL for their ids, compiled in a quarter of that) share it: only the
    parameters change, the ids query's own, after the columns' (the language's code)."""
    ids_sql, ids_params = sessions.values_list("pk").query.sql_with_params()
    key = (ids_sql, get_language(), descriptions)
    found = _compiled.get(key)
    if found is None:
        sql, params = _values(sessions, descriptions=descriptions).query.sql_with_params()
        head = len(params) - len(ids_params)
        # The columns come first in the SELECT, the conditions after: what holds the ids
        # query's parameters in the same order. A query that broke this would fail here.
        assert params[head:] == ids_params, (sql, params, ids_params)
        if len(_compiled) >= _COMPILED_MAX:
            _compiled.clear()
        found = _compiled[key] = (sql, params[:head])
    sql, columns_params = found
    return sql, (*columns_params, *ids_params)


# Where the arguments go in the single session's SQL: no row has these ids.
_CONFERENCE, _SESSION = -1, -2


def session_row(*, conference_id: int, pk: int, published: bool) -> SessionRow | None:
    """Session `pk` of the conference, with room, venue, track, description and roles, for
    its page; with `published` only if it is published (the caller has checked the
    conference itself). None when there is no such session.

    One query, the roles read in the session's row as an array (for a list a second query is
    cheaper: each speaker is read and named once however many roles they hold). Its SQL is
    the same for every session of every conference in one language: Django compiles it once
    per language, not on each request (compiling it cost more than running it).
    """
    sql, params, (conference_at, session_at) = _session_sql(get_language(), published)
    arguments = list(params)
    arguments[conference_at], arguments[session_at] = conference_id, pk
    with connection.cursor() as cursor:
        cursor.execute(sql, arguments)
        found = _rows(cursor.fetchall(), one=True)
    return found[0] if found else None


@functools.lru_cache(maxsize=64)
def _session_sql(language: str | None, published: bool) -> tuple[str, tuple, tuple[int, int]]:
    """session_row's SQL, its parameters with `_CONFERENCE` and `_SESSION` standing for the
    ids, and where those two are among them."""
    sessions = Session.objects.filter(conference_id=_CONFERENCE, pk=_SESSION)
    if published:
        sessions = sessions.filter(is_published=True)
    sql, params = _values(sessions, descriptions=True, one=True).query.sql_with_params()
    # Each id once, and no other parameter looks like one.
    assert params.count(_CONFERENCE) == 1, params
    assert params.count(_SESSION) == 1, params
    return sql, params, (params.index(_CONFERENCE), params.index(_SESSION))


def _values(sessions: QuerySet[Session], *, descriptions: bool, one: bool = False) -> QuerySet:
    """The columns `_rows` reads, each text in the active language; with `one`, the roles too."""
    language = get_language()
    annotations = {
        "e_starts": _Epoch("starts_at"),
        "e_ends": _Epoch("ends_at"),
        "e_updated": _Epoch("updated_at"),
        "t_title": _in_language("title", language),
        "t_room": _in_language("room__name", language),
        "t_track": _in_language("track__name", language),
    }
    if descriptions:
        annotations["t_description"] = _in_language("description", language)
        annotations["t_track_description"] = _in_language("track__description", language)
    if one:
        annotations["roles_read"] = ArraySubquery(
            _open_roles()
            .filter(session_id=OuterRef("pk"))
            .order_by("order", "pk")
            .values(json=_ROLE)
        )
    return sessions.annotate(**annotations).values_list(
        *_SESSION_FIELDS, *list(annotations)[3:], named=False
    )


def _rows(values: Iterable[tuple], *, one: bool) -> list[SessionRow]:
    moments: dict[int, datetime.datetime] = {}

    def moment(epoch: int) -> datetime.datetime:
        found = moments.get(epoch)
        if found is None:
            found = moments[epoch] = datetime.datetime.fromtimestamp(epoch, datetime.UTC)
        return found

    rooms: dict[int, RoomRow] = {}
    tracks: dict[int, TrackRow] = {}
    rows = []
    for (
        pk,
        kind,
        title,
        starts_at,
        ends_at,
        updated_at,
        is_published,
        floor,
        interpretation,
        room_id,
        room_name,
        room_order,
        room_capacity,
        venue_name,
        venue_city,
        track_id,
        track_slug,
        track_name,
        track_colour,
        track_order,
        restricted_to_categories,
        restricted_to_roles,
        restricted_to_delegation_kinds,
        t_title,
        t_room,
        t_track,
        *descriptions_read,
    ) in values:
        roles_read = descriptions_read.pop() if one else ()
        room = None
        if room_id is not None:
            room = rooms.get(room_id)
            if room is None:
                room = rooms[room_id] = RoomRow(
                    room_id,
                    room_name,
                    t_room,
                    room_order,
                    room_capacity,
                    VenueRow(venue_name, venue_city),
                )
        track = None
        if track_id is not None:
            track = tracks.get(track_id)
            if track is None:
                track = tracks[track_id] = TrackRow(
                    track_id,
                    track_slug,
                    track_name,
                    t_track,
                    track_colour,
                    track_order,
                    descriptions_read[1] if descriptions_read else "",
                )
        rows.append(
            SessionRow(
                pk,
                kind,
                title,
                t_title,
                descriptions_read[0] if descriptions_read else "",
                moment(starts_at),
                moment(ends_at),
                moment(updated_at),
                is_published,
                floor,
                interpretation,
                room,
                track,
                restricted_to_categories=restricted_to_categories,
                restricted_to_roles=restricted_to_roles,
                restricted_to_delegation_kinds=restricted_to_delegation_kinds,
            )
        )
    if one and rows and not rows[0].is_restricted:
        # jsonb in an array: the connection reads jsonb as text (Django decodes it itself).
        speakers: dict[int, SpeakerRow] = {}
        rows[0].roles = [
            RoleRow(role, _speaker_row(speakers, *speaker))
            for role, *speaker in map(json.loads, roles_read)
        ]
    return rows


def _open_roles() -> QuerySet[SessionRole]:
    """The roles of open sessions: a restricted (closed) session shows nobody, so its roles
    are not even read."""
    return SessionRole.objects.filter(**{f"session__{name}": [] for name in RESTRICTION_FIELDS})


# A role as the row of a single session carries it: [role, then _speaker_row's arguments].
_ROLE = Func(
    "role",
    "speaker_id",
    "speaker__honorific",
    "speaker__given_name",
    "speaker__family_name",
    "speaker__name_order",
    "speaker__title",
    "speaker__organisation",
    function="JSONB_BUILD_ARRAY",
    output_field=JSONField(),
)


def _speaker_row(
    known: dict[int, SpeakerRow],
    speaker_id: int,
    honorific: str,
    given: str,
    family: str,
    order: str,
    title: str,
    organisation: str,
) -> SpeakerRow:
    """The speaker's row, named once per speaker however many roles they hold."""
    speaker = known.get(speaker_id)
    if speaker is None:
        full_name = name_in_latin_letters(given_name=given, family_name=family, name_order=order)
        speaker = known[speaker_id] = SpeakerRow(
            speaker_id,
            family,
            f"{honorific} {full_name}" if honorific else full_name,
            title,
            organisation,
        )
    return speaker


def _add_roles(rows: list[SessionRow]) -> None:
    """The roles of the open sessions among `rows`, read by their ids as one array: a closed
    session shows nobody. One parameter however many sessions (a list of 500 took PostgreSQL
    longer to plan than to run), and no subquery repeating the sessions' query, which
    PostgreSQL sorted again and Django compiled again (a millisecond or two of each)."""
    by_pk = {row.pk: row for row in rows if not row.is_restricted}
    if not by_pk:
        return
    with connection.cursor() as cursor:
        cursor.execute(_roles_sql(), [_array_literal(by_pk)])
        roles = cursor.fetchall()
    speakers: dict[int, SpeakerRow] = {}
    known = speakers.get
    # By index, not unpacked: 1,743 roles on the whole programme.
    for row in roles:
        # Most speakers hold several roles: named once (_speaker_row), then found here.
        found = known(row[2]) or _speaker_row(speakers, *row[2:])
        by_pk[row[0]].roles.append(RoleRow(row[1], found))


@functools.cache
def _roles_sql() -> str:
    """_add_roles's SQL, its one parameter the array of ids: the same for every list, so
    compiled once per process (compiling it cost more than PostgreSQL took to run it)."""
    roles = (
        SessionRole.objects.filter(_AnyOf("session_id", "{}"))
        .order_by("session_id", "order", "pk")
        .values_list(
            "session_id",
            "role",
            "speaker_id",
            "speaker__honorific",
            "speaker__given_name",
            "speaker__family_name",
            "speaker__name_order",
            "speaker__title",
            "speaker__organisation",
        )
    )
    sql, params = roles.query.sql_with_params()
    assert params == ("{}",), params
    return sql


def _array_literal(ids: Iterable[int]) -> str:
    """The ids as PostgreSQL writes an array, '{1,2,3}': psycopg passes the text as it is,
    where it quoted a list's 500 ints one by one (0.2 ms of the whole programme's 14)."""
    return "{" + ",".join(map(str, ids)) + "}"


class _AnyOf(Func):
    """`column = ANY(ids)`, the ids as one parameter, an `_array_literal`; a condition for
    filter()."""

    output_field = BooleanField()

    def __init__(self, column: str, ids: str) -> None:
        super().__init__(F(column), Value(ids, output_field=TextField()))

    def as_sql(self, compiler, connection, **extra_context):
        column, ids = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        ids_sql, ids_params = compiler.compile(ids)
        return f"{column_sql} = ANY({ids_sql}::bigint[])", (*column_params, *ids_params)


def row_from_session(session: Session) -> SessionRow:
    """One Session loaded `with_programme_details` as a SessionRow, without a query: for the
    feeds and API answers of a single session, which share the lists' serializers."""
    room = session.room
    track = session.track
    row = SessionRow(
        session.pk,
        session.kind,
        session.title,
        session.translated_title,
        session.translated_description,
        session.starts_at,
        session.ends_at,
        session.updated_at,
        session.is_published,
        session.language,
        list(session.interpretation),
        room
        and RoomRow(
            room.pk,
            room.name,
            room.translated_name,
            room.order,
            room.capacity,
            VenueRow(room.venue.name, room.venue.city),
        ),
        track
        and TrackRow(
            track.pk,
            track.slug,
            track.name,
            track.translated_name,
            track.colour,
            track.order,
            track.translated_description,
        ),
        restricted_to_categories=list(session.restricted_to_categories),
        restricted_to_roles=list(session.restricted_to_roles),
        restricted_to_delegation_kinds=list(session.restricted_to_delegation_kinds),
    )
    if row.is_restricted:
        # A closed session shows nobody (with_programme_details loads no roles for it anyway).
        return row
    for role in session.roles.all():
        speaker = role.speaker
        row.roles.append(
            RoleRow(
                role.role,
                SpeakerRow(
                    speaker.pk,
                    speaker.family_name,
                    speaker.name_with_honorific,
                    speaker.title,
                    speaker.organisation,
                ),
            )
        )
    return row


@dataclass(slots=True, eq=False)
class SpeakerListRow:
    """A speaker as the speakers list shows them."""

    pk: int
    display_name: str
    title: str
    organisation: str
    bio: str


def speaker_list_rows(speakers: QuerySet) -> list[SpeakerListRow]:
    """`speakers` (a Speaker queryset, in its order) as list rows: one query."""
    rows = []
    for (
        pk,
        honorific,
        given,
        family,
        order,
        own_script,
        title,
        organisation,
        bio,
    ) in speakers.values_list(
        "pk",
        "honorific",
        "given_name",
        "family_name",
        "name_order",
        "own_script_name",
        "title",
        "organisation",
        "bio",
    ):
        full_name = name_in_latin_letters(given_name=given, family_name=family, name_order=order)
        name = f"{honorific} {full_name}" if honorific else full_name
        if own_script:
            # As PersonName.display_name: the own-script name isolated (U+2068 … U+2069).
            name = f"{name} (\u2068{own_script}\u2069)"
        rows.append(SpeakerListRow(pk, name, title, organisation, bio))
    return rows
