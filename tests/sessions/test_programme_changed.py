"""Whatever the public programme shows, changing it moves the conference's cache stamp."""

import pytest

from conference.models import Conference
from tests.factories import (
    ConferenceFactory,
    HostFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def stamp(conference: Conference):
    return Conference.objects.values_list("programme_changed_at", flat=True).get(pk=conference.pk)


def assert_changes_stamp(conference: Conference, change) -> None:
    before = stamp(conference)
    change()
    assert stamp(conference) > before


def test_programme_changed_by_a_session_edit():
    session = SessionFactory()
    session.title = "Renamed"

    assert_changes_stamp(session.conference, session.save)


def test_programme_changed_by_a_session_role_removal():
    role = SessionRoleFactory()

    assert_changes_stamp(role.session.conference, role.delete)


@pytest.mark.parametrize("factory", [TrackFactory, SpeakerFactory, HostFactory])
def test_programme_changed_by_conference_items(factory):
    conference = ConferenceFactory()

    assert_changes_stamp(conference, lambda: factory(conference=conference))


def test_programme_changed_by_renaming_a_room_in_use():
    room = RoomFactory()
    session = SessionFactory(room=room, conference__venue=room.venue)
    room.name = "Hall of Nations"

    assert_changes_stamp(session.conference, room.save)


def test_programme_changed_by_renaming_the_venue():
    conference = ConferenceFactory()
    conference.venue.city = "Rawalpindi"

    assert_changes_stamp(conference, conference.venue.save)


def test_programme_of_another_conference_is_not_touched():
    session = SessionFactory()
    other = ConferenceFactory()
    before = stamp(other)

    session.save()

    assert stamp(other) == before
