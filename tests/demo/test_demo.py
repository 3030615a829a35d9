"""The demo commands: load_demo's idempotency, generate_scale_data, create_demo_organiser."""

import datetime
import io
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min
from mailer.models import MessageLog

from accreditation.models import Entry
from clearance.models import SecurityRecord
from conference.models import Conference, Role
from delegations.models import Delegation, Participant, ParticipantStateChange, State
from delegations.services import participant_withdraw
from demo.scale import MAX_SESSIONS, SLUG
from registration.models import Application
from sessions.models import Session, SessionRole
from tests.factories import ConferenceFactory


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_load_demo_twice_leaves_the_same_rows_in_every_table():
    run("load_demo")
    first = row_counts()

    run("load_demo")

    assert first["delegations.Participant"] > 0
    assert row_counts() == first


@pytest.mark.django_db
def test_load_demo_again_restores_the_scripted_details():
    run("load_demo")
    participant = Participant.objects.get(family_name="Lacroix")
    scripted = (participant.given_name, participant.delegation_id)
    other_delegation = (
        Delegation.objects.filter(conference=participant.conference)
        .exclude(pk=participant.delegation_id)
        .first()
    )
    Participant.objects.filter(pk=participant.pk).update(
        given_name="Changed", delegation=other_delegation
    )

    run("load_demo")

    participant.refresh_from_db()
    assert (participant.given_name, participant.delegation_id) == scripted


@pytest.mark.django_db
def test_load_demo_again_keeps_an_organisers_state_change():
    run("load_demo")
    participant = Participant.objects.get(family_name="Lacroix")
    participant_withdraw(participant=participant, reason="Called away.")

    run("load_demo")

    participant.refresh_from_db()
    assert participant.state == State.WITHDRAWN
    assert participant.state_changes.count() == 2


@pytest.mark.django_db
def test_generate_scale_data_creates_the_requested_counts():
    run("generate_scale_data", "--delegations=5", "--participants=40", "--sessions=30")

    conference = Conference.objects.get(slug=SLUG)
    assert conference.is_published
    assert conference.delegations.count() == 5
    assert conference.participants.count() == 40
    assert conference.sessions.filter(is_published=True).count() == 30
    assert conference.venue.rooms.count() == 12
    assert conference.tracks.count() == 8
    assert len(conference.days) == 5


@pytest.mark.django_db
def test_generate_scale_data_gives_every_session_two_to_five_speakers():
    run("generate_scale_data", "--delegations=5", "--participants=40", "--sessions=30")

    per_session = (
        SessionRole.objects.values("session").annotate(n=Count("pk")).aggregate(Min("n"), Max("n"))
    )
    assert SessionRole.objects.values("session").distinct().count() == 30
    assert per_session["n__min"] >= 2
    assert per_session["n__max"] <= 5


@pytest.mark.django_db
def test_generate_scale_data_gives_eight_speakers_for_five_sessions_each_with_a_bio():
    run("generate_scale_data", "--delegations=5", "--participants=40", "--sessions=30")

    speakers = Conference.objects.get(slug=SLUG).speakers
    assert speakers.count() == 48
    assert not speakers.filter(bio="").exists()


@pytest.mark.django_db
def test_generate_scale_data_fits_the_most_sessions_in_the_rooms_and_days():
    # The database refuses a double-booked room or a session outside the dates.
    run("generate_scale_data", "--delegations=2", "--participants=2", f"--sessions={MAX_SESSIONS}")

    assert Session.objects.filter(conference__slug=SLUG).count() == MAX_SESSIONS


@pytest.mark.django_db
def test_generate_scale_data_refuses_more_sessions_than_fit():
    with pytest.raises(CommandError):
        run("generate_scale_data", f"--sessions={MAX_SESSIONS + 1}")


@pytest.mark.django_db
def test_generate_scale_data_logs_each_decided_participants_state():
    run("generate_scale_data", "--delegations=5", "--participants=200", "--sessions=5")

    decided = Participant.objects.exclude(state=State.PENDING)
    last_logged = {
        change.participant_id: change.to_state
        for change in ParticipantStateChange.objects.order_by("changed_at", "pk")
    }
    assert decided.exists()
    assert {p.pk: p.state for p in decided} == last_logged


@pytest.mark.django_db
def test_generate_scale_data_replaces_the_previous_scale_conference():
    run("generate_scale_data", "--delegations=5", "--participants=40", "--sessions=30")

    run("generate_scale_data", "--delegations=3", "--participants=10", "--sessions=4")

    conference = Conference.objects.get(slug=SLUG)
    assert Participant.objects.count() == 10
    assert conference.sessions.count() == 4


@pytest.mark.django_db
def test_generate_scale_data_that_fails_partway_leaves_the_previous_conference_as_it_was(
    settings,
):
    run("generate_scale_data", "--delegations=5", "--participants=40", "--sessions=4")
    before = row_counts()
    # Without keys the security records, written after the delegations and participants,
    # cannot be encrypted: the run stops halfway.
    settings.CLEARANCE_ENCRYPTION_KEYS = []

    with pytest.raises(ImproperlyConfigured):
        run("generate_scale_data", "--delegations=3", "--participants=10", "--sessions=4")

    assert row_counts() == before
    assert Conference.objects.get(slug=SLUG).participants.count() == 40


@pytest.mark.django_db
def test_generate_scale_data_leaves_the_meetings_traces_and_replaces_them():
    run("generate_scale_data", "--delegations=5", "--participants=40", "--sessions=4")
    approved = Participant.objects.filter(state=State.APPROVED).count()
    registered = Participant.objects.aggregate(
        first=Min("registered_at"), last=Max("registered_at")
    )

    run("generate_scale_data", "--delegations=5", "--participants=40", "--sessions=4")

    # Three days at the door for each approved participant, security data for three in five,
    # a mail log entry each: as many as one run makes, the previous run's deleted.
    assert Entry.objects.count() == 3 * approved
    assert SecurityRecord.objects.count() == 24
    assert Application.objects.count() == 2
    assert MessageLog.objects.count() == 40
    assert registered["last"] - registered["first"] > datetime.timedelta(days=30)


def printed_password(output: str, username: str) -> str:
    return re.search(rf"username {username}, password (\S+)$", output, re.MULTILINE).group(1)


@pytest.mark.django_db
def test_create_demo_organiser_prints_passwords_that_log_in_with_the_port_served_on(client):
    output = run("create_demo_organiser", "--site-url", "http://127.0.0.1:8123")

    assert "http://127.0.0.1:8123/en/admin/" in output
    assert "http://127.0.0.1:8123/en/staff/" in output
    assert client.login(username="organiser", password=printed_password(output, "organiser"))
    assert client.login(username="door", password=printed_password(output, "door"))


@pytest.mark.django_db
def test_the_demo_door_account_may_check_people_in_and_nothing_else():
    conference = ConferenceFactory()
    run("create_demo_organiser")

    door = get_user_model().objects.get(username="door")
    assert not door.is_staff
    assert door.get_all_permissions() == set()  # nothing everywhere: a role per conference
    assert door.has_perm("accreditation.check_in_participants", conference)
    assert not door.has_perm("delegations.view_participant", conference)


@pytest.mark.django_db
def test_create_demo_organiser_again_replaces_the_password(client):
    old = printed_password(run("create_demo_organiser"), "organiser")

    run("create_demo_organiser")

    assert not client.login(username="organiser", password=old)


@pytest.mark.django_db
def test_the_demo_role_accounts_have_their_role_in_each_conference(client):
    conferences = ConferenceFactory.create_batch(2)

    output = run("create_demo_organiser")

    viewer = get_user_model().objects.get(username="viewer")
    assert {(role.conference, role.role) for role in viewer.conference_roles.all()} == {
        (conference, Role.VIEWER) for conference in conferences
    }
    assert client.login(username="programme", password=printed_password(output, "programme"))


@pytest.mark.django_db
def test_generate_scale_data_lays_out_a_cop_programme_over_fourteen_days_and_thirty_rooms():
    run(
        "generate_scale_data",
        "--delegations=250",
        "--participants=300",
        "--sessions=2000",
        "--rooms=30",
        "--days=14",
    )

    sessions = Session.objects.filter(conference__slug=SLUG)
    assert sessions.count() == 2000
    assert sessions.values("room").distinct().count() == 30
    conference = Conference.objects.get(slug=SLUG)
    assert len(conference.days) == 14
    assert {s.starts_at.astimezone(conference.tzinfo).date() for s in sessions} == set(
        conference.days
    )
    assert conference.delegations.count() == 250


@pytest.mark.django_db
def test_generate_scale_data_refuses_more_days_than_a_month():
    with pytest.raises(CommandError):
        run("generate_scale_data", "--days=40")
