"""Badges wait for clearance when the conference requires it: not printed, not e-mailed, not
let through the door; the check-in card says why. Without the requirement nothing changes."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accreditation.badges import badges_for_printing
from accreditation.checkin import participant_enter
from accreditation.views import door_url
from clearance.models import ClearancePolicy, ClearanceState
from clearance.services import clearance_decide, security_data_save
from delegations.emails import email_participant_state
from delegations.models import Participant, State
from tests.clearance.conftest import scan, valid_data
from tests.factories import (
    CheckInStaffFactory,
    DoorParticipantFactory,
    ZoneFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(member):
    member.state = State.APPROVED
    member.save()
    return member


def cleared(participant):
    record = security_data_save(participant=participant, data=valid_data(), data_page=scan())
    return clearance_decide(record=record, state=ClearanceState.CLEARED, by=None)


def test_an_approved_person_not_cleared_gets_no_printed_badge(conference, approved):
    with pytest.raises(ValidationError) as error:
        badges_for_printing(conference=conference, participants=Participant.objects.all())

    assert error.value.code == "held"
    assert "Security clearance: not submitted" in error.value.messages[0]


def test_once_cleared_the_badge_is_printed(conference, approved):
    cleared(approved)

    assert badges_for_printing(conference=conference, participants=Participant.objects.all()) == [
        approved
    ]


def test_only_the_cleared_of_a_selection_are_printed(conference, approved):
    other = Participant.objects.create(
        conference=conference,
        delegation=approved.delegation,
        given_name="Ama",
        family_name="Owusu",
        email="ama@example.org",
        state=State.APPROVED,
    )
    cleared(other)

    printed = badges_for_printing(conference=conference, participants=Participant.objects.all())

    assert printed == [other]


def test_the_approval_e_mail_carries_no_badge_until_cleared(conference, approved):
    email_participant_state(participant=approved, state=State.APPROVED)
    cleared(approved)
    email_participant_state(participant=approved, state=State.APPROVED)

    before, after = mail.outbox[0], mail.outbox[-1]
    assert before.attachments == []
    assert [name for name, _content, _type in after.attachments] == [f"badge-{approved.pk:06d}.pdf"]


def test_without_the_requirement_nothing_changes(conference, approved):
    ClearancePolicy.objects.filter(conference=conference).update(requires_clearance=False)

    assert badges_for_printing(conference=conference, participants=Participant.objects.all()) == [
        approved
    ]


@pytest.fixture
def at_the_door():
    participant = DoorParticipantFactory()
    ClearancePolicy.objects.create(
        conference=participant.conference, collects_security_data=True, requires_clearance=True
    )
    return participant, ZoneFactory(conference=participant.conference)


def test_the_door_refuses_a_person_not_cleared(at_the_door):
    participant, zone = at_the_door

    with pytest.raises(ValidationError) as error:
        participant_enter(participant=participant, zone=zone)

    assert error.value.code == "held"
    assert "Security clearance: not submitted" in error.value.messages[0]


def test_the_check_in_card_shows_the_clearance(client, at_the_door):
    participant, zone = at_the_door
    client.force_login(CheckInStaffFactory(conference=participant.conference))
    # The card as the door's search or scan links to it.
    response = client.get(door_url(participant.conference, zone, participant))

    assert response.status_code == 200
    assert response.context["refusal"] == "Refused: Security clearance: not submitted."
    assert "Security clearance: not submitted" in response.text
