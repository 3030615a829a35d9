"""The programme in the frab schedule format (XML and c3voc's JSON), read by ConfClerk, Giggity.

One structure is built (the JSON's shape) and the XML is written from it, so both always agree.
"""

import datetime
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from conference.models import Conference
from sessions.models import Session

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
# Only a hint for apps that draw a grid; sessions keep their own exact times.
TIMESLOT_DURATION = "00:15"


def frab_schedule(
    *, conference: Conference, sessions: Iterable[Session], base_url: str
) -> dict[str, Any]:
    """The c3voc schedule.json document; `base_url` is scheme://host."""
    sessions = list(sessions)
    tz = conference.tzinfo
    rooms = _rooms(conference=conference, sessions=sessions)
    by_day = {
        day: list(day_sessions)
        for day, day_sessions in groupby(sessions, key=lambda s: s.starts_at.astimezone(tz).date())
    }
    days = []
    for index, day in enumerate(conference.days, start=1):
        by_room: dict[str, list[dict[str, Any]]] = {name: [] for name in rooms}
        for session in by_day.get(day, []):
            event = _event(session=session, conference=conference, base_url=base_url)
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
    """The schedule.xml document (frab-schedule.xml.xsd) for a `frab_schedule` result."""
    data = schedule["schedule"]
    conference = data["conference"]
    root = ET.Element("schedule")
    _text(root, "version", data["version"])
    head = ET.SubElement(root, "conference")
    for tag, value in (
        ("title", conference["title"]),
        ("acronym", conference["acronym"]),
        ("start", conference["start"]),
        ("end", conference["end"]),
        ("days", conference["daysCount"]),
        ("timeslot_duration", conference["timeslot_duration"]),
    ):
        _text(head, tag, value)
    for day in conference["days"]:
        day_element = ET.SubElement(
            root,
            "day",
            index=str(day["index"]),
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for room_name, events in day["rooms"].items():
            room_element = ET.SubElement(day_element, "room", name=room_name)
            for event in events:
                _event_xml(room_element, event)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _event_xml(parent: ET.Element, event: dict[str, Any]) -> None:
    element = ET.SubElement(parent, "event", id=str(event["id"]), guid=event["guid"])
    for tag in (
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
    ):
        _text(element, tag, event[tag])
    persons = ET.SubElement(element, "persons")
    for person in event["persons"]:
        _text(persons, "person", person["public_name"]).set("id", str(person["id"]))
    links = ET.SubElement(element, "links")
    _text(links, "link", event["title"]).set("href", event["url"])


def _text(parent: ET.Element, tag: str, value: object) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = "" if value is None else str(value)
    return element


def _event(*, session: Session, conference: Conference, base_url: str) -> dict[str, Any]:
    tz = conference.tzinfo
    starts_at = session.starts_at.astimezone(tz)
    minutes = int((session.ends_at - session.starts_at).total_seconds() // 60)
    url = base_url + reverse(
        "programme:session", kwargs={"conference": conference.slug, "pk": session.pk}
    )
    # From the main-language title, so the slug is the same in every language's export.
    title_slug = slugify(session.title)[:50].strip("-")
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
            for role in session.roles.all()
        ],
        "links": [{"url": url, "title": session.translated_title}],
        "attachments": [],
    }


def _rooms(*, conference: Conference, sessions: list[Session]) -> dict[str, str]:
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


def _room_name(*, session: Session, conference: Conference) -> str:
    return session.room.translated_name if session.room else _roomless_name(conference)


def _roomless_name(conference: Conference) -> str:
    # frab places every event in a room; those without one are at the venue at large.
    return conference.venue.name if conference.venue else _("Venue")


def _guid(base_url: str, kind: str, name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url}/#{kind}:{name}"))
