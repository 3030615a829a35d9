"""Registration states move only along the allowed transitions, and every move is logged."""

import pytest
from django.core.exceptions import ValidationError

from delegations.models import ParticipantStateChange, Role, State
from delegations.services import (
    ALLOWED_TRANSITIONS,
    TransitionNotAllowed,
    participant_approve,
    participant_reject,
    participant_reset,
    participant_transition,
    participant_withdraw,
    participants_transition,
)
from tests.factories import ParticipantFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

ALLOWED = [(start, end) for start, ends in ALLOWED_TRANSITIONS.items() for end in sorted(ends)]
REFUSED = [
    (start, end) for start in State.values for end in State.values if (start, end) not in ALLOWED
]


def test_allowed_transitions_are_the_documented_ones():
    assert set(ALLOWED) == {
        (State.PENDING, State.APPROVED),
        (State.PENDING, State.REJECTED),
        (State.PENDING, State.WITHDRAWN),
        (State.APPROVED, State.WITHDRAWN),
        (State.APPROVED, State.PENDING),
        (State.REJECTED, State.PENDING),
        (State.WITHDRAWN, State.PENDING),
    }


@pytest.mark.parametrize(("start", "end"), ALLOWED)
def test_participant_transition_allowed_moves_and_logs(start, end):
    organiser = StaffUserFactory()
    participant = ParticipantFactory(state=start)

    change = participant_transition(
        participant=participant, to_state=end, by=organiser, reason="Checked by protocol"
    )

    participant.refresh_from_db()
    assert participant.state == end
    assert participant.state_reason == "Checked by protocol"
    assert participant.state_changed_at == change.changed_at
    assert (change.from_state, change.to_state, change.changed_by) == (start, end, organiser)
    assert change.reason == "Checked by protocol"


@pytest.mark.parametrize(("start", "end"), REFUSED)
def test_participant_transition_refused_changes_nothing(start, end):
    participant = ParticipantFactory(state=start)

    with pytest.raises(TransitionNotAllowed, match="cannot go from"):
        participant_transition(participant=participant, to_state=end, reason="Any")

    participant.refresh_from_db()
    assert participant.state == start
    assert not ParticipantStateChange.objects.exists()


@pytest.mark.parametrize("shortcut", [participant_reject, participant_withdraw])
def test_participant_reject_or_withdraw_needs_a_reason(shortcut):
    participant = ParticipantFactory(
        state=State.APPROVED if shortcut is participant_withdraw else State.PENDING
    )
    before = participant.state

    with pytest.raises(ValidationError) as error:
        shortcut(participant=participant, reason="   ")

    assert "reason" in error.value.message_dict
    participant.refresh_from_db()
    assert participant.state == before
    assert not ParticipantStateChange.objects.exists()


def test_participant_approve_records_the_organiser():
    organiser = StaffUserFactory()
    participant = ParticipantFactory()

    participant_approve(participant=participant, by=organiser)

    assert participant.state == State.APPROVED
    assert participant.state_changes.get().changed_by == organiser


def test_participant_approve_accepts_a_registration_older_than_the_latin_letters_rule():
    # As registered before names had to be in Latin letters.
    participant = ParticipantFactory(given_name="伟", family_name="王")

    participant_approve(participant=participant)

    assert participant.state == State.APPROVED


def test_participant_reset_refused_when_email_registered_again_meanwhile():
    withdrawn = ParticipantFactory(email="amina@example.org", state=State.WITHDRAWN)
    ParticipantFactory(delegation=withdrawn.delegation, email="amina@example.org")

    with pytest.raises(ValidationError, match="already registered"):
        participant_reset(participant=withdrawn)

    withdrawn.refresh_from_db()
    assert withdrawn.state == State.WITHDRAWN
    assert not ParticipantStateChange.objects.exists()


def test_participant_reset_refused_when_delegation_has_a_new_head():
    old_head = ParticipantFactory(role=Role.HEAD, state=State.REJECTED)
    ParticipantFactory(delegation=old_head.delegation, role=Role.HEAD)

    with pytest.raises(ValidationError, match="Head of Delegation"):
        participant_reset(participant=old_head)

    old_head.refresh_from_db()
    assert old_head.state == State.REJECTED


def test_participants_transition_moves_each_on_its_own():
    pending = ParticipantFactory.create_batch(2)
    already_rejected = ParticipantFactory(state=State.REJECTED)

    moved, refused = participants_transition(
        participants=[*pending, already_rejected], to_state=State.APPROVED
    )

    assert moved == pending
    assert [participant for participant, _ in refused] == [already_rejected]
    assert {p.state for p in pending} == {State.APPROVED}
    already_rejected.refresh_from_db()
    assert already_rejected.state == State.REJECTED


def test_history_lists_every_change_in_order():
    participant = ParticipantFactory()

    participant_approve(participant=participant)
    participant_withdraw(participant=participant, reason="Travel cancelled")
    participant_reset(participant=participant)

    assert [(c.from_state, c.to_state) for c in participant.state_changes.all()] == [
        (State.PENDING, State.APPROVED),
        (State.APPROVED, State.WITHDRAWN),
        (State.WITHDRAWN, State.PENDING),
    ]
