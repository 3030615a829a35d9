"""The programme in the frab schedule format (XML and c3voc's JSON), read by ConfClerk, Giggity.

One structure is built (the JSON's shape) and the XML is written from it, so both always agree.
"""

import datetime
import functools
import uuid
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from conference.models import Conference
from sessions.rows import SessionRow

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
# Only a hint for apps that draw a grid; sessions keep their own exact times.
TIMESLOT_DURATION = "00:15"


def frab_schedule(
    *, conference: Conference, sessions: Iterable[SessionRow], base_url: str
) -> dict[str, Any]:
    """The c3voc schedule.json document; `base_url` is scheme://host."""
    sessions = list(sessions)
    tz = conference.tzinfo
    # Every session's address is this prefix and its id: one reverse() for the document.
    page = reverse("programme:session", kwargs={"conference": conference.slug, "pk": 0})
    prefix = base_url + page.removesuffix("0/")
    local: dict[datetime.datetime, datetime.datetime] = {}
    rooms = _rooms(conference=conference, sessions=sessions)
    by_day = {
        day: list(day_sessions)
        for day, day_sessions in groupby(sessions, key=lambda s: s.starts_at.astimezone(tz).date())
    }
    days = []
    for index, day in enumerate(conference.days, start=1):
        by_room: dict[str, list[dict[str, Any]]] = {name: [] for name in rooms}
        for session in by_day.get(day, []):
            event = _event(session=session, conference=conference, prefix=prefix, local=local)
            by_room[event["room"]].append(event)
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": conference.local_midnight(day).isoformat(),
                "day_end": conference.local_midnight(day + datetime.timedelta(days=1)).isoformat(),
                "rooms": by_room,
            }
        )
    tracks = {s.track.pk: s.track for s in sessions if s.track}
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": "Plenary"},
        "schedule": {
            "version": conference.programme_changed_at.astimezone(tz).isoformat(),
            "base_url": base_url + "/",
            "conference": {
                "acronym": conference.slug,
                "title": conference.translated_title,
                "start": conference.start_date.isoformat(),
                "end": conference.end_date.isoformat(),
                "daysCount": len(conference.days),
                "timeslot_duration": TIMESLOT_DURATION,
                "time_zone_name": conference.time_zone,
                "url": base_url + conference.get_absolute_url(),
                "rooms": [
                    {"name": name, "guid": _guid(base_url, "room", key)}
                    for name, key in rooms.items()
                ],
                "tracks": [
                    {"name": track.translated_name, "color": track.colour}
                    for track in sorted(tracks.values(), key=lambda t: (t.order, t.name))
                ],
                "days": days,
            },
        },
    }


def frab_schedule_xml(schedule: dict[str, Any]) -> bytes:
    """The schedule.xml document (frab-schedule.xml.xsd) for a `frab_schedule` result.

    Written as text, escaped, two spaces per level: ElementTree's element per value and its
    indent() pass took most of the export's time."""
    data = schedule["schedule"]
    conference = data["conference"]
    out = ["<?xml version='1.0' encoding='utf-8'?>", "<schedule>"]
    write = out.append
    write(f"  <version>{_x(data['version'])}</version>")
    write("  <conference>")
    for tag, value in (
        ("title", conference["title"]),
        ("acronym", conference["acronym"]),
        ("start", conference["start"]),
        ("end", conference["end"]),
        ("days", conference["daysCount"]),
        ("timeslot_duration", conference["timeslot_duration"]),
    ):
        write(f"    <{tag}>{_x(value)}</{tag}>")
    write("  </conference>")
    for day in conference["days"]:
        write(
            f'  <day index="{day["index"]}" date="{_a(day["date"])}" '
            f'start="{_a(day["day_start"])}" end="{_a(day["day_end"])}">'
        )
        for room_name, events in day["rooms"].items():
            if not events:
                write(f'    <room name="{_a(room_name)}" />')
                continue
            write(f'    <room name="{_a(room_name)}">')
            for event in events:
                _event_xml(write, event)
            write("    </room>")
        write("  </day>")
    write("</schedule>")
    return "\n".join(out).encode()


_EVENT_TAGS = (
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
)


def _event_xml(write, event: dict[str, Any]) -> None:
    write(f'      <event id="{event["id"]}" guid="{event["guid"]}">')
    for tag in _EVENT_TAGS:
        value = event[tag]
        write(f"        <{tag}>{_x(value)}</{tag}>" if value else f"        <{tag} />")
    if event["persons"]:
        write("        <persons>")
        for person in event["persons"]:
            write(f'          <person id="{person["id"]}">{_x(person["public_name"])}</person>')
        write("        </persons>")
    else:
        write("        <persons />")
    write("        <links>")
    write(f'          <link href="{_a(event["url"])}">{_x(event["title"])}</link>')
    write("        </links>")
    write("      </event>")


def _x(value: object) -> str:
    """Character data escaped."""
    text = "" if value is None else str(value)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _a(value: object) -> str:
    """An attribute value escaped (in double quotes)."""
    text = _x(value)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\n" in text or "\r" in text or "\t" in text:
        text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text


def _event(
    *,
    session: SessionRow,
    conference: Conference,
    prefix: str,
    local: dict[datetime.datetime, datetime.datetime],
) -> dict[str, Any]:
    starts_at = local.get(session.starts_at)
    if starts_at is None:
        starts_at = local[session.starts_at] = session.starts_at.astimezone(conference.tzinfo)
    minutes = int((session.ends_at - session.starts_at).total_seconds() // 60)
    url = f"{prefix}{session.pk}/"
    # From the main-language title, so the slug is the same in every language's export.
    title_slug = _slug(session.title)
    return {
        "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, url)),
        "id": session.pk,
        "date": starts_at.isoformat(),
        "start": starts_at.strftime("%H:%M"),
        "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
        "room": _room_name(session=session, conference=conference),
        "slug": "-".join(part for part in (conference.slug, str(session.pk), title_slug) if part),
        "url": url,
        "title": session.translated_title,
        "subtitle": (
            _("Closed session: %(who)s only.") % {"who": session.restriction_label}
            if session.is_restricted
            else ""
        ),
        "track": session.track.translated_name if session.track else "",
        "type": session.kind,
        "language": session.language,
        "abstract": session.translated_description,
        "description": "",
        "persons": [
            {
                "id": role.speaker.pk,
                "name": role.speaker.name_with_honorific,
                # Older readers (frab, Giggity) look for public_name, newer ones for name.
                "public_name": role.speaker.name_with_honorific,
            }
            for role in session.roles
        ],
        "links": [{"url": url, "title": session.translated_title}],
        "attachments": [],
    }


@functools.lru_cache(maxsize=4096)
def _slug(title: str) -> str:
    return slugify(title)[:50].strip("-")


def _rooms(*, conference: Conference, sessions: list[SessionRow]) -> dict[str, str]:
    """Every room of the programme, in the venue's order, sessions without a room last: the name
    shown, and the plain one its guid is made of, the same in every language."""
    rooms = {s.room.pk: s.room for s in sessions if s.room}
    names = {
        room.translated_name: room.name
        for room in sorted(rooms.values(), key=lambda r: (r.venue.name, r.order, r.name))
    }
    if any(s.room is None for s in sessions):
        names.setdefault(
            _roomless_name(conference), conference.venue.name if conference.venue else "Venue"
        )
    return names


def _room_name(*, session: SessionRow, conference: Conference) -> str:
    return session.room.translated_name if session.room else _roomless_name(conference)


def _roomless_name(conference: Conference) -> str:
    # frab places every event in a room; those without one are at the venue at large.
    return conference.venue.name if conference.venue else _("Venue")


def _guid(base_url: str, kind: str, name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url}/#{kind}:{name}"))
