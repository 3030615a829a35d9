import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from bilaterals import services
from bilaterals.models import (
    Bilateral,
    BilateralNotice,
    BilateralParty,
    BilateralState,
    CalendarFeed,
    DoorSign,
    NoticeKind,
)
from conference.retention import personal_data_purge
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

pytestmark = pytest.mark.django_db


def request(requester, invitee, slots, attendees=(), **kwargs):
    return services.bilateral_request(
        requester=requester,
        invitee=invitee,
        times=[slot_time(slot) for slot in slots],
        attendees=list(attendees),
        **kwargs,
    )


def test_request_waits_for_the_invitee_and_tells_it(ghana, japan, slot, ghana_member):
    bilateral = request(ghana, japan, [slot], [ghana_member], topic="Training")

    assert bilateral.state == BilateralState.REQUESTED
    assert bilateral.awaits(japan)
    assert not bilateral.awaits(ghana)
    assert list(bilateral.proposals.values_list("starts_at", "ends_at")) == [slot_time(slot)]
    assert BilateralNotice.objects.get().delegation == japan


def test_accept_takes_a_free_room_at_the_time(ghana, japan, slot, japan_member):
    bilateral = request(ghana, japan, [slot])

    services.bilateral_accept(
        bilateral=bilateral, delegation=japan, time=slot_time(slot), attendees=[japan_member]
    )

    bilateral.refresh_from_db()
    assert bilateral.state == BilateralState.ACCEPTED
    assert (bilateral.room, bilateral.starts_at) == (slot.room, slot.starts_at)
    # The trigger copies the time onto both parties and the attendee.
    assert set(BilateralParty.objects.values_list("starts_at", flat=True)) == {slot.starts_at}
    assert bilateral.attendees.get().starts_at == slot.starts_at


def test_requester_cannot_accept_its_own_request(ghana, japan, slot):
    bilateral = request(ghana, japan, [slot])

    with pytest.raises(ValidationError, match="not waiting for your answer"):
        services.bilateral_accept(
            bilateral=bilateral, delegation=ghana, time=slot_time(slot), attendees=[]
        )


def test_counter_proposal_passes_the_turn_to_the_requester(conference, ghana, japan, slot, room):
    later = BilateralSlotFactory(conference=conference, room=room, starts_at=at(conference, 11))
    bilateral = request(ghana, japan, [slot])

    services.bilateral_propose(bilateral=bilateral, delegation=japan, times=[slot_time(later)])

    bilateral.refresh_from_db()
    assert bilateral.state == BilateralState.COUNTER_PROPOSED
    assert bilateral.awaits(ghana)
    services.bilateral_accept(
        bilateral=bilateral, delegation=ghana, time=slot_time(later), attendees=[]
    )
    bilateral.refresh_from_db()
    assert bilateral.starts_at == later.starts_at


def test_accept_refuses_a_time_not_proposed(conference, ghana, japan, slot, room):
    other = BilateralSlotFactory(conference=conference, room=room, starts_at=at(conference, 11))
    bilateral = request(ghana, japan, [slot])

    with pytest.raises(ValidationError, match="one of the proposed times"):
        services.bilateral_accept(
            bilateral=bilateral, delegation=japan, time=slot_time(other), attendees=[]
        )


def test_request_refuses_a_time_the_organisers_do_not_offer(conference, ghana, japan, slot):
    with pytest.raises(ValidationError, match="times the organisers offer") as error:
        services.bilateral_request(
            requester=ghana,
            invitee=japan,
            times=[(at(conference, 7), at(conference, 7, 30))],
            attendees=[],
        )
    assert "times" in error.value.message_dict
    assert not Bilateral.objects.exists()


def test_request_refuses_a_time_already_past(ghana, japan, slot):
    later = slot.ends_at + datetime.timedelta(hours=1)

    with pytest.raises(ValidationError, match="still to come"):
        request(ghana, japan, [slot], now=later)


def test_request_refuses_attendees_of_another_delegation(ghana, japan, slot, japan_member):
    with pytest.raises(ValidationError, match="members of your delegation"):
        request(ghana, japan, [slot], [japan_member])


def test_request_refuses_a_delegation_of_another_conference(ghana, slot):
    stranger = DelegationFactory(country="FR")

    with pytest.raises(ValidationError, match="another delegation of this conference"):
        request(ghana, stranger, [slot])


def test_second_open_request_between_the_same_two_is_refused(ghana, japan, slot):
    request(ghana, japan, [slot])

    with pytest.raises(ValidationError, match="already open"):
        request(japan, ghana, [slot])


def test_delegation_cannot_accept_two_meetings_at_once(conference, ghana, japan, slot):
    BilateralSlotFactory(conference=conference, room=RoomFactory(venue=conference.venue))
    brazil = DelegationFactory(conference=conference, country="BR")
    first = request(ghana, japan, [slot])
    second = request(brazil, japan, [slot])
    services.bilateral_accept(bilateral=first, delegation=japan, time=slot_time(slot), attendees=[])

    with pytest.raises(ValidationError, match="Japan already has a bilateral meeting"):
        services.bilateral_accept(
            bilateral=second, delegation=japan, time=slot_time(slot), attendees=[]
        )
    second.refresh_from_db()
    assert second.state == BilateralState.REQUESTED


def test_attendee_speaking_on_the_programme_is_refused(
    conference, ghana, japan, slot, japan_member
):
    session = SessionFactory(
        conference=conference, starts_at=slot.starts_at, ends_at=slot.ends_at, title="Panel on IEDs"
    )
    SessionRoleFactory(
        session=session, speaker=SpeakerFactory(conference=conference, participant=japan_member)
    )
    bilateral = request(ghana, japan, [slot])

    with pytest.raises(ValidationError, match=r"Yuki.*speaks on the programme then"):
        services.bilateral_accept(
            bilateral=bilateral, delegation=japan, time=slot_time(slot), attendees=[japan_member]
        )


def test_no_free_room_left_at_the_time_is_told(conference, ghana, japan, slot):
    brazil = DelegationFactory(conference=conference, country="BR")
    chile = DelegationFactory(conference=conference, country="CL")
    first = request(ghana, japan, [slot])
    second = request(brazil, chile, [slot])
    services.bilateral_accept(bilateral=first, delegation=japan, time=slot_time(slot), attendees=[])

    with pytest.raises(ValidationError, match="No room is free at that time"):
        services.bilateral_accept(
            bilateral=second, delegation=chile, time=slot_time(slot), attendees=[]
        )


def test_decline_and_cancel_close_the_request(ghana, japan, slot):
    declined = request(ghana, japan, [slot])
    services.bilateral_decline(bilateral=declined, delegation=japan)
    accepted = request(ghana, japan, [slot])
    services.bilateral_accept(
        bilateral=accepted, delegation=japan, time=slot_time(slot), attendees=[]
    )

    services.bilateral_cancel(bilateral=accepted, delegation=ghana)

    accepted.refresh_from_db()
    assert accepted.state == BilateralState.CANCELLED
    assert accepted.room is None
    assert not BilateralParty.objects.filter(starts_at__isnull=False).exists()
    with pytest.raises(ValidationError):
        services.bilateral_cancel(bilateral=accepted, delegation=ghana)


def test_third_delegation_cannot_cancel(conference, ghana, japan, slot):
    bilateral = request(ghana, japan, [slot])
    brazil = DelegationFactory(conference=conference, country="BR")

    with pytest.raises(ValidationError, match="not your delegation's meeting"):
        services.bilateral_cancel(bilateral=bilateral, delegation=brazil)


def test_organisers_move_a_meeting_and_both_are_told(conference, ghana, japan, slot):
    other_room = BilateralSlotFactory(
        conference=conference,
        room=RoomFactory(venue=conference.venue),
        starts_at=at(conference, 15),
    )
    bilateral = request(ghana, japan, [slot])

    services.bilateral_move(bilateral=bilateral, slot=other_room)

    bilateral.refresh_from_db()
    assert (bilateral.state, bilateral.room) == (BilateralState.ACCEPTED, other_room.room)
    moved = BilateralNotice.objects.filter(kind=NoticeKind.MOVED)
    assert {notice.delegation for notice in moved} == {ghana, japan}


def test_slots_create_offers_each_room_each_day(conference, room):
    second = RoomFactory(venue=conference.venue)

    slots = services.slots_create(
        conference=conference,
        rooms=[room, second],
        days=conference.days,
        day_starts=datetime.time(9),
        day_ends=datetime.time(12),
        length=datetime.timedelta(minutes=30),
    )

    assert len(slots) == 2 * 2 * 6


def test_slots_create_refuses_days_outside_the_conference(conference, room):
    with pytest.raises(ValidationError) as error:
        services.slots_create(
            conference=conference,
            rooms=[room],
            days=[conference.end_date + datetime.timedelta(days=1)],
            day_starts=datetime.time(9),
            day_ends=datetime.time(12),
            length=datetime.timedelta(minutes=30),
        )
    assert "days" in error.value.message_dict


def test_slots_create_refuses_overlapping_offers_and_writes_none(conference, room, slot):
    with pytest.raises(ValidationError, match="already offered"):
        services.slots_create(
            conference=conference,
            rooms=[room],
            days=[conference.start_date],
            day_starts=datetime.time(9),
            day_ends=datetime.time(12),
            length=datetime.timedelta(minutes=30),
        )
    assert conference.bilateral_slots.count() == 1


def test_attendee_must_be_an_active_member(ghana, japan, slot):
    withdrawn = ParticipantFactory(delegation=ghana, state="withdrawn")

    with pytest.raises(ValidationError, match="members of your delegation"):
        request(ghana, japan, [slot], [withdrawn])


def test_retention_purge_blanks_topics_and_drops_attendees_and_links(
    ghana, japan, slot, ghana_member
):
    from conference.retention import personal_data_held

    request(ghana, japan, [slot], [ghana_member], topic="Private matter")
    services.feed_renew(delegation=ghana)

    personal_data_held.send(sender=type(ghana.conference), conference=ghana.conference, purge=True)

    bilateral = Bilateral.objects.get()
    assert bilateral.topic == ""
    assert not bilateral.attendees.exists()
    assert not CalendarFeed.objects.exists()


def test_retention_purge_deletes_the_door_signs_with_their_files(
    conference, room, django_capture_on_commit_callbacks
):
    door_sign = DoorSign(conference=conference, room=room, day=conference.start_date, language="en")
    door_sign.file.save("door-sign.pdf", ContentFile(b"%PDF Ghana - Japan %%EOF"))
    storage, name = door_sign.file.storage, door_sign.file.name

    with django_capture_on_commit_callbacks(execute=True):
        report = personal_data_purge(conference=conference)

    assert report.count("door signs") == 1
    assert not DoorSign.objects.exists()
    assert not storage.exists(name)
