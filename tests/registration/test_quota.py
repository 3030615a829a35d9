"""Bringing someone back to an active state counts against the quota, as adding them does."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from delegations.models import Participant, State
from delegations.services import (
    participant_approve,
    participant_reset,
    participant_withdraw,
)
from registration.services import member_add
from tests.factories import DelegationFactory, OpenConferenceFactory, ParticipantFactory


def new_member(n: int = 0) -> Participant:
    return Participant(given_name=f"Member{n}", family_name="New", email=f"new{n}@example.org")


@pytest.mark.django_db
def test_participant_reset_beyond_quota_is_refused():
    delegation = DelegationFactory(conference=OpenConferenceFactory(), quota=1)
    first = ParticipantFactory(delegation=delegation)
    participant_withdraw(participant=first, reason="Travel cancelled")
    member_add(delegation=delegation, participant=new_member())

    with pytest.raises(ValidationError, match=r"is full: its quota is 1 member\."):
        participant_reset(participant=first)

    first.refresh_from_db()
    assert first.state == State.WITHDRAWN
    assert delegation.participants.active().count() == 1
    assert first.state_changes.count() == 1


@pytest.mark.django_db
def test_participant_approve_in_a_full_delegation_is_allowed():
    delegation = DelegationFactory(quota=1)
    pending = ParticipantFactory(delegation=delegation)

    participant_approve(participant=pending)

    assert pending.state == State.APPROVED


@pytest.mark.django_db
def test_reset_action_beyond_quota_tells_the_organiser_why(admin_client):
    delegation = DelegationFactory(quota=1, country="GH")
    rejected = ParticipantFactory(delegation=delegation, state=State.REJECTED, family_name="Asante")
    ParticipantFactory(delegation=delegation)

    response = admin_client.post(
        reverse("admin:delegations_participant_changelist"),
        {"action": "reset_selected", "_selected_action": [rejected.pk], "index": 0},
        follow=True,
    )

    assert "Asante: Ghana is full: its quota is 1 member." in response.content.decode()
    rejected.refresh_from_db()
    assert rejected.state == State.REJECTED


@pytest.mark.django_db(transaction=True)
def test_participant_reset_racing_member_add_never_exceeds_quota():
    delegation = DelegationFactory(conference=OpenConferenceFactory(), quota=1)
    withdrawn = ParticipantFactory(delegation=delegation, state=State.WITHDRAWN)
    barrier = threading.Barrier(2)
    refusals: list[ValidationError] = []

    def attempt(act) -> None:
        try:
            barrier.wait()
            act()
        except ValidationError as error:
            refusals.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(lambda: participant_reset(participant=withdrawn),)),
        threading.Thread(
            target=attempt,
            args=(lambda: member_add(delegation=delegation, participant=new_member()),),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert delegation.participants.active().count() == 1
    assert [error.code for error in refusals] == ["quota"]


@pytest.mark.django_db(transaction=True)
def test_participant_admin_add_waits_for_a_concurrent_add_and_respects_quota(admin_client):
    delegation = DelegationFactory(conference=OpenConferenceFactory(), quota=1, country="JP")
    responses = []

    def admin_add() -> None:
        try:
            responses.append(
                admin_client.post(
                    reverse("admin:delegations_participant_add"),
                    {
                        "delegation": delegation.pk,
                        "given_name": "Kenji",
                        "family_name": "Sato",
                        "name_order": "given_first",
                        "role": "representative",
                        "category": "delegate",
                        "email": "kenji.sato@mofa.example.jp",
                        "state_changes-TOTAL_FORMS": 0,
                        "state_changes-INITIAL_FORMS": 0,
                        "entries-TOTAL_FORMS": 0,
                        "entries-INITIAL_FORMS": 0,
                    },
                )
            )
        finally:
            connection.close()

    # Another writer takes the last place and commits only after the admin has posted: the
    # admin must wait for it, then count its member.
    with transaction.atomic():
        member_add(delegation=delegation, participant=new_member())
        thread = threading.Thread(target=admin_add)
        thread.start()
        thread.join(timeout=1)
    thread.join()

    assert responses[0].status_code == 200
    assert delegation.participants.active().count() == 1
