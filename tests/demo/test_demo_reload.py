"""load_demo again, after organisers worked in the admin: the script's times come back, what
organisers did stays.

Each load takes most of half a minute, so the module loads the demo once, makes every
organiser's change below (each to other participants), loads it again, and each test checks
one of them; all of it is rolled back after the module.
"""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accreditation.badges import badges_mark_printed
from accreditation.checkin import participant_enter
from accreditation.models import Entry, Zone
from delegations.models import Participant, ParticipantStateChange, State
from delegations.services import participant_withdraw
from demo.reference_meeting import SLUG
from registration.models import Application
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime.date(2023, 8, 30)


def load_demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


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
        "entries": set(
            Entry.objects.values_list("participant__email", "zone__code", "day", "entered_at")
        ),
        "applications": set(Application.objects.values_list("email", "created_at")),
    }


@dataclass
class Changed:
    """What was done between the two loads, to whom."""

    deleted_entry: Entry
    scripted: tuple[Participant, Entry, tuple[datetime.datetime, datetime.datetime]]
    entry_by_nobody: Participant
    organisers_entry: Entry
    badge_printed: Participant
    withdrawn_after_entering: Participant
    withdrawal: ParticipantStateChange


class Others:
    """Picks participants no earlier change touched."""

    def __init__(self):
        self.used: set[int] = set()

    def take(self, participants) -> Participant:
        participant = participants.exclude(pk__in=self.used).first()
        self.used.add(participant.pk)
        return participant

    def plenary_entry(self) -> Entry:
        entry = (
            Entry.objects.filter(zone__code="1")
            .exclude(participant__in=self.used)
            .select_related("participant", "zone")
            .first()
        )
        self.used.add(entry.participant_id)
        return entry

    def never_entered(self) -> Participant:
        return self.take(
            Participant.objects.filter(
                conference__slug=SLUG, state=State.APPROVED, entries__isnull=True
            )
        )


def organisers_change_the_demo() -> Changed:
    others = Others()
    zone = Zone.objects.get(conference__slug=SLUG, code="1")

    deleted_entry = others.plenary_entry()
    Entry.objects.filter(pk=deleted_entry.pk).delete()

    entry = others.plenary_entry()
    participant = entry.participant
    scripted = (participant.badge_printed_at, entry.entered_at)
    earlier = participant.badge_printed_at - datetime.timedelta(days=1)
    Participant.objects.filter(pk=participant.pk).update(badge_printed_at=earlier)
    Entry.objects.filter(pk=entry.pk).update(entered_at=earlier)

    by_nobody = others.never_entered()
    Entry.objects.create(participant=by_nobody, zone=zone, day=FIRST_DAY)

    let_in = others.never_entered()
    at = datetime.datetime.combine(FIRST_DAY, datetime.time(12), let_in.conference.tzinfo)
    organisers_entry = participant_enter(
        participant=let_in, zone=zone, by=StaffUserFactory(), now=at
    ).entry

    printed = others.take(
        Participant.objects.filter(
            conference__slug=SLUG, state=State.APPROVED, badge_printed_at__isnull=True
        )
    )
    badges_mark_printed(participants=[printed])

    withdrawn_after_entering = others.plenary_entry().participant
    Entry.objects.filter(participant=withdrawn_after_entering).delete()
    participant_withdraw(participant=withdrawn_after_entering, reason="Called away.")

    withdrawn = others.take(Participant.objects.filter(conference__slug=SLUG, state=State.APPROVED))
    withdrawal = participant_withdraw(participant=withdrawn, reason="Called away.")

    return Changed(
        deleted_entry=deleted_entry,
        scripted=(participant, entry, scripted),
        entry_by_nobody=by_nobody,
        organisers_entry=organisers_entry,
        badge_printed=printed,
        withdrawn_after_entering=withdrawn_after_entering,
        withdrawal=withdrawal,
    )


@pytest.fixture(scope="module")
def changed(django_db_setup, django_db_blocker) -> Changed:
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        changes = organisers_change_the_demo()
        load_demo()
        yield changes
        transaction.set_rollback(True)


def test_load_demo_again_writes_the_same_times(changed):
    first = timeline()

    load_demo()

    assert timeline() == first


def test_load_demo_again_restores_a_deleted_entry(changed):
    entry = changed.deleted_entry

    restored = Entry.objects.get(participant=entry.participant, zone=entry.zone, day=entry.day)
    assert restored.entered_at == entry.entered_at


def test_load_demo_again_restores_the_scripted_badge_and_entry_times(changed):
    participant, entry, scripted = changed.scripted

    participant.refresh_from_db()
    entry.refresh_from_db()
    assert (participant.badge_printed_at, entry.entered_at) == scripted


def test_load_demo_again_removes_an_entry_by_nobody_that_the_script_does_not_have(changed):
    assert not Entry.objects.filter(participant=changed.entry_by_nobody).exists()


def test_load_demo_again_keeps_an_organisers_entry(changed):
    entry = changed.organisers_entry

    assert Entry.objects.get(participant=entry.participant) == entry


def test_load_demo_again_keeps_a_badge_an_organiser_printed(changed):
    participant = changed.badge_printed

    participant.refresh_from_db()
    assert participant.badge_printed_at > timezone.now() - datetime.timedelta(minutes=5)


def test_load_demo_again_never_lets_in_a_participant_an_organiser_withdrew(changed):
    assert not Entry.objects.filter(participant=changed.withdrawn_after_entering).exists()


def test_load_demo_again_keeps_the_time_of_an_organisers_state_change(changed):
    change = changed.withdrawal
    participant = change.participant

    participant.refresh_from_db()
    assert participant.state_changed_at == change.changed_at
    assert participant.state_changes.latest("changed_at").changed_at == change.changed_at
