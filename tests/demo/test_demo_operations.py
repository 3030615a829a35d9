"""The demo's timeline: registrations over the window, badges printed, check-ins at the door."""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accreditation.badges import badges_mark_printed
from accreditation.checkin import participant_check_in
from accreditation.models import CheckIn
from delegations.models import Participant, ParticipantStateChange, State
from delegations.services import participant_withdraw
from demo.reference_meeting import SLUG
from registration.models import Application
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

BADGE_DAYS = {datetime.date(2023, 8, 28), datetime.date(2023, 8, 29)}
FIRST_DAY, SECOND_DAY = datetime.date(2023, 8, 30), datetime.date(2023, 8, 31)


def load_demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


def local(demo, moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(demo.tzinfo)


def timeline() -> dict:
    """Every time load_demo writes, by the participant's e-mail address."""
    participants = Participant.objects.filter(conference__slug=SLUG)
    return {
        "participants": set(
            participants.values_list(
                "email", "registered_at", "state_changed_at", "badge_printed_at"
            )
        ),
        "changes": set(
            ParticipantStateChange.objects.values_list(
                "participant__email", "to_state", "changed_at"
            )
        ),
        "check_ins": set(CheckIn.objects.values_list("participant__email", "checked_in_at")),
        "applications": set(Application.objects.values_list("email", "created_at")),
    }


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


def test_demo_checks_in_only_approved_participants(demo):
    states = CheckIn.objects.filter(participant__conference=demo).values_list(
        "participant__state", flat=True
    )

    assert set(states) == {State.APPROVED}


def test_demo_checks_in_only_participants_with_a_printed_badge(demo):
    check_ins = CheckIn.objects.filter(participant__conference=demo).select_related("participant")

    assert all(c.participant.badge_printed_at < c.checked_in_at for c in check_ins)


def test_demo_checks_in_more_than_two_hundred_participants(demo):
    assert demo.participants.filter(check_in__isnull=False).count() > 200


def test_demo_check_ins_peak_on_the_first_morning_before_the_opening(demo):
    arrivals = [local(demo, c.checked_in_at) for c in CheckIn.objects.all()]
    per_day = Counter(at.date() for at in arrivals)
    first_morning = Counter(at.hour for at in arrivals if at.date() == FIRST_DAY)

    assert per_day[FIRST_DAY] > 10 * per_day[SECOND_DAY] > 0
    assert all(datetime.time(8) <= at.time() <= datetime.time(10, 30) for at in arrivals)
    assert first_morning.most_common(1)[0][0] == 8


def test_demo_check_ins_are_by_nobody_in_particular(demo):
    assert not CheckIn.objects.filter(checked_in_by__isnull=False).exists()


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


def test_load_demo_again_writes_the_same_times():
    load_demo()
    first = timeline()

    load_demo()

    assert timeline() == first


def test_load_demo_again_restores_a_deleted_check_in():
    load_demo()
    participant = Participant.objects.filter(check_in__isnull=False).first()
    scripted = participant.check_in.checked_in_at
    CheckIn.objects.filter(participant=participant).delete()

    load_demo()

    assert CheckIn.objects.get(participant=participant).checked_in_at == scripted


def test_load_demo_again_restores_the_scripted_badge_and_check_in_times():
    load_demo()
    participant = Participant.objects.filter(check_in__isnull=False).first()
    scripted = (participant.badge_printed_at, participant.check_in.checked_in_at)
    earlier = participant.badge_printed_at - datetime.timedelta(days=1)
    Participant.objects.filter(pk=participant.pk).update(badge_printed_at=earlier)
    CheckIn.objects.filter(participant=participant).update(checked_in_at=earlier)

    load_demo()

    participant = Participant.objects.select_related("check_in").get(pk=participant.pk)
    assert (participant.badge_printed_at, participant.check_in.checked_in_at) == scripted


def test_load_demo_again_removes_a_check_in_by_nobody_that_the_script_does_not_have():
    load_demo()
    participant = Participant.objects.filter(state=State.APPROVED, check_in__isnull=True).first()
    participant_check_in(participant=participant)

    load_demo()

    assert not CheckIn.objects.filter(participant=participant).exists()


def test_load_demo_again_keeps_an_organisers_check_in():
    load_demo()
    participant = Participant.objects.filter(state=State.APPROVED, check_in__isnull=True).first()
    check_in = participant_check_in(participant=participant, by=StaffUserFactory()).check_in

    load_demo()

    assert CheckIn.objects.get(participant=participant) == check_in


def test_load_demo_again_keeps_a_badge_an_organiser_printed():
    load_demo()
    participant = Participant.objects.filter(
        state=State.APPROVED, badge_printed_at__isnull=True
    ).first()
    badges_mark_printed(participants=[participant])

    load_demo()

    participant.refresh_from_db()
    assert participant.badge_printed_at > timezone.now() - datetime.timedelta(minutes=5)


def test_load_demo_again_never_checks_in_a_participant_an_organiser_withdrew():
    load_demo()
    participant = Participant.objects.filter(check_in__isnull=False).first()
    CheckIn.objects.filter(participant=participant).delete()
    participant_withdraw(participant=participant, reason="Called away.")

    load_demo()

    assert not CheckIn.objects.filter(participant=participant).exists()


def test_load_demo_again_keeps_the_time_of_an_organisers_state_change():
    load_demo()
    participant = Participant.objects.filter(state=State.APPROVED).first()
    change = participant_withdraw(participant=participant, reason="Called away.")

    load_demo()

    participant.refresh_from_db()
    assert participant.state_changed_at == change.changed_at
    assert participant.state_changes.latest("changed_at").changed_at == change.changed_at
