"""Each rule the data must never break is kept by the database itself; these try to break it."""

import datetime

import pytest
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
