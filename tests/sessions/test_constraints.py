"""Each rule the data must never break is kept by the database itself; these try to break it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from sessions.models import Session, SessionSearch
from tests.factories import (
    KARACHI,
    ConferenceFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def karachi(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2023, 8, day, hour, minute, tzinfo=KARACHI)


def test_room_double_booking_is_refused_by_the_database():
    room = RoomFactory()
    first = SessionFactory(room=room, starts_at=karachi(30, 9), ends_at=karachi(30, 10))

    with pytest.raises(IntegrityError, match="session_room_never_double_booked"):
        SessionFactory(
            conference=first.conference,
            room=room,
            starts_at=karachi(30, 9, 30),
            ends_at=karachi(30, 11),
        )


def test_room_booking_back_to_back_is_allowed():
    room = RoomFactory()
    first = SessionFactory(room=room, starts_at=karachi(30, 9), ends_at=karachi(30, 10))

    second = SessionFactory(
        conference=first.conference, room=room, starts_at=karachi(30, 10), ends_at=karachi(30, 11)
    )

    assert second.pk


def test_room_double_booking_is_a_validation_error_in_full_clean():
    room = RoomFactory()
    first = SessionFactory(room=room, starts_at=karachi(30, 9), ends_at=karachi(30, 10))
    overlapping = Session(
        conference=first.conference,
        kind=first.kind,
        title="Overlap",
        room=room,
        starts_at=karachi(30, 9, 30),
        ends_at=karachi(30, 10, 30),
    )

    with pytest.raises(ValidationError, match="already booked"):
        overlapping.full_clean()


def test_sessions_without_room_may_overlap():
    first = SessionFactory(room=None, starts_at=karachi(30, 9), ends_at=karachi(30, 10))

    second = SessionFactory(
        conference=first.conference, room=None, starts_at=karachi(30, 9), ends_at=karachi(30, 10)
    )

    assert second.pk


def test_session_ending_before_it_starts_is_refused():
    with pytest.raises(IntegrityError, match="session_ends_after_start"):
        SessionFactory(starts_at=karachi(30, 10), ends_at=karachi(30, 9))


def test_session_before_the_first_day_is_refused_by_the_database():
    # 23:00 in Karachi on 29 August is still 18:00 UTC on the 29th: outside either way.
    with pytest.raises(IntegrityError, match="outside its conference"):
        SessionFactory(starts_at=karachi(29, 23), ends_at=karachi(30, 1))


def test_session_after_the_last_day_in_local_time_is_refused():
    # 1 September 01:00 in Karachi is 31 August 20:00 UTC: inside in UTC, outside locally.
    with pytest.raises(IntegrityError, match="outside its conference"):
        SessionFactory(
            starts_at=karachi(31, 23), ends_at=karachi(31, 23) + datetime.timedelta(hours=2)
        )


def test_session_until_midnight_of_the_last_day_is_allowed():
    session = SessionFactory(
        starts_at=karachi(31, 23), ends_at=karachi(31, 23) + datetime.timedelta(hours=1)
    )

    assert session.pk


def test_conference_dates_cannot_move_away_from_its_sessions():
    session = SessionFactory(starts_at=karachi(31, 9), ends_at=karachi(31, 10))
    conference = session.conference
    conference.end_date = datetime.date(2023, 8, 30)

    with pytest.raises(IntegrityError, match="outside its dates"):
        conference.save()


def test_session_outside_dates_is_a_validation_error_in_full_clean():
    conference = ConferenceFactory()
    session = Session(
        conference=conference,
        kind="panel",
        title="Too early",
        starts_at=karachi(29, 9),
        ends_at=karachi(29, 10),
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert "starts_at" in error.value.message_dict


def test_session_track_of_another_conference_is_a_validation_error():
    session = SessionFactory.build(conference=ConferenceFactory(), track=TrackFactory())

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert "track" in error.value.message_dict


def test_track_colour_must_be_hex():
    with pytest.raises(IntegrityError, match="track_colour_is_hex"):
        TrackFactory(colour="red")


def test_session_track_of_another_conference_is_refused_by_the_database():
    with pytest.raises(IntegrityError, match="session_track_of_same_conference"):
        SessionFactory(track=TrackFactory())


def test_session_role_speaker_of_another_conference_is_refused_by_the_database():
    with pytest.raises(IntegrityError, match="session_role_of_same_conference"):
        SessionRoleFactory(speaker=SpeakerFactory())


def test_session_languages_outside_its_conference_are_field_errors_in_full_clean():
    session = SessionFactory.build(
        conference=ConferenceFactory(languages=["en", "fr"]), language="ru", interpretation=["ar"]
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.message_dict["language"] == [
        "Choose one of the conference's languages: English, French."
    ]
    assert error.value.message_dict["interpretation"] == [
        "Not a language of the conference: Arabic. Choose from: English, French."
    ]


def test_session_floor_language_outside_its_conference_is_refused_by_the_database():
    conference = ConferenceFactory(languages=["en", "fr"])

    with pytest.raises(IntegrityError, match="its languages must be its conference's"):
        SessionFactory(conference=conference, language="ar")


def test_session_interpretation_outside_its_conference_is_refused_by_the_database():
    conference = ConferenceFactory(languages=["en", "fr"])

    with pytest.raises(IntegrityError, match="its languages must be its conference's"):
        SessionFactory(conference=conference, language="en", interpretation=["fr", "ar"])


def test_session_interpretation_into_its_floor_language_is_refused_by_the_database():
    conference = ConferenceFactory(languages=["en", "fr"])

    with pytest.raises(IntegrityError, match="its languages must be its conference's"):
        SessionFactory(conference=conference, language="en", interpretation=["en"])


def test_session_moved_to_a_conference_without_its_language_is_refused_by_the_database():
    session = SessionFactory(conference__languages=["fr"], language="fr")
    session.conference = ConferenceFactory(languages=["en"])

    with pytest.raises(IntegrityError, match="its languages must be its conference's"):
        session.save()


def test_a_sessions_search_row_goes_with_it_even_when_deleted_in_sql():
    session = SessionFactory()
    assert SessionSearch.objects.filter(session=session).exists()

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM programme_session WHERE id = %s", [session.pk])

    assert not SessionSearch.objects.exists()
