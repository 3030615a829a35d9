"""Each rule the data must never break is kept by the database itself; these try to break it."""

import pytest
from django.db import IntegrityError

from delegations.models import DelegationKind, Role, State
from tests.factories import (
    ConferenceFactory,
    DelegationFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def test_participant_email_is_unique_per_delegation_ignoring_case():
    first = ParticipantFactory(email="Amina.Diallo@example.org")

    with pytest.raises(IntegrityError, match="participant_unique_active_email_per_delegation"):
        ParticipantFactory(delegation=first.delegation, email="amina.diallo@EXAMPLE.org")


def test_participant_email_is_approved_once_per_conference_ignoring_case():
    first = ParticipantFactory(email="Amina.Diallo@example.org", state=State.APPROVED)

    with pytest.raises(IntegrityError, match="participant_unique_approved_email_per_conference"):
        ParticipantFactory(
            delegation=DelegationFactory(conference=first.conference),
            email="amina.diallo@EXAMPLE.org",
            state=State.APPROVED,
        )


def test_participant_email_may_be_pending_in_two_delegations():
    # The organisers see both and approve one; refusing the second would tell its focal
    # point who is registered elsewhere.
    first = ParticipantFactory(email="amina@example.org", state=State.APPROVED)

    other = ParticipantFactory(
        delegation=DelegationFactory(conference=first.conference), email="amina@example.org"
    )

    assert other.pk


@pytest.mark.parametrize("inactive_state", [State.REJECTED, State.WITHDRAWN])
def test_participant_email_may_register_again_after_leaving(inactive_state):
    first = ParticipantFactory(email="amina@example.org", state=inactive_state)

    again = ParticipantFactory(delegation=first.delegation, email="amina@example.org")

    assert again.pk


def test_participant_email_may_register_at_another_conference():
    ParticipantFactory(email="amina@example.org")

    other = ParticipantFactory(email="amina@example.org")

    assert other.pk


def test_delegation_has_at_most_one_active_head():
    head = ParticipantFactory(role=Role.HEAD)

    with pytest.raises(IntegrityError, match="participant_one_head_per_delegation"):
        ParticipantFactory(delegation=head.delegation, role=Role.HEAD)


def test_delegation_may_replace_a_withdrawn_head():
    head = ParticipantFactory(role=Role.HEAD, state=State.WITHDRAWN)

    successor = ParticipantFactory(delegation=head.delegation, role=Role.HEAD)

    assert successor.pk


def test_one_delegation_per_country_per_conference():
    first = DelegationFactory(country="GH")

    with pytest.raises(IntegrityError, match="delegation_one_per_country_per_conference"):
        DelegationFactory(conference=first.conference, country="GH")


def test_same_country_may_attend_another_conference():
    DelegationFactory(country="GH")

    assert DelegationFactory(country="GH").pk


def test_state_delegation_without_country_is_refused():
    with pytest.raises(IntegrityError, match="delegation_state_has_country_others_have_name"):
        DelegationFactory(kind=DelegationKind.MEMBER_STATE, country="", organisation_name="")


def test_organisation_delegation_without_name_is_refused():
    with pytest.raises(IntegrityError, match="delegation_state_has_country_others_have_name"):
        DelegationFactory(kind=DelegationKind.IGO, country="", organisation_name="")


def test_badge_tokens_are_unique_and_unguessable():
    tokens = {ParticipantFactory().badge_token for _ in range(5)}

    assert len(tokens) == 5
    assert all(len(token) >= 32 for token in tokens)


def test_participant_conference_must_be_its_delegations():
    delegation = DelegationFactory()

    with pytest.raises(IntegrityError, match="participant_same_conference_as_delegation"):
        ParticipantFactory(delegation=delegation, conference=ConferenceFactory())
