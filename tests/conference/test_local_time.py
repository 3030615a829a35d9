import datetime
import zoneinfo

import pytest
from django.template import Context, Template

from conference.local_time import SHORT, TIME_OF_DAY, local_time, local_time_range
from tests.factories import ConferenceFactory

KARACHI = zoneinfo.ZoneInfo("Asia/Karachi")
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
# 04:00 UTC is 09:00 in Karachi (UTC+5).
MOMENT = datetime.datetime(2023, 8, 30, 4, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("format", "expected"),
    [
        ({}, "30 August 2023, 09:00 (Asia/Karachi)"),
        ({"format": SHORT}, "30 Aug 2023 09:00 (Asia/Karachi)"),
        ({"format": TIME_OF_DAY}, "09:00 (Asia/Karachi)"),
    ],
)
def test_local_time_writes_the_moment_in_the_zone_and_names_it(format, expected):
    assert local_time(MOMENT, KARACHI, **format) == expected


def test_local_time_follows_summer_time():
    winter = datetime.datetime(2024, 1, 15, 8, 0, tzinfo=datetime.UTC)
    summer = datetime.datetime(2024, 7, 15, 8, 0, tzinfo=datetime.UTC)

    assert local_time(winter, GENEVA) == "15 January 2024, 09:00 (Europe/Zurich)"
    assert local_time(summer, GENEVA) == "15 July 2024, 10:00 (Europe/Zurich)"


def test_local_time_of_no_moment_is_empty():
    assert local_time(None, KARACHI) == ""


def test_local_time_range_writes_the_day_once_when_both_ends_fall_on_it():
    end = MOMENT + datetime.timedelta(hours=1)

    assert local_time_range(MOMENT, end, KARACHI) == "30 Aug 2023 09:00-10:00 (Asia/Karachi)"


def test_local_time_range_across_midnight_writes_both_days():
    # 19:00 UTC is midnight in Karachi.
    end = datetime.datetime(2023, 8, 30, 19, 30, tzinfo=datetime.UTC)

    assert local_time_range(MOMENT, end, KARACHI) == (
        "30 Aug 2023 09:00 (Asia/Karachi) - 31 Aug 2023 00:30 (Asia/Karachi)"
    )


@pytest.mark.django_db
def test_local_time_filter_writes_what_the_function_writes():
    conference = ConferenceFactory(time_zone="Asia/Karachi")
    template = Template("{% load local_time %}{{ moment|local_time:conference }}")

    rendered = template.render(Context({"moment": MOMENT, "conference": conference}))

    assert rendered == local_time(MOMENT, KARACHI) == "30 August 2023, 09:00 (Asia/Karachi)"
