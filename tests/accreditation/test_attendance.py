"""The daily attendance report, on its page and as XLSX."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accreditation.attendance import attendance_days, attendance_report
from delegations.models import Category
from tests.factories import (
    ApprovedParticipantFactory,
    CheckInStaffFactory,
    ConferenceFactory,
    DelegationFactory,
    EntryFactory,
    PreRegistrationDayFactory,
    StaffUserFactory,
    ZoneFactory,
)

pytestmark = pytest.mark.django_db

FIRST, SECOND = datetime.date(2023, 8, 30), datetime.date(2023, 8, 31)


@pytest.fixture
def meeting():
    """Ghana (two delegates) and Japan (one delegate, one journalist) entering two zones."""
    conference = ConferenceFactory()
    hall = ZoneFactory(conference=conference, code="1", name="Plenary hall", order=0)
    lounge = ZoneFactory(conference=conference, code="V", name="VIP lounge", order=1)
    ghana = DelegationFactory(conference=conference, country="GH", protocol_sort_key="Ghana")
    japan = DelegationFactory(conference=conference, country="JP", protocol_sort_key="Japan")
    kwame, ama = ApprovedParticipantFactory.create_batch(2, delegation=ghana)
    taro = ApprovedParticipantFactory(delegation=japan)
    journalist = ApprovedParticipantFactory(delegation=japan, category=Category.MEDIA)
    for participant in (kwame, ama, taro, journalist):
        EntryFactory(participant=participant, zone=hall, day=FIRST)
    EntryFactory(participant=kwame, zone=lounge, day=FIRST)
    EntryFactory(participant=kwame, zone=hall, day=SECOND)
    return conference


def test_attendance_report_counts_people_by_zone_delegation_and_category(meeting):
    report = attendance_report(conference=meeting, day=FIRST)

    assert [zone.code for zone in report.zones] == ["1", "V"]
    assert (report.by_zone.counts, report.by_zone.total) == ([4, 1], 4)
    assert [(row.label, row.counts, row.total) for row in report.by_delegation] == [
        ("Ghana", [2, 1], 2),
        ("Japan", [2, 0], 2),
    ]
    assert [(row.label, row.counts, row.total) for row in report.by_category] == [
        ("Delegate", [3, 1], 3),
        ("Media", [1, 0], 1),
    ]


def test_attendance_report_of_another_day(meeting):
    report = attendance_report(conference=meeting, day=SECOND)

    assert (report.by_zone.counts, report.by_zone.total) == ([1, 0], 1)
    assert [row.label for row in report.by_delegation] == ["Ghana"]


def test_attendance_days_are_the_meetings_and_the_open_ones(meeting):
    PreRegistrationDayFactory(conference=meeting, day=datetime.date(2023, 8, 29))

    assert attendance_days(conference=meeting) == [datetime.date(2023, 8, 29), FIRST, SECOND]


def attendance_url(conference, name="attendance"):
    return reverse(f"accreditation:{name}", args=[conference.slug])


def test_attendance_page_shows_the_days_figures(client, meeting, django_assert_num_queries):
    client.force_login(StaffUserFactory())
    client.get(attendance_url(meeting), {"day": "2023-08-30"})  # the session's queries

    with django_assert_num_queries(13):
        response = client.get(attendance_url(meeting), {"day": "2023-08-30"})

    page = response.content.decode()
    assert "4 participants entered at least one zone." in page
    assert "Ghana" in page
    assert "Japan" in page
    assert "VIP lounge" in page
    assert "attendance.xlsx?day=2023-08-30" in page


def test_attendance_page_queries_do_not_grow_with_delegations(client, django_assert_num_queries):
    conference = ConferenceFactory()
    zone = ZoneFactory(conference=conference)
    for _ in range(10):
        EntryFactory(
            participant=ApprovedParticipantFactory(delegation__conference=conference), zone=zone
        )
    client.force_login(StaffUserFactory())
    client.get(attendance_url(conference), {"day": "2023-08-30"})

    with django_assert_num_queries(13):
        client.get(attendance_url(conference), {"day": "2023-08-30"})


@pytest.mark.parametrize("day", ["2023-08-01", "31/08/2023", "2023-02-30"])
def test_attendance_page_of_a_day_it_does_not_offer_is_not_found(client, meeting, day):
    client.force_login(StaffUserFactory())

    assert client.get(attendance_url(meeting), {"day": day}).status_code == 404


def test_attendance_page_is_refused_to_door_staff(client, meeting):
    client.force_login(CheckInStaffFactory(conference=meeting))

    assert client.get(attendance_url(meeting)).status_code == 403
    assert client.get(attendance_url(meeting, "attendance_xlsx")).status_code == 403


def test_attendance_xlsx_holds_both_tables(client, meeting):
    client.force_login(StaffUserFactory())

    response = client.get(attendance_url(meeting, "attendance_xlsx"), {"day": "2023-08-30"})

    assert response["Content-Disposition"] == (
        f'attachment; filename="attendance-{meeting.slug}-2023-08-30.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["By delegation", "By category"]
    rows = list(workbook["By delegation"].iter_rows(values_only=True))
    assert rows[0] == ("Delegation", "Day", "1 Plenary hall", "V VIP lounge", "Any zone")
    assert rows[1] == ("Ghana", "2023-08-30", 2, 1, 2)
    assert rows[-1] == ("All participants", "2023-08-30", 4, 1, 4)
    categories = list(workbook["By category"].iter_rows(values_only=True))
    assert categories[2] == ("Media", "2023-08-30", 1, 0, 1)
