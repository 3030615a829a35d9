import datetime
import threading

import pytest
from django.db import connection

from accreditation.checkin import (
    CheckInRefused,
    participant_enter,
    participant_for_badge,
    participants_search,
)
from accreditation.models import Entry
from accreditation.qr import badge_token_sign
from delegations.models import Category, Role, State
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    ParticipantFactory,
    PreRegistrationDayFactory,
    StaffUserFactory,
    ZoneFactory,
)


def door(participant, **fields):
    """A zone of the participant's conference that admits every category."""
    return ZoneFactory(conference=participant.conference, **fields)


def meeting_day(participant, day: int = 0, hour: int = 9) -> datetime.datetime:
    """`hour` o'clock (Karachi) on the participant's meeting's day number `day`."""
    conference = participant.conference
    return datetime.datetime.combine(conference.days[day], datetime.time(hour), conference.tzinfo)


@pytest.mark.django_db
def test_participant_enter_records_participant_zone_day_time_and_who():
    participant = ApprovedParticipantFactory()
    zone = door(participant)
    staff = StaffUserFactory()
    now = meeting_day(participant, 1, hour=23)

    result = participant_enter(participant=participant, zone=zone, by=staff, now=now)

    assert result.created
    entry = Entry.objects.get(participant=participant)
    assert entry == result.entry
    assert (entry.zone, entry.day, entry.entered_at, entry.entered_by) == (
        zone,
        participant.conference.days[1],
        now,
        staff,
    )


@pytest.mark.django_db
def test_participant_enter_twice_a_day_returns_the_first_entry():
    participant = ApprovedParticipantFactory()
    zone = door(participant)
    first = participant_enter(participant=participant, zone=zone, now=meeting_day(participant))

    second = participant_enter(
        participant=participant, zone=zone, now=meeting_day(participant, hour=15)
    )

    assert not second.created
    assert second.entry == first.entry
    assert Entry.objects.count() == 1


@pytest.mark.django_db
def test_participant_enter_records_each_zone_and_each_day():
    participant = ApprovedParticipantFactory()
    hall, lounge = door(participant), door(participant)

    for zone in (hall, lounge):
        for day in (0, 1):
            participant_enter(participant=participant, zone=zone, now=meeting_day(participant, day))

    assert Entry.objects.filter(participant=participant).count() == 4


@pytest.mark.django_db
@pytest.mark.parametrize("state", [State.PENDING, State.REJECTED, State.WITHDRAWN])
def test_participant_enter_refuses_participants_not_approved(state):
    participant = ParticipantFactory(state=state)

    with pytest.raises(CheckInRefused) as refusal:
        participant_enter(
            participant=participant, zone=door(participant), now=meeting_day(participant)
        )

    assert refusal.value.code == state
    assert not Entry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("category", "role", "admitted"),
    [
        (Category.MEDIA, Role.REPRESENTATIVE, False),
        (Category.DELEGATE, Role.REPRESENTATIVE, False),
        (Category.DELEGATE, Role.HEAD, True),
        (Category.ORGANISER, Role.SUPPORT, True),
    ],
)
def test_participant_enter_admits_the_zones_categories_and_roles_only(category, role, admitted):
    participant = ApprovedParticipantFactory(category=category, role=role)
    lounge = door(
        participant, name="VIP lounge", categories=[Category.ORGANISER], roles=[Role.HEAD]
    )

    if admitted:
        participant_enter(participant=participant, zone=lounge, now=meeting_day(participant))
    else:
        with pytest.raises(CheckInRefused) as refusal:
            participant_enter(participant=participant, zone=lounge, now=meeting_day(participant))
        assert refusal.value.code == "zone"
        assert "may not enter VIP lounge" in refusal.value.message

    assert Entry.objects.exists() == admitted


@pytest.mark.django_db
def test_participant_enter_refuses_a_day_outside_the_meeting():
    participant = ApprovedParticipantFactory()
    day_before = meeting_day(participant) - datetime.timedelta(days=1)

    with pytest.raises(CheckInRefused) as refusal:
        participant_enter(participant=participant, zone=door(participant), now=day_before)

    assert refusal.value.code == "day"
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_participant_enter_lets_in_on_an_open_pre_registration_day():
    participant = ApprovedParticipantFactory()
    PreRegistrationDayFactory(conference=participant.conference)
    day_before = meeting_day(participant) - datetime.timedelta(days=1)

    result = participant_enter(participant=participant, zone=door(participant), now=day_before)

    assert result.entry.day == participant.conference.start_date - datetime.timedelta(days=1)


@pytest.mark.django_db
def test_participant_enter_counts_the_day_in_the_conferences_time_zone():
    participant = ApprovedParticipantFactory()
    # 00:30 on the second day in Karachi is still the first day in UTC.
    late = meeting_day(participant, 1).replace(hour=0, minute=30)

    result = participant_enter(participant=participant, zone=door(participant), now=late)

    assert result.entry.day == participant.conference.days[1]


@pytest.mark.django_db
def test_participant_enter_refuses_a_zone_of_another_conference():
    participant = ApprovedParticipantFactory()

    with pytest.raises(CheckInRefused):
        participant_enter(participant=participant, zone=ZoneFactory(), now=meeting_day(participant))

    assert not Entry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_scans_create_one_entry_per_zone_and_day():
    participant = ApprovedParticipantFactory()
    hall, lounge = door(participant), door(participant)
    now = meeting_day(participant)
    doors = 20
    barrier = threading.Barrier(doors)
    results, errors = [], []

    def scan(zone):
        try:
            barrier.wait()
            results.append(participant_enter(participant=participant, zone=zone, now=now))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan, args=([hall, lounge][n % 2],)) for n in range(doors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert [result.created for result in results].count(True) == 2
    assert sorted(Entry.objects.values_list("zone", flat=True)) == sorted([hall.pk, lounge.pk])


@pytest.mark.django_db
def test_participant_for_badge_finds_a_scanned_signed_token():
    participant = ApprovedParticipantFactory()

    found = participant_for_badge(
        conference=participant.conference, code=badge_token_sign(participant=participant)
    )

    assert found == participant


@pytest.mark.django_db
def test_participant_for_badge_does_not_take_a_typed_badge_number():
    # Only the signed QR code opens a participant from a scan; a typed number is a search,
    # which asks for the surname too.
    participant = ApprovedParticipantFactory()

    found = participant_for_badge(conference=participant.conference, code=f"{participant.pk:06d}")

    assert found is None


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["", "garbage", "token:badsignature", "²", "٣"])
def test_participant_for_badge_knows_nothing_of_an_unsigned_code(code):
    participant = ApprovedParticipantFactory()

    assert participant_for_badge(conference=participant.conference, code=code) is None


@pytest.mark.django_db
def test_participant_for_badge_ignores_badges_of_other_conferences():
    participant = ApprovedParticipantFactory()

    found = participant_for_badge(
        conference=ConferenceFactory(), code=badge_token_sign(participant=participant)
    )

    assert found is None


@pytest.mark.django_db
def test_participants_search_matches_every_word_of_the_name():
    wanted = ApprovedParticipantFactory(given_name="Kwame", family_name="Mensah")
    ApprovedParticipantFactory(
        delegation=wanted.delegation, given_name="Kwame", family_name="Owusu"
    )

    found = participants_search(conference=wanted.conference, query="kwame MENS")

    assert list(found) == [wanted]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["²", "٣٤"])
def test_participants_search_treats_non_ascii_digits_as_a_name(query):
    participant = ApprovedParticipantFactory()

    assert list(participants_search(conference=participant.conference, query=query)) == []


@pytest.mark.django_db
def test_participants_search_finds_a_name_typed_in_its_own_script():
    wanted = ApprovedParticipantFactory(
        given_name="Wei", family_name="Wang", own_script_name="王伟"
    )
    ApprovedParticipantFactory(delegation=wanted.delegation, own_script_name="李芳")

    found = participants_search(conference=wanted.conference, query="王伟")

    assert list(found) == [wanted]
