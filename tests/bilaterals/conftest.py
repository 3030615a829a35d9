import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    BilateralSlotFactory,
    DelegationFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    RoomFactory,
)


@pytest.fixture
def conference():
    """A conference in ten days' time, registration open."""
    first = timezone.localdate() + datetime.timedelta(days=10)
    return OpenConferenceFactory(start_date=first, end_date=first + datetime.timedelta(days=1))


def at(conference, hour: int, minute: int = 0, day: int = 0) -> datetime.datetime:
    return conference.local_midnight(conference.start_date) + datetime.timedelta(
        days=day, hours=hour, minutes=minute
    )


def slot_time(slot) -> tuple[datetime.datetime, datetime.datetime]:
    return (slot.starts_at, slot.ends_at)


@pytest.fixture
def room(conference):
    return RoomFactory(venue=conference.venue, name="Bilateral Room A", order=1)


@pytest.fixture
def slot(conference, room):
    return BilateralSlotFactory(conference=conference, room=room)


@pytest.fixture
def ghana(conference):
    return DelegationFactory(conference=conference, country="GH")


@pytest.fixture
def japan(conference):
    return DelegationFactory(conference=conference, country="JP")


@pytest.fixture
def ghana_member(ghana):
    return ParticipantFactory(delegation=ghana, given_name="Kwame", family_name="Mensah")


@pytest.fixture
def japan_member(japan):
    return ParticipantFactory(delegation=japan, given_name="Yuki", family_name="Tanaka")


@pytest.fixture
def ghana_token(ghana):
    InvitationFactory(delegation=ghana, token="ghana-token")
    return "ghana-token"


@pytest.fixture
def japan_token(japan):
    InvitationFactory(delegation=japan, token="japan-token")
    return "japan-token"
