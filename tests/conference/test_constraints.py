"""Each rule the data must never break is kept by the database itself; these try to break it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.factories import (
    ConferenceFactory,
)

pytestmark = pytest.mark.django_db


def test_conference_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError, match="conference_ends_on_or_after_start"):
        ConferenceFactory(
            start_date=datetime.date(2023, 8, 31), end_date=datetime.date(2023, 8, 30)
        )


def test_conference_without_a_language_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        ConferenceFactory(languages=[])


def test_conference_language_codes_must_be_offered_and_named_once():
    conference = ConferenceFactory.build(languages=["en", "xx", "en"])

    with pytest.raises(ValidationError) as error:
        conference.full_clean(exclude=["venue"])

    messages = error.value.message_dict["languages"]
    assert any("xx" in message for message in messages)
