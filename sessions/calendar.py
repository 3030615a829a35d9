"""iCalendar (RFC 5545) documents of the programme, for download and for subscription.

The events are written directly as text lines (escaped and folded as RFC 5545 says): through
the `icalendar` library each of 500 events was a component of a dozen typed properties,
about 1.5 ms each. The library still describes the time zone (VTIMEZONE), once per document,
and the tests read every document back with it.
"""

import datetime
import functools
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from conference.languages import list_separator
from conference.models import Conference
from conference.translations import LanguageNames
from sessions.rows import SessionRow, SpeakerRow
from sessions.selectors import session_role_groups

PRODID = "-//Plenary//Conference programme//EN"
# Subscribed calendars poll this often; the response is cached, so polling is cheap.
REFRESH_INTERVAL = datetime.timedelta(hours=1)
CRLF = "\r\n"


def session_uid(*, session: SessionRow, domain: str) -> str:
    """A UID that stays the same across edits, so subscribed calendars update the event."""
    return f"session-{session.pk}@{domain}"


def programme_calendar(
    *, conference: Conference, sessions: Iterable[SessionRow], name: str, base_url: str
) -> bytes:
    """The sessions as a calendar in the conference's time zone; `base_url` is scheme://host."""
    tz = conference.tzinfo
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        f"NAME:{_text(name)}",
        f"X-WR-CALNAME:{_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        f"X-WR-TIMEZONE:{_text(conference.time_zone)}",
    ]
    out = [_fold(line) for line in lines]
    # The zone is described even when no event uses it (an empty personal agenda stays valid
    # for clients that expect it); one day either side covers every session.
    out.append(
        _timezone(
            conference.time_zone,
            conference.start_date - datetime.timedelta(days=1),
            conference.end_date + datetime.timedelta(days=1),
        )
    )
    domain = urlsplit(base_url).hostname or "localhost"
    # Every session's address is this prefix and its id: one reverse() for the document.
    page = reverse("programme:session", kwargs={"conference": conference.slug, "pk": 0})
    prefix = base_url + page.removesuffix("0/")
    names = LanguageNames()
    language = get_language()
    name_separator = list_separator()
    tzid = f";TZID={_parameter(conference.time_zone)}:"
    local: dict[datetime.datetime, str] = {}
    stamps: dict[datetime.datetime, str] = {}
    floor_languages: dict[tuple[str, ...], str] = {}
    separator = "\n\n"

    def local_time(moment: datetime.datetime) -> str:
        found = local.get(moment)
        if found is None:
            found = local[moment] = moment.astimezone(tz).strftime("%Y%m%dT%H%M%S")
        return found

    def stamp(moment: datetime.datetime) -> str:
        found = stamps.get(moment)
        if found is None:
            found = stamps[moment] = moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        return found

    for session in sessions:
        languages_key = (session.language, *session.interpretation)
        languages = floor_languages.get(languages_key)
        if languages is None:
            languages = floor_languages[languages_key] = _languages(session, names)
        description = [
            part
            for part in (
                # A closed session says who may attend and names nobody (its row has no roles).
                (
                    _("Closed session: %(who)s only.") % {"who": session.restriction_label}
                    if session.is_restricted
                    else ""
                ),
                session.translated_description.strip(),
                "\n".join(
                    _role_line(group.label, group.speakers, name_separator)
                    for group in session_role_groups(session=session, language=language)
                ),
                languages,
            )
            if part
        ]
        modified = stamp(session.updated_at)
        # No CATEGORIES (kind and track): Google's and Apple's calendars ignore them, Outlook
        # adds each to the reader's own categories, and pretalx and Indico send none; they
        # were a ninth of the whole programme's calendar. A track has a feed of its own.
        event = [
            "BEGIN:VEVENT",
            f"SUMMARY:{_text(session.translated_title)}",
            f"DTSTART{tzid}{local_time(session.starts_at)}",
            f"DTEND{tzid}{local_time(session.ends_at)}",
            # Without a METHOD, DTSTAMP is when the event was last revised (RFC 5545, 3.8.7.2):
            # a LAST-MODIFIED would repeat it, 16 kB over 500 events.
            f"DTSTAMP:{modified}",
            f"UID:{session_uid(session=session, domain=domain)}",
            f"DESCRIPTION:{_text(separator.join(description))}" if description else "",
        ]
        location = _location(session=session, conference=conference)
        if location:
            event.append(f"LOCATION:{_text(location)}")
        event.append(f"URL:{prefix}{session.pk}/")
        event.append("END:VEVENT")
        out.extend(_fold(line) for line in event if line)
    out.append("END:VCALENDAR")
    return (CRLF.join(out) + CRLF).encode()


@functools.lru_cache(maxsize=64)
def _timezone(zone: str, first: datetime.date, last: datetime.date) -> str:
    """The VTIMEZONE of `zone` over these dates, as folded lines (without the last CRLF)."""
    from zoneinfo import ZoneInfo

    component = icalendar.Timezone.from_tzinfo(ZoneInfo(zone), first_date=first, last_date=last)
    return component.to_ical().decode().removesuffix(CRLF)


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545, 3.3.11)."""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if ";" in value:
        value = value.replace(";", "\\;")
    if "," in value:
        value = value.replace(",", "\\,")
    if "\n" in value or "\r" in value:
        value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return value


def _parameter(value: str) -> str:
    """A parameter value, quoted when it holds a character that would end it."""
    return f'"{value}"' if any(c in value for c in ':;,"') else value


def _fold(line: str) -> str:
    """`line` folded into lines of at most 75 octets (RFC 5545, 3.1), never inside a
    character."""
    if len(line) <= 75 and (line.isascii() or len(line.encode()) <= 75):
        return line
    parts = []
    current: list[str] = []
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode()) if ord(char) > 127 else 1
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _languages(session: SessionRow, names: LanguageNames) -> str:
    languages = _("Floor language: %(language)s.") % {"language": names[session.language]}
    if session.interpretation:
        languages += " " + _("Interpretation into: %(languages)s.") % {
            "languages": list_separator().join(names[code] for code in session.interpretation)
        }
    return languages


def _role_line(label: str, speakers: list[SpeakerRow], separator: str) -> str:
    """One role's speakers by name only, as the agenda lists them ("Panellists: A, B").

    Their titles and organisations are on the session's page (the event's URL); in every
    event they made the whole programme's calendar a third heavier.
    """
    names = separator.join(speaker.name_with_honorific for speaker in speakers)
    # Each language puts its own colon: French after a no-break space, Chinese a wide one.
    return _("%(label)s: %(value)s") % {"label": label, "value": names}


def _location(*, session: SessionRow, conference: Conference) -> str:
    venue = session.room.venue if session.room else conference.venue
    parts = [session.room.translated_name if session.room else ""]
    if venue:
        parts += [venue.name, venue.city]
    return ", ".join(part for part in parts if part)
