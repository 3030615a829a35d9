"""Reads for the bilateral pages: offered times, a delegation's meetings, the organisers' grid."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from bilaterals.models import (
    OPEN_STATES,
    Bilateral,
    BilateralAttendee,
    BilateralSlot,
    BilateralState,
)
from conference.models import Conference, Room
from delegations.models import Delegation

Time = tuple[datetime.datetime, datetime.datetime]


def time_key(time: Time) -> str:
    """A time as a form value: the two instants as POSIX seconds."""
    return f"{int(time[0].timestamp())}-{int(time[1].timestamp())}"


def time_from_key(key: str) -> Time | None:
    try:
        start, end = (int(part) for part in key.split("-"))
        return (
            datetime.datetime.fromtimestamp(start, datetime.UTC),
            datetime.datetime.fromtimestamp(end, datetime.UTC),
        )
    except (ValueError, OverflowError, OSError):
        return None


def offered_times(*, conference: Conference) -> list[Time]:
    """Every time at which the organisers offer at least one room, in order."""
    return list(
        BilateralSlot.objects.filter(conference=conference)
        .order_by("starts_at", "ends_at")
        .values_list("starts_at", "ends_at")
        .distinct()
    )


def free_slots(*, conference: Conference) -> QuerySet[BilateralSlot]:
    """Offered slots whose room no accepted meeting takes."""
    taken = Bilateral.objects.filter(
        state=BilateralState.ACCEPTED,
        room=OuterRef("room"),
        starts_at__lt=OuterRef("ends_at"),
        ends_at__gt=OuterRef("starts_at"),
    )
    return (
        BilateralSlot.objects.filter(conference=conference)
        .exclude(Exists(taken))
        .select_related("room")
    )


def _with_details(queryset: QuerySet[Bilateral]) -> QuerySet[Bilateral]:
    return queryset.select_related("requester", "invitee", "room").prefetch_related(
        "proposals",
        Prefetch(
            "attendees",
            queryset=BilateralAttendee.objects.select_related("participant").order_by(
                "participant__family_name", "participant__given_name"
            ),
        ),
    )


def delegation_bilaterals(*, delegation: Delegation) -> list[Bilateral]:
    """The delegation's own meetings and requests, never anyone else's: accepted ones by time,
    then open ones, then the others, newest first."""
    bilaterals = list(_with_details(Bilateral.objects.involving(delegation)))
    order = {BilateralState.ACCEPTED: 0, **dict.fromkeys(OPEN_STATES, 1)}
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    bilaterals.sort(
        key=lambda b: (order.get(b.state, 2), b.starts_at or far, -b.created_at.timestamp())
    )
    return bilaterals


def delegation_bilateral(*, delegation: Delegation, pk: int) -> Bilateral | None:
    return _with_details(Bilateral.objects.involving(delegation)).filter(pk=pk).first()


def delegation_schedule(*, delegation: Delegation) -> list[Bilateral]:
    """The delegation's accepted meetings, by time (the calendar feed)."""
    return list(
        Bilateral.objects.involving(delegation)
        .accepted()
        .select_related("requester", "invitee", "room")
        .order_by("starts_at", "pk")
    )


def other_delegations(*, delegation: Delegation) -> QuerySet[Delegation]:
    return (
        Delegation.objects.filter(conference_id=delegation.conference_id)
        .exclude(pk=delegation.pk)
        .in_protocol_order()
    )


@dataclass
class GridRow:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    cells: list  # per room: a Bilateral, True (offered, free) or None (not offered)


def bilateral_rooms(*, conference: Conference) -> list[Room]:
    return list(
        Room.objects.filter(
            Q(bilateral_slots__conference=conference) | Q(bilaterals__conference=conference)
        )
        .distinct()
        .order_by("order", "name")
    )


def grid(*, conference: Conference, day: datetime.date) -> tuple[list[Room], list[GridRow]]:
    """Rooms by times of `day` (in the conference's zone): who meets where; no topics."""
    start, end = (
        conference.local_midnight(day),
        conference.local_midnight(day + datetime.timedelta(days=1)),
    )
    rooms = bilateral_rooms(conference=conference)
    column = {room.pk: index for index, room in enumerate(rooms)}
    rows: dict[Time, GridRow] = {}

    def row(starts_at, ends_at) -> GridRow:
        key = (starts_at, ends_at)
        if key not in rows:
            rows[key] = GridRow(starts_at, ends_at, [None] * len(rooms))
        return rows[key]

    for slot in BilateralSlot.objects.filter(
        conference=conference, starts_at__gte=start, starts_at__lt=end
    ).only("room_id", "starts_at", "ends_at"):
        row(slot.starts_at, slot.ends_at).cells[column[slot.room_id]] = True
    for bilateral in (
        Bilateral.objects.accepted()
        .filter(conference=conference, starts_at__gte=start, starts_at__lt=end)
        .select_related("requester", "invitee")
        .only(
            "room_id",
            "starts_at",
            "ends_at",
            "requester__country",
            "requester__organisation_name",
            "invitee__country",
            "invitee__organisation_name",
        )
    ):
        row(bilateral.starts_at, bilateral.ends_at).cells[column[bilateral.room_id]] = bilateral
    return rooms, [rows[key] for key in sorted(rows)]


def room_day_bilaterals(*, room: Room, conference: Conference, day: datetime.date) -> list:
    start = conference.local_midnight(day)
    end = conference.local_midnight(day + datetime.timedelta(days=1))
    return list(
        Bilateral.objects.accepted()
        .filter(conference=conference, room=room, starts_at__gte=start, starts_at__lt=end)
        .select_related("requester", "invitee")
        .order_by("starts_at")
    )
