"""Zones, entries and pre-registration days: the rules the database keeps."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from accreditation.checkin import participant_zones
from accreditation.models import Entry, PreRegistrationDay, Zone
from delegations.models import Category, Role
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    EntryFactory,
    ZoneFactory,
)

pytestmark = pytest.mark.django_db


def refused(**fields) -> None:
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        ZoneFactory(**fields)


def test_database_refuses_a_zone_nobody_may_enter():
    refused(categories=[], roles=[])


@pytest.mark.parametrize("code", ["", "a", "ABCD", "1-2", "\u0661"])
def test_database_refuses_a_zone_code_that_does_not_fit_on_a_badge(code):
    refused(code=code)


def test_database_refuses_two_zones_with_one_code_in_a_conference():
    zone = ZoneFactory(code="V")

    refused(conference=zone.conference, code="V")
    ZoneFactory(code="V")  # another conference may


def test_database_refuses_a_zone_colour_that_is_not_hexadecimal():
    refused(colour="red")


@pytest.mark.parametrize(("field", "value"), [("categories", ["vip"]), ("roles", ["king"])])
def test_database_refuses_unknown_categories_and_roles(field, value):
    refused(**{field: value})


def test_database_refuses_a_second_entry_of_the_day_at_a_zone():
    entry = EntryFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(participant=entry.participant, zone=entry.zone, day=entry.day)
    EntryFactory(participant=entry.participant, zone=entry.zone, day=entry.day.replace(day=31))


def test_database_refuses_an_entry_into_a_zone_of_another_conference():
    participant = ApprovedParticipantFactory()

    with pytest.raises(IntegrityError, match="entry_of_same_conference"), transaction.atomic():
        Entry.objects.create(
            participant=participant, zone=ZoneFactory(), day=datetime.date(2023, 8, 30)
        )


def test_database_refuses_a_pre_registration_day_opened_twice():
    conference = ConferenceFactory()
    PreRegistrationDay.objects.create(conference=conference, day=datetime.date(2023, 8, 29))

    with pytest.raises(IntegrityError), transaction.atomic():
        PreRegistrationDay.objects.create(conference=conference, day=datetime.date(2023, 8, 29))


def test_pre_registration_day_on_a_meeting_day_is_explained():
    day = PreRegistrationDay(conference=ConferenceFactory(), day=datetime.date(2023, 8, 30))

    with pytest.raises(ValidationError) as error:
        day.full_clean()

    assert "day" in error.value.message_dict


def test_zone_translation_in_a_language_of_no_conference_is_explained():
    zone = ZoneFactory.build(
        conference=ConferenceFactory(languages=["en", "fr"]), name_translations={"ru": "Зал"}
    )

    with pytest.raises(ValidationError) as error:
        zone.full_clean()

    assert "name_translations" in error.value.message_dict


def test_participant_zones_are_those_their_category_or_role_opens_in_order():
    participant = ApprovedParticipantFactory(category=Category.DELEGATE, role=Role.HEAD)
    conference = participant.conference
    hall = ZoneFactory(conference=conference, order=0, categories=[Category.DELEGATE])
    lounge = ZoneFactory(
        conference=conference, order=1, categories=[Category.ORGANISER], roles=[Role.HEAD]
    )
    ZoneFactory(conference=conference, order=2, categories=[Category.MEDIA])
    ZoneFactory(categories=[Category.DELEGATE])  # another conference's

    assert participant_zones(participant) == [hall, lounge]
    assert list(Zone.objects.admitting(participant)) == [hall, lounge]
