import threading

import pytest
from django.db import connection

from accreditation.checkin import (
    CheckInRefused,
    participant_check_in,
    participant_for_badge,
    participants_search,
)
from accreditation.models import CheckIn
from accreditation.qr import badge_token_sign
from delegations.models import State
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    ParticipantFactory,
    StaffUserFactory,
)


@pytest.mark.django_db
def test_participant_check_in_records_arrival_once():
    participant = ApprovedParticipantFactory()
    staff = StaffUserFactory()

    result = participant_check_in(participant=participant, by=staff)

    assert result.created
    assert result.check_in.checked_in_by == staff
    assert CheckIn.objects.get(participant=participant) == result.check_in


@pytest.mark.django_db
def test_participant_check_in_twice_returns_the_first_arrival():
    participant = ApprovedParticipantFactory()
    first = participant_check_in(participant=participant)

    second = participant_check_in(participant=participant)

    assert not second.created
    assert second.check_in == first.check_in
    assert CheckIn.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("state", [State.PENDING, State.REJECTED, State.WITHDRAWN])
def test_participant_check_in_refuses_participants_not_approved(state):
    participant = ParticipantFactory(state=state)

    with pytest.raises(CheckInRefused) as refusal:
        participant_check_in(participant=participant)

    assert refusal.value.code == state
    assert not CheckIn.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_participant_check_in_from_concurrent_doors_creates_one_record():
    participant = ApprovedParticipantFactory()
    doors = 6
    barrier = threading.Barrier(doors)
    results, errors = [], []

    def scan():
        try:
            barrier.wait()
            results.append(participant_check_in(participant=participant))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(doors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert [result.created for result in results].count(True) == 1
    assert CheckIn.objects.filter(participant=participant).count() == 1


@pytest.mark.django_db
def test_participant_for_badge_finds_a_scanned_signed_token():
    participant = ApprovedParticipantFactory()

    found = participant_for_badge(
        conference=participant.conference, code=badge_token_sign(participant=participant)
    )

    assert found == participant


@pytest.mark.django_db
def test_participant_for_badge_finds_a_typed_badge_number():
    participant = ApprovedParticipantFactory()

    found = participant_for_badge(conference=participant.conference, code=f"{participant.pk:06d}")

    assert found == participant


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
