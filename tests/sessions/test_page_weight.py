"""Bytes per session of the pages that list the whole programme (docs/performance.md, "Page
weight"): a bound on a small generated programme, so that markup repeated on every card or
event shows up as a failure here rather than as 500 times the bytes on the scale conference."""

import datetime

import pytest
from django.urls import reverse

from sessions.models import SessionRoleKind
from tests.factories import (
    PublishedConferenceFactory,
    PublishedSessionFactory,
    RoomFactory,
    SessionRoleFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db

SESSIONS = 30


@pytest.fixture
def programme():
    """30 sessions as the scale conference has them: three rooms in parallel, a track each,
    a moderator and two panellists, in English interpreted into French."""
    conference = PublishedConferenceFactory(languages=["en", "fr"], time_zone="Europe/Zurich")
    rooms = [RoomFactory(venue=conference.venue) for _ in range(3)]
    tracks = [TrackFactory(conference=conference) for _ in range(3)]
    first = datetime.datetime.combine(conference.start_date, datetime.time(8), conference.tzinfo)
    for number in range(SESSIONS):
        starts_at = first + datetime.timedelta(hours=number // 3)
        session = PublishedSessionFactory(
            conference=conference,
            title=f"Panel discussion {number}: Capacity-building needs of missions",
            room=rooms[number % 3],
            track=tracks[number % 3],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
            language="en",
            interpretation=["fr"],
        )
        # Names of their own: the factories' numbered names grow longer as the suite runs.
        for role, given_name in (
            (SessionRoleKind.MODERATOR, "Amina"),
            (SessionRoleKind.PANELLIST, "Kwame"),
            (SessionRoleKind.PANELLIST, "Ingrid"),
        ):
            SessionRoleFactory(
                session=session,
                role=role,
                speaker__given_name=given_name,
                speaker__family_name="Hansen-Mensah",
                speaker__organisation="United Nations",
            )
    return conference


def test_whole_programme_page_stays_under_550_bytes_a_session(client, programme):
    url = reverse("programme:agenda", kwargs={"conference": programme.slug})

    content = client.get(url, {"day": "all"}).content
    cards = content.split(b"data-stars>")[1].split(b"</main>")[0]

    # 757 bytes a session before the markup was made compact, 507 after (with one-digit ids;
    # the bound leaves room for the longer ids of a whole test run).
    assert len(cards) / SESSIONS < 550


def test_whole_conference_calendar_stays_under_510_bytes_a_session(client, programme):
    url = reverse("feeds:conference_ics", kwargs={"conference": programme.slug})

    content = client.get(url).content
    events = content[content.index(b"BEGIN:VEVENT") : content.rindex(b"END:VEVENT")]

    # 626 bytes an event with a LAST-MODIFIED that repeated DTSTAMP, 594 without, 534 with
    # the speakers by role and name only (no title and organisation in each event), 493
    # without CATEGORIES.
    assert len(events) / SESSIONS < 510
