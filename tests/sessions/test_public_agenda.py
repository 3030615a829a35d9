import datetime

import pytest
from django.urls import reverse

from sessions.models import SessionKind, SessionRoleKind
from sessions.selectors import agenda_default_day
from tests.factories import (
    KARACHI,
    ConferenceFactory,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    StaffUserFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def agenda_url(conference):
    return reverse("programme:agenda", kwargs={"conference": conference.slug})


def at(hour, minute=0, day=30):
    return datetime.datetime(2023, 8, day, hour, minute, tzinfo=KARACHI)


def test_agenda_of_unpublished_conference_is_not_found(client):
    conference = ConferenceFactory()

    response = client.get(agenda_url(conference))

    assert response.status_code == 404


def test_agenda_leaves_out_unpublished_sessions(client):
    conference = PublishedConferenceFactory()
    SessionFactory(conference=conference, title="Draft panel")

    content = client.get(agenda_url(conference)).content.decode()

    assert "Draft panel" not in content


def test_agenda_shows_unpublished_sessions_to_staff_with_a_preview_banner(client):
    conference = ConferenceFactory()
    SessionFactory(conference=conference, title="Draft panel")
    client.force_login(StaffUserFactory())

    content = client.get(agenda_url(conference)).content.decode()

    assert "Draft panel" in content
    assert "preview-banner" in content


def test_agenda_shows_times_in_the_conference_zone_with_the_zone_named_once_a_day(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, starts_at=at(9, 30), ends_at=at(10, 30))
    PublishedSessionFactory(conference=conference, starts_at=at(11), ends_at=at(12, 15))

    content = client.get(agenda_url(conference)).content.decode()

    assert ">09:30</time>–10:30<" in content
    assert ">11:00</time>–12:15<" in content
    # Once under the day's heading, not on every slot or card.
    assert content.count("(Asia/Karachi, PKT)") == 1


def test_agenda_slot_heading_gives_the_times_its_sessions_share(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, starts_at=at(9), ends_at=at(10))
    PublishedSessionFactory(conference=conference, starts_at=at(9), ends_at=at(10))

    content = client.get(agenda_url(conference)).content.decode()

    heading = '<time datetime="2023-08-30T09:00:00+05:00">09:00</time>–10:00'
    assert f'<h3 class="slot-time"><span dir="ltr">{heading}</span></h3>' in content
    assert 'class="when"' not in content


def test_agenda_cards_give_their_own_times_when_a_slots_sessions_end_apart(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, starts_at=at(9), ends_at=at(10))
    PublishedSessionFactory(conference=conference, starts_at=at(9), ends_at=at(11, 30))

    content = client.get(agenda_url(conference)).content.decode()

    assert (
        '<h3 class="slot-time"><time datetime="2023-08-30T09:00:00+05:00">09:00</time></h3>'
        in content
    )
    assert '<span class="when">09:00–10:00</span>' in content
    assert '<span class="when">09:00–11:30</span>' in content


def test_agenda_groups_parallel_sessions_in_one_time_slot(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, starts_at=at(11), ends_at=at(12))
    PublishedSessionFactory(conference=conference, starts_at=at(11), ends_at=at(12, 30))
    PublishedSessionFactory(conference=conference, starts_at=at(14), ends_at=at(15))

    response = client.get(agenda_url(conference))

    slots = response.context["agenda_days"][0].slots
    assert [len(slot.sessions) for slot in slots] == [2, 1]


def test_agenda_groups_speakers_by_role_chair_first(client):
    session = PublishedSessionFactory()
    SessionRoleFactory(
        session=session, role=SessionRoleKind.PANELLIST, speaker__family_name="Tanaka"
    )
    SessionRoleFactory(
        session=session,
        role=SessionRoleKind.MODERATOR,
        speaker__honorific="H.E.",
        speaker__given_name="Amina",
        speaker__family_name="Khan",
    )
    SessionRoleFactory(
        session=session, role=SessionRoleKind.PANELLIST, speaker__family_name="Mensah"
    )

    response = client.get(agenda_url(session.conference))

    card = response.context["agenda_days"][0].slots[0].sessions[0]
    assert [
        (group.label, [s.family_name for s in group.speakers]) for group in card.role_groups
    ] == [
        ("Moderator", ["Khan"]),
        ("Panellists", ["Tanaka", "Mensah"]),
    ]
    assert "H.E. Amina Khan" in response.content.decode()


def test_agenda_shows_the_first_day_by_default_before_the_meeting(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(
        conference=conference, title="Day one panel", starts_at=at(9), ends_at=at(10)
    )
    PublishedSessionFactory(
        conference=conference,
        title="Day two panel",
        starts_at=at(9, day=31),
        ends_at=at(10, day=31),
    )

    content = client.get(agenda_url(conference)).content.decode()

    assert "Day one panel" in content
    assert "Day two panel" not in content


def test_agenda_default_day_is_today_during_the_meeting():
    conference = PublishedConferenceFactory()

    # 01:00 on 31 August in Karachi is still 30 August in UTC.
    day = agenda_default_day(conference=conference, now=at(1, day=31))

    assert day == datetime.date(2023, 8, 31)


def test_agenda_default_day_is_the_first_day_after_the_meeting():
    conference = PublishedConferenceFactory()

    day = agenda_default_day(conference=conference, now=at(9, day=31) + datetime.timedelta(days=2))

    assert day == datetime.date(2023, 8, 30)


def test_agenda_shows_the_chosen_day(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(
        conference=conference, title="Day one panel", starts_at=at(9), ends_at=at(10)
    )
    PublishedSessionFactory(
        conference=conference,
        title="Day two panel",
        starts_at=at(9, day=31),
        ends_at=at(10, day=31),
    )

    content = client.get(agenda_url(conference), {"day": "2023-08-31"}).content.decode()

    assert "Day two panel" in content
    assert "Day one panel" not in content


def test_agenda_for_all_days_shows_each_day_in_its_own_section(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, starts_at=at(9), ends_at=at(10))
    PublishedSessionFactory(conference=conference, starts_at=at(9, day=31), ends_at=at(10, day=31))

    response = client.get(agenda_url(conference), {"day": "all"})

    assert [agenda_day.day.day for agenda_day in response.context["agenda_days"]] == [30, 31]


def test_agenda_puts_a_late_evening_session_on_its_local_day(client):
    conference = PublishedConferenceFactory()
    # 23:30 in Karachi is still 30 August locally, though 18:30 UTC.
    PublishedSessionFactory(
        conference=conference, title="Late dinner", starts_at=at(23, 0), ends_at=at(23, 30)
    )

    content = client.get(agenda_url(conference), {"day": "2023-08-30"}).content.decode()

    assert "Late dinner" in content


def test_agenda_filters_by_track(client):
    conference = PublishedConferenceFactory()
    medical = TrackFactory(conference=conference, slug="medical", name="Medical capabilities")
    PublishedSessionFactory(conference=conference, title="Field hospitals", track=medical)
    PublishedSessionFactory(conference=conference, title="Pledging briefing")

    content = client.get(agenda_url(conference), {"track": "medical"}).content.decode()

    assert "Field hospitals" in content
    assert "Pledging briefing" not in content


def test_agenda_filters_by_kind(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, title="Opening", kind=SessionKind.OPENING)
    PublishedSessionFactory(conference=conference, title="Panel one", kind=SessionKind.PANEL)

    content = client.get(agenda_url(conference), {"kind": "opening"}).content.decode()

    assert "Opening" in content
    assert "Panel one" not in content


def test_agenda_filters_by_room(client):
    conference = PublishedConferenceFactory()
    hall = RoomFactory(venue=conference.venue, name="Main Hall")
    PublishedSessionFactory(conference=conference, title="In the hall", room=hall)
    PublishedSessionFactory(conference=conference, title="Elsewhere")

    content = client.get(agenda_url(conference), {"room": hall.pk}).content.decode()

    assert "In the hall" in content
    assert "Elsewhere" not in content


def test_agenda_track_filter_links_to_the_track_calendar(client):
    conference = PublishedConferenceFactory()
    track = TrackFactory(conference=conference, slug="medical")
    PublishedSessionFactory(conference=conference, track=track)

    content = client.get(agenda_url(conference), {"track": "medical"}).content.decode()

    assert f"/{conference.slug}/tracks/medical/calendar.ics" in content


@pytest.mark.parametrize(
    "params",
    [
        {"day": "2023-09-15"},
        {"day": "yesterday"},
        {"track": "no-such-track"},
        {"kind": "party"},
        {"room": "x"},
    ],
)
def test_agenda_with_an_invalid_filter_says_so(client, params):
    conference = PublishedConferenceFactory()

    response = client.get(agenda_url(conference), params)

    assert response.status_code == 400
    assert "Some filters were not understood" in response.content.decode()


def test_agenda_with_an_invalid_filter_still_applies_the_valid_ones(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, title="Opening", kind=SessionKind.OPENING)
    PublishedSessionFactory(conference=conference, title="Panel one", kind=SessionKind.PANEL)

    content = client.get(
        agenda_url(conference), {"kind": "opening", "track": "nope"}
    ).content.decode()

    assert "Opening" in content
    assert "Panel one" not in content


def test_agenda_track_of_another_conference_is_refused(client):
    conference = PublishedConferenceFactory()
    TrackFactory(slug="elsewhere")

    response = client.get(agenda_url(conference), {"track": "elsewhere"})

    assert response.status_code == 400


def test_agenda_is_public_and_sets_no_cookie(client):
    conference = PublishedConferenceFactory()

    response = client.get(agenda_url(conference))

    assert "public" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.parametrize("count", [1, 3, 30])
def test_agenda_query_count_does_not_grow_with_sessions(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    track = TrackFactory(conference=conference)
    for _ in range(count):
        room = RoomFactory(venue=conference.venue)
        session = PublishedSessionFactory(conference=conference, track=track, room=room)
        SessionRoleFactory(session=session, role=SessionRoleKind.MODERATOR)
        SessionRoleFactory(session=session)

    # Conference, the chosen track, sessions, their roles, the track and room choices.
    with django_assert_num_queries(6):
        response = client.get(agenda_url(conference), {"track": track.slug})

    assert response.status_code == 200
    assert sum(len(slot.sessions) for slot in response.context["agenda_days"][0].slots) == count


@pytest.mark.parametrize("count", [1, 3, 30])
def test_agenda_query_count_for_all_days_does_not_grow(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory.create_batch(count, conference=conference)
    SpeakerFactory.create_batch(count, conference=conference)

    with django_assert_num_queries(5):
        response = client.get(agenda_url(conference), {"day": "all"})

    assert response.status_code == 200
