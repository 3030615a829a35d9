"""The demo's timeline: registrations over the window, badges printed, entries at the door."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse

from accreditation.models import Entry, Zone
from delegations.models import ParticipantStateChange, State
from registration.models import Application
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

BADGE_DAYS = {datetime.date(2023, 8, 28), datetime.date(2023, 8, 29)}
FIRST_DAY, SECOND_DAY = datetime.date(2023, 8, 30), datetime.date(2023, 8, 31)


def local(demo, moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(demo.tzinfo)


def test_demo_registrations_fall_within_the_registration_window(demo):
    registered = [p.registered_at for p in demo.participants.all()]

    assert all(demo.registration_opens_at <= at <= demo.registration_closes_at for at in registered)


def test_demo_registrations_span_the_weeks_from_opening_to_closing(demo):
    days = {local(demo, p.registered_at).date() for p in demo.participants.all()}

    assert min(days) == datetime.date(2023, 7, 3)
    # Late nominations and individual applications come after the focal points' deadline.
    assert max(days) >= local(demo, demo.registration_closes_at).date() - datetime.timedelta(1)
    assert len(days) > 30


def test_demo_registrations_rush_in_the_week_before_the_deadline(demo):
    last_week = demo.participants.filter(
        registered_at__gte=demo.modification_deadline - datetime.timedelta(days=7)
    ).count()
    weeks = (demo.registration_closes_at - demo.registration_opens_at).days / 7

    assert last_week > 2 * demo.participants.count() / weeks


def test_demo_decides_on_registrations_after_they_came_and_before_badges_are_printed(demo):
    changes = ParticipantStateChange.objects.filter(
        participant__conference=demo, to_state__in=[State.APPROVED, State.REJECTED]
    ).select_related("participant")

    assert changes.exists()
    assert all(
        c.participant.registered_at < c.changed_at < demo.starts_at - datetime.timedelta(days=2)
        for c in changes
    )


def test_demo_records_the_last_logged_change_as_the_state_change_time(demo):
    last_logged = {
        change.participant_id: change.changed_at
        for change in ParticipantStateChange.objects.filter(participant__conference=demo).order_by(
            "changed_at", "pk"
        )
    }
    decided = demo.participants.exclude(state=State.PENDING)

    assert {p.pk: p.state_changed_at for p in decided} == last_logged
    assert not demo.participants.filter(state=State.PENDING, state_changed_at__isnull=False)


def test_demo_prints_most_approved_badges_in_batches_on_the_two_days_before(demo):
    approved = demo.participants.filter(state=State.APPROVED)
    printed = [p.badge_printed_at for p in approved if p.badge_printed_at]

    assert len(printed) > 0.8 * approved.count()
    assert {local(demo, at).date() for at in printed} == BADGE_DAYS
    assert 4 <= len(set(printed)) <= 10


def test_demo_prints_badges_only_for_approved_participants(demo):
    printed = demo.participants.filter(badge_printed_at__isnull=False)

    assert set(printed.values_list("state", flat=True)) == {State.APPROVED}


def arrivals(demo) -> dict[int, datetime.datetime]:
    """Each participant's first entry, at any zone: their arrival at the meeting."""
    first = {}
    for entry in Entry.objects.filter(participant__conference=demo).order_by("entered_at"):
        first.setdefault(entry.participant_id, entry.entered_at)
    return first


def test_demo_lets_in_only_approved_participants(demo):
    states = Entry.objects.filter(participant__conference=demo).values_list(
        "participant__state", flat=True
    )

    assert set(states) == {State.APPROVED}


def test_demo_lets_in_only_participants_with_a_printed_badge(demo):
    entries = Entry.objects.filter(participant__conference=demo).select_related("participant")

    assert all(e.participant.badge_printed_at < e.entered_at for e in entries)


def test_demo_lets_in_more_than_two_hundred_participants(demo):
    assert len(arrivals(demo)) > 200


def test_demo_arrivals_peak_on_the_first_morning_before_the_opening(demo):
    first = [local(demo, at) for at in arrivals(demo).values()]
    per_day = Counter(at.date() for at in first)
    first_morning = Counter(at.hour for at in first if at.date() == FIRST_DAY)

    assert per_day[FIRST_DAY] > 10 * per_day[SECOND_DAY] > 0
    assert all(datetime.time(8) <= at.time() <= datetime.time(10, 30) for at in first)
    assert first_morning.most_common(1)[0][0] == 8


def test_demo_has_three_zones_and_two_days_of_attendance(demo):
    entries = Entry.objects.filter(participant__conference=demo)
    per_day_and_zone = Counter(entries.values_list("day", "zone__code"))

    assert set(Zone.objects.filter(conference=demo).values_list("code", flat=True)) == {
        "1",
        "2",
        "V",
    }
    assert {day for day, _zone in per_day_and_zone} == {FIRST_DAY, SECOND_DAY}
    assert all(per_day_and_zone[(day, "1")] > 100 for day in (FIRST_DAY, SECOND_DAY))
    assert per_day_and_zone[(FIRST_DAY, "V")] > 0
    assert per_day_and_zone[(FIRST_DAY, "2")] + per_day_and_zone[(SECOND_DAY, "2")] > 20
    assert all(
        entry.zone.admits(entry.participant)
        for entry in entries.select_related("zone", "participant")
    )


def test_demo_entries_are_by_nobody_in_particular(demo):
    assert not Entry.objects.filter(entered_by__isnull=False).exists()


def test_demo_applications_are_confirmed_on_registration_after_being_sent(demo):
    confirmed = Application.objects.filter(confirmed_at__isnull=False).select_related("participant")

    assert confirmed.exists()
    assert all(a.created_at < a.confirmed_at == a.participant.registered_at for a in confirmed)
    assert Application.objects.get(confirmed_at__isnull=True).created_at < (
        demo.registration_closes_at
    )


def test_demo_dashboard_draws_every_chart(demo, client):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("accreditation:dashboard", args=[demo.slug]))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<svg") == 5
    assert "Nothing yet." not in page
    assert "31 Aug 08:00" in page
    assert ">3 Jul</text>" in page
