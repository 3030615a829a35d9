import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accreditation.models import CheckIn
from accreditation.qr import badge_token_sign
from delegations.models import State
from delegations.names import NameOrder
from tests.factories import (
    ApprovedParticipantFactory,
    CheckInStaffFactory,
    ConferenceFactory,
    DelegationFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.photos import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def door_client(client):
    client.force_login(CheckInStaffFactory())
    return client


def card_url(participant):
    return reverse(
        "accreditation:check_in_participant",
        kwargs={"conference": participant.conference.slug, "pk": participant.pk},
    )


def test_check_in_page_sends_anonymous_visitors_to_the_staff_login(client):
    conference = ConferenceFactory()

    response = client.get(reverse("accreditation:check_in", args=[conference.slug]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_check_in_page_refuses_a_user_without_the_permission(client):
    conference = ConferenceFactory()
    client.force_login(UserFactory())

    response = client.get(reverse("accreditation:check_in", args=[conference.slug]))

    assert response.status_code == 403


def test_check_in_staff_cannot_open_the_admin(door_client):
    response = door_client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("page", ["dashboard", "participant_list"])
def test_check_in_staff_cannot_open_other_staff_pages(door_client, page):
    conference = ConferenceFactory()

    response = door_client.get(reverse(f"accreditation:{page}", args=[conference.slug]))

    assert response.status_code == 403


def test_check_in_staff_hold_only_the_check_in_permission(door_client):
    user = CheckInStaffFactory()

    assert user.get_all_permissions() == {"accreditation.check_in_participants"}
    assert not user.is_staff


@pytest.mark.parametrize("results", [1, 3, 30])
def test_check_in_search_runs_constant_queries(door_client, django_assert_num_queries, results):
    delegation = DelegationFactory()
    ApprovedParticipantFactory.create_batch(results, delegation=delegation, given_name="Kwame")
    url = reverse("accreditation:check_in", args=[delegation.conference.slug])

    with django_assert_num_queries(6):
        response = door_client.get(url, {"q": "kwame"})

    assert response.content.count(b'class="state state-approved"') == min(results, 20)


def search(client, participant, query: str):
    return client.get(
        reverse("accreditation:check_in", args=[participant.conference.slug]), {"q": query}
    )


@pytest.mark.parametrize("surname", ["Ødeg", "ødegard", "ØDEGÅRD", "Ødegård"])
def test_check_in_search_finds_by_badge_number_and_the_surnames_first_letters(door_client, surname):
    participant = ApprovedParticipantFactory(given_name="Kari", family_name="Ødegård")

    response = search(door_client, participant, f"{participant.pk:06d} {surname}")

    assert "Kari Ødegård" in response.text


@pytest.mark.parametrize("surname", ["", "Ø", "Mensah"])
def test_check_in_search_by_badge_number_needs_the_surname(door_client, surname):
    participant = ApprovedParticipantFactory(given_name="Kari", family_name="Ødegård")

    response = search(door_client, participant, f"{participant.pk:06d} {surname}")

    assert "Kari Ødegård" not in response.text
    assert card_url(participant) not in response.text


def test_check_in_search_by_badge_number_asks_for_the_surname(door_client):
    participant = ApprovedParticipantFactory()

    response = search(door_client, participant, f"{participant.pk:06d}")

    assert "Type the first letters of the surname after the badge number" in response.text


def test_check_in_supervisor_finds_by_badge_number_alone(client):
    participant = ApprovedParticipantFactory(given_name="Kwame", family_name="Mensah")
    supervisor = CheckInStaffFactory()
    supervisor.user_permissions.add(
        Permission.objects.get(
            codename="check_in_by_number", content_type__app_label="accreditation"
        )
    )
    client.force_login(supervisor)

    response = search(client, participant, f"{participant.pk:06d}")

    assert "Kwame Mensah" in response.text


def photo_url(participant, conference=None) -> str:
    return reverse(
        "accreditation:check_in_photo",
        kwargs={"conference": (conference or participant.conference).slug, "pk": participant.pk},
    )


def test_check_in_photo_serves_an_approved_participant_of_the_conference(door_client):
    participant = ApprovedParticipantFactory()
    participant.photo.save("kwame.jpg", ContentFile(jpeg()))

    response = door_client.get(photo_url(participant))
    response.close()

    assert response.status_code == 200


@pytest.mark.parametrize("state", [State.PENDING, State.REJECTED, State.WITHDRAWN])
def test_check_in_photo_refuses_a_participant_who_is_not_approved(door_client, state):
    participant = ParticipantFactory(state=state)
    participant.photo.save("kwame.jpg", ContentFile(jpeg()))

    assert door_client.get(photo_url(participant)).status_code == 404


def test_check_in_photo_refuses_a_participant_of_another_conference(door_client):
    participant = ApprovedParticipantFactory()
    participant.photo.save("kwame.jpg", ContentFile(jpeg()))

    response = door_client.get(photo_url(participant, conference=ConferenceFactory()))

    assert response.status_code == 404


def test_check_in_scan_of_a_badge_opens_its_participant(door_client):
    participant = ApprovedParticipantFactory()

    response = door_client.get(
        reverse("accreditation:check_in_scan", args=[participant.conference.slug]),
        {"code": badge_token_sign(participant=participant)},
    )

    assert response.status_code == 302
    assert response.url == card_url(participant)


def test_check_in_scan_of_an_unknown_badge_is_refused_with_a_reason(door_client):
    conference = ConferenceFactory()

    response = door_client.get(
        reverse("accreditation:check_in_scan", args=[conference.slug]),
        {"code": "forged:code"},
        follow=True,
    )

    assert "this badge is unknown here" in response.text


def test_check_in_card_shows_name_delegation_category_and_state(door_client):
    participant = ApprovedParticipantFactory(
        honorific="H.E.", given_name="Kwame", family_name="Mensah", delegation__country="GH"
    )

    response = door_client.get(card_url(participant))

    for text in ("H.E. Kwame Mensah", "Ghana", "Delegate", "Approved", "Check in"):
        assert text in response.text


def test_check_in_card_post_checks_the_participant_in(door_client):
    participant = ApprovedParticipantFactory(given_name="Kwame", family_name="Mensah")

    response = door_client.post(card_url(participant), follow=True)

    assert CheckIn.objects.filter(participant=participant).count() == 1
    assert "Kwame Mensah checked in at" in response.text
    assert "(Asia/Karachi)" in response.text


def test_check_in_card_says_when_the_participant_was_already_checked_in(door_client):
    participant = ApprovedParticipantFactory(given_name="Kwame", family_name="Mensah")
    door_client.post(card_url(participant))
    CheckIn.objects.filter(participant=participant).update(
        checked_in_at=datetime.datetime(2023, 8, 30, 4, 5, tzinfo=datetime.UTC)
    )

    response = door_client.post(card_url(participant), follow=True)

    assert "was already checked in at 09:05 (Asia/Karachi)" in response.text
    assert CheckIn.objects.filter(participant=participant).count() == 1


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (State.WITHDRAWN, "the participant was withdrawn"),
        (State.REJECTED, "the registration was rejected"),
        (State.PENDING, "has not been approved yet"),
    ],
)
def test_check_in_card_refuses_participants_not_approved(door_client, state, reason):
    participant = ParticipantFactory(state=state)

    page = door_client.get(card_url(participant))
    response = door_client.post(card_url(participant), follow=True)

    assert reason in page.text
    assert "Check in</button>" not in page.text
    assert reason in response.text
    assert not CheckIn.objects.exists()


def test_check_in_card_of_another_conference_is_not_found(door_client):
    participant = ApprovedParticipantFactory()
    url = reverse(
        "accreditation:check_in_participant",
        kwargs={"conference": ConferenceFactory().slug, "pk": participant.pk},
    )

    assert door_client.get(url).status_code == 404


def test_check_in_card_records_who_checked_the_participant_in(client):
    user = CheckInStaffFactory()
    client.force_login(user)
    participant = ApprovedParticipantFactory()

    client.post(card_url(participant))

    check_in = CheckIn.objects.get(participant=participant)
    assert check_in.checked_in_by == user
    assert check_in.checked_in_at <= timezone.now()


def test_check_in_card_shows_the_latin_name_in_its_order_and_the_own_script(door_client):
    participant = ApprovedParticipantFactory(
        honorific="H.E.",
        given_name="Wei",
        family_name="Wang",
        name_order=NameOrder.FAMILY_FIRST,
        own_script_name="王伟",
    )

    page = door_client.get(card_url(participant)).content.decode()

    assert '<h1 dir="auto">H.E. WANG Wei</h1>' in page
    assert '<p class="own-script-name" dir="auto">王伟</p>' in page
    assert "Wei Wang" not in page
