"""iCalendar (RFC 5545) documents of the programme, for download and for subscription."""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.urls import reverse
from django.utils.translation import gettext as _

from conference.languages import list_separator
from conference.models import Conference
from conference.translations import LanguageNames
from sessions.models import Session, SessionKind, SessionRoleKind, Speaker

PRODID = "-//Plenary//Conference programme//EN"
# Subscribed calendars poll this often; the response is cached, so polling is cheap.
REFRESH_INTERVAL = datetime.timedelta(hours=1)


def session_uid(*, session: Session, domain: str) -> str:
    """A UID that stays the same across edits, so subscribed calendars update the event."""
    return f"session-{session.pk}@{domain}"


def programme_calendar(
    *, conference: Conference, sessions: Iterable[Session], name: str, base_url: str
) -> bytes:
    """The sessions as a calendar in the conference's time zone; `base_url` is scheme://host."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.calendar_name = name
    calendar.add("x-wr-timezone", conference.time_zone)
    calendar.refresh_interval = REFRESH_INTERVAL
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    # The zone is described even when no event uses it (an empty personal agenda stays valid
    # for clients that expect it); one day either side covers every session.
    calendar.add_component(
        icalendar.Timezone.from_tzinfo(
            conference.tzinfo,
            first_date=conference.start_date - datetime.timedelta(days=1),
            last_date=conference.end_date + datetime.timedelta(days=1),
        )
    )
    domain = urlsplit(base_url).hostname or "localhost"
    names = LanguageNames()
    for session in sessions:
        calendar.add_component(
            _event(
                session=session,
                conference=conference,
                base_url=base_url,
                domain=domain,
                language_names=names,
            )
        )
    return calendar.to_ical()


def _event(
    *,
    session: Session,
    conference: Conference,
    base_url: str,
    domain: str,
    language_names: LanguageNames,
) -> icalendar.Event:
    tz = conference.tzinfo
    path = reverse("programme:session", kwargs={"conference": conference.slug, "pk": session.pk})
    categories = [str(SessionKind(session.kind).label)]
    if session.track:
        categories.append(session.track.translated_name)
    if session.is_restricted:
        categories.append(_("Closed session"))
    event = icalendar.Event.new(
        uid=session_uid(session=session, domain=domain),
        summary=session.translated_title,
        start=session.starts_at.astimezone(tz),
        end=session.ends_at.astimezone(tz),
        # Without a METHOD, DTSTAMP is when the event was last revised (RFC 5545, 3.8.7.2).
        stamp=session.updated_at,
        last_modified=session.updated_at,
        description=_description(session, language_names),
        url=base_url + path,
        categories=categories,
    )
    location = _location(session=session, conference=conference)
    if location:
        event.add("location", location)
    return event


def _description(session: Session, language_names: LanguageNames) -> str:
    speakers = [
        f"{SessionRoleKind(role.role).label}: {_speaker_line(role.speaker)}"
        for role in session.roles.all()
    ]
    languages = _("Floor language: %(language)s.") % {"language": language_names[session.language]}
    if session.interpretation:
        languages += " " + _("Interpretation into: %(languages)s.") % {
            "languages": list_separator().join(
                language_names[code] for code in session.interpretation
            )
        }
    closed = (
        _("Closed session: %(who)s only.") % {"who": session.restriction_label}
        if session.is_restricted
        else ""
    )
    parts = [closed, session.translated_description.strip(), "\n".join(speakers), languages]
    return "\n\n".join(part for part in parts if part)


def _speaker_line(speaker: Speaker) -> str:
    return ", ".join(
        part for part in (speaker.name_with_honorific, speaker.title, speaker.organisation) if part
    )


def _location(*, session: Session, conference: Conference) -> str:
    venue = session.room.venue if session.room else conference.venue
    parts = [session.room.translated_name if session.room else ""]
    if venue:
        parts += [venue.name, venue.city]
    return ", ".join(part for part in parts if part)
