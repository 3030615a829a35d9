"""The database itself refuses what must never happen, whatever code writes."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection

from bilaterals import services
from bilaterals.models import (
    Bilateral,
    BilateralAttendee,
    BilateralParty,
    BilateralSlot,
    BilateralState,
)
from tests.bilaterals.conftest import at, slot_time
from tests.factories import (
    BilateralSlotFactory,
    DelegationFactory,
    ParticipantFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
)


def accepted(conference, requester, invitee, room, starts_at, minutes=30):
    bilateral = Bilateral.objects.create(
        conference=conference,
        requester=requester,
        invitee=invitee,
        state=BilateralState.ACCEPTED,
        room=room,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
    )
    BilateralParty.objects.create(bilateral=bilateral, delegation=requester)
    BilateralParty.objects.create(bilateral=bilateral, delegation=invitee)
    return bilateral


@pytest.mark.django_db
def test_room_is_never_in_two_meetings_at_once(conference, room, ghana, japan):
    brazil = DelegationFactory(conference=conference, country="BR")
    chile = DelegationFactory(conference=conference, country="CL")
    accepted(conference, ghana, japan, room, at(conference, 10))

    with pytest.raises(IntegrityError, match="bilateral_room_once_at_a_time"):
        accepted(conference, brazil, chile, room, at(conference, 10, 15))


@pytest.mark.django_db
def test_delegation_is_never_in_two_meetings_at_once(conference, room, ghana, japan):
    brazil = DelegationFactory(conference=conference, country="BR")
    accepted(conference, ghana, japan, room, at(conference, 10))

    with pytest.raises(IntegrityError, match="bilateral_delegation_once_at_a_time"):
        accepted(conference, brazil, japan, RoomFactory(), at(conference, 10, 15))


@pytest.mark.django_db
def test_delegation_may_meet_again_when_the_first_meeting_ends(conference, room, ghana, japan):
    brazil = DelegationFactory(conference=conference, country="BR")
    accepted(conference, ghana, japan, room, at(conference, 10))

    accepted(conference, brazil, japan, room, at(conference, 10, 30))


@pytest.mark.django_db
def test_moving_a_meeting_onto_a_delegations_other_meeting_is_refused(
    conference, room, ghana, japan
):
    brazil = DelegationFactory(conference=conference, country="BR")
    accepted(conference, ghana, japan, room, at(conference, 10))
    later = accepted(conference, brazil, japan, RoomFactory(), at(conference, 11))

    # The trigger copies the new time onto the parties, where the constraint refuses it.
    later.starts_at, later.ends_at = at(conference, 10), at(conference, 10, 30)
    with pytest.raises(IntegrityError, match="bilateral_delegation_once_at_a_time"):
        later.save()


@pytest.mark.django_db
def test_person_is_never_in_two_meetings_at_once(conference, room, ghana, japan):
    brazil = DelegationFactory(conference=conference, country="BR")
    person = ParticipantFactory(delegation=japan)
    first = accepted(conference, ghana, japan, room, at(conference, 10))
    BilateralAttendee.objects.create(bilateral=first, participant=person)
    # Japan's other meeting is not at the same time; the person's would be, with the trigger's
    # copy of the meeting's time.
    chile = DelegationFactory(conference=conference, country="CL")
    second = accepted(conference, brazil, chile, RoomFactory(), at(conference, 10, 15))

    with pytest.raises(IntegrityError, match="bilateral_participant_once_at_a_time"):
        BilateralAttendee.objects.create(bilateral=second, participant=person)


@pytest.mark.django_db
def test_attendee_speaking_then_is_refused_by_the_database(conference, room, ghana, japan):
    speaker = ParticipantFactory(delegation=japan)
    session = SessionFactory(
        conference=conference, starts_at=at(conference, 10), ends_at=at(conference, 11)
    )
    SessionRoleFactory(
        session=session, speaker=SpeakerFactory(conference=conference, participant=speaker)
    )
    bilateral = accepted(conference, ghana, japan, room, at(conference, 10, 30))

    with pytest.raises(IntegrityError, match="speaks on the programme at that time"):
        BilateralAttendee.objects.create(bilateral=bilateral, participant=speaker)


@pytest.mark.django_db
def test_accepted_meeting_without_a_room_is_refused(conference, ghana, japan):
    with pytest.raises(IntegrityError, match="bilateral_accepted_has_room_and_time"):
        Bilateral.objects.create(
            conference=conference, requester=ghana, invitee=japan, state=BilateralState.ACCEPTED
        )


@pytest.mark.django_db
def test_delegation_cannot_meet_itself(conference, ghana):
    with pytest.raises(IntegrityError, match="bilateral_between_two_delegations"):
        Bilateral.objects.create(conference=conference, requester=ghana, invitee=ghana)


@pytest.mark.django_db
def test_slot_outside_the_conference_is_refused(conference, room):
    with pytest.raises(IntegrityError, match=r"outside its conference.s dates"):
        BilateralSlotFactory(conference=conference, room=room, starts_at=at(conference, 10, day=2))


@pytest.mark.django_db
def test_room_is_never_offered_twice_at_once(conference, room, slot):
    with pytest.raises(IntegrityError, match="bilateral_slot_room_once_at_a_time"):
        BilateralSlot.objects.create(
            conference=conference,
            room=room,
            starts_at=slot.starts_at + datetime.timedelta(minutes=10),
            ends_at=slot.ends_at + datetime.timedelta(minutes=10),
        )


@pytest.mark.django_db(transaction=True)
def test_two_delegations_taking_the_last_room_at_once_one_wins(conference, slot):
    """Two focal points accept, at the same instant, meetings at the time of the only room:
    one gets the room, the other a clear refusal, and the room holds one meeting."""
    ghana, japan, brazil, chile = (
        DelegationFactory(conference=conference, country=code) for code in ("GH", "JP", "BR", "CL")
    )
    first = services.bilateral_request(
        requester=ghana, invitee=japan, times=[slot_time(slot)], attendees=[]
    )
    second = services.bilateral_request(
        requester=brazil, invitee=chile, times=[slot_time(slot)], attendees=[]
    )
    barrier = threading.Barrier(2)
    outcomes = {}

    def accept(bilateral, delegation):
        try:
            barrier.wait()
            services.bilateral_accept(
                bilateral=bilateral, delegation=delegation, time=slot_time(slot), attendees=[]
            )
            outcomes[delegation.pk] = "accepted"
        except Exception as error:
            outcomes[delegation.pk] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=(first, japan)),
        threading.Thread(target=accept, args=(second, chile)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    results = sorted(outcomes.values(), key=str)
    assert results.count("accepted") == 1, outcomes
    [refusal] = [result for result in results if result != "accepted"]
    assert "No room is free at that time any more" in str(refusal)
    assert Bilateral.objects.filter(state=BilateralState.ACCEPTED).count() == 1
