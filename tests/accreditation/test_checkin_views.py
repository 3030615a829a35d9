import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accreditation.checkin import card_key
from accreditation.models import Entry
from accreditation.qr import badge_token_sign
from delegations.models import Category, Role, State
from delegations.names import NameOrder
from tests.factories import (
    KARACHI,
    ApprovedParticipantFactory,
    CheckInStaffFactory,
    ConferenceFactory,
    DelegationFactory,
    DoorConferenceFactory,
    DoorParticipantFactory,
    DoorSupervisorFactory,
    ParticipantFactory,
    PreRegistrationDayFactory,
    UserFactory,
    ZoneFactory,
)
from tests.photos import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def door_client(client):
    """A door supervisor's: the check-in permission in every conference (the door's rules are
    the same whoever opens it; a volunteer's reach is tested apart)."""
    client.force_login(DoorSupervisorFactory())
    return client


@pytest.fixture
def number_client(client):
    """A supervisor who may also find anyone by the badge number alone."""
    supervisor = DoorSupervisorFactory()
    supervisor.user_permissions.add(
        Permission.objects.get(
            codename="check_in_by_number", content_type__app_label="accreditation"
        )
    )
    client.force_login(supervisor)
    return client


def zone_of(participant, **fields):
    """The zone the door checks: the conference's first, made if it has none."""
    return participant.conference.zones.first() or ZoneFactory(
        conference=participant.conference, **fields
    )


def card_url(participant, zone=None):
    url = reverse(
        "accreditation:check_in_participant",
        kwargs={"conference": participant.conference.slug, "pk": participant.pk},
    )
    key = card_key(participant_pk=participant.pk)
    return f"{url}?zone={(zone or zone_of(participant)).pk}&card={key}"


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


def test_check_in_volunteer_holds_only_the_check_in_permission_of_its_conference():
    conference, other = ConferenceFactory(), ConferenceFactory()
    user = CheckInStaffFactory(conference=conference)

    assert user.get_all_permissions() == set()
    assert user.has_perm("accreditation.check_in_participants", conference)
    assert not user.has_perm("accreditation.check_in_participants", other)
    assert not user.has_perm("delegations.view_participant", conference)
    assert not user.is_staff


@pytest.mark.parametrize("results", [1, 3, 30])
def test_check_in_search_runs_constant_queries(door_client, django_assert_num_queries, results):
    delegation = DelegationFactory()
    ApprovedParticipantFactory.create_batch(results, delegation=delegation, given_name="Kwame")
    url = reverse("accreditation:check_in", args=[delegation.conference.slug])
    zone = ZoneFactory(conference=delegation.conference)

    with django_assert_num_queries(8):
        response = door_client.get(url, {"q": "kwame", "zone": zone.pk})

    assert response.content.count(b'class="state state-approved"') == min(results, 20)


def search(client, participant, query: str):
    return client.get(
        reverse("accreditation:check_in", args=[participant.conference.slug]),
        {"q": query, "zone": zone_of(participant).pk},
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
    assert escape(card_url(participant)) not in response.text


def test_check_in_search_by_badge_number_asks_for_the_surname(door_client):
    participant = ApprovedParticipantFactory()

    response = search(door_client, participant, f"{participant.pk:06d}")

    assert "Type the first letters of the surname after the badge number" in response.text


def test_check_in_supervisor_finds_by_badge_number_alone(number_client):
    participant = ApprovedParticipantFactory(given_name="Kwame", family_name="Mensah")

    response = search(number_client, participant, f"{participant.pk:06d}")

    assert "Kwame Mensah" in response.text


def test_check_in_search_result_links_to_the_card_with_its_key(door_client):
    participant = ApprovedParticipantFactory(given_name="Kari", family_name="Ødegård")

    response = search(door_client, participant, f"{participant.pk:06d} Ødeg")

    assert escape(card_url(participant)) in response.text


def test_check_in_card_typed_as_an_address_without_its_key_is_not_found(door_client):
    # The card's address holds the badge number: typed there, with no key or a made-up one,
    # it would skip the surname the search asks for.
    participant = ApprovedParticipantFactory()
    zone = zone_of(participant)
    url = reverse(
        "accreditation:check_in_participant",
        kwargs={"conference": participant.conference.slug, "pk": participant.pk},
    )

    opened = door_client.get(url, {"zone": zone.pk})
    guessed = door_client.get(url, {"zone": zone.pk, "card": "x"})
    let_in = door_client.post(f"{url}?zone={zone.pk}", {"zone": zone.pk})

    assert (opened.status_code, guessed.status_code, let_in.status_code) == (404, 404, 404)
    assert not Entry.objects.filter(participant=participant).exists()


def test_check_in_supervisor_opens_a_card_by_its_address_alone(number_client):
    participant = ApprovedParticipantFactory(given_name="Kwame", family_name="Mensah")
    url = reverse(
        "accreditation:check_in_participant",
        kwargs={"conference": participant.conference.slug, "pk": participant.pk},
    )

    response = number_client.get(url, {"zone": zone_of(participant).pk})

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
        {"code": badge_token_sign(participant=participant), "zone": zone_of(participant).pk},
    )

    assert response.status_code == 302
    assert response.url == card_url(participant)


def test_check_in_scan_of_an_unknown_badge_is_refused_with_a_reason(door_client):
    conference = ConferenceFactory()
    zone = ZoneFactory(conference=conference)

    response = door_client.get(
        reverse("accreditation:check_in_scan", args=[conference.slug]),
        {"code": "forged:code", "zone": zone.pk},
        follow=True,
    )

    assert "this badge is unknown here" in response.text


def test_check_in_card_shows_name_delegation_category_and_state(door_client):
    participant = DoorParticipantFactory(
        honorific="H.E.", given_name="Kwame", family_name="Mensah", delegation__country="GH"
    )

    response = door_client.get(card_url(participant))

    for text in ("H.E. Kwame Mensah", "Ghana", "Delegate", "Approved", "Let in to"):
        assert text in response.text


def test_check_in_card_post_lets_the_participant_in(door_client):
    participant = DoorParticipantFactory(given_name="Kwame", family_name="Mensah")
    zone = zone_of(participant, name="Plenary hall")

    response = door_client.post(card_url(participant), {"zone": zone.pk}, follow=True)

    assert Entry.objects.filter(participant=participant, zone=zone).count() == 1
    assert "Kwame Mensah entered Plenary hall at" in response.text
    assert "(Asia/Karachi)" in response.text


def test_check_in_card_says_when_the_participant_already_entered_today(door_client):
    participant = DoorParticipantFactory(given_name="Kwame", family_name="Mensah")
    zone = zone_of(participant, name="Plenary hall")
    door_client.post(card_url(participant), {"zone": zone.pk})
    entry = Entry.objects.get(participant=participant)
    Entry.objects.filter(pk=entry.pk).update(
        entered_at=datetime.datetime.combine(entry.day, datetime.time(9, 5), KARACHI)
    )

    response = door_client.post(card_url(participant), {"zone": zone.pk}, follow=True)

    assert "already entered Plenary hall today at 09:05 (Asia/Karachi)" in response.text
    assert Entry.objects.filter(participant=participant).count() == 1


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (State.WITHDRAWN, "the participant was withdrawn"),
        (State.REJECTED, "the registration was rejected"),
        (State.PENDING, "has not been approved yet"),
    ],
)
def test_check_in_card_refuses_participants_not_approved(door_client, state, reason):
    participant = DoorParticipantFactory(state=state)
    zone = zone_of(participant)

    page = door_client.get(card_url(participant))
    response = door_client.post(card_url(participant), {"zone": zone.pk}, follow=True)

    assert reason in page.text
    assert "Let in to" not in page.text
    assert reason in response.text
    assert not Entry.objects.exists()


def test_check_in_card_refuses_a_zone_the_participant_may_not_enter(door_client):
    participant = DoorParticipantFactory(category=Category.MEDIA, role=Role.REPRESENTATIVE)
    lounge = ZoneFactory(
        conference=participant.conference,
        name="VIP lounge",
        categories=[Category.ORGANISER],
        roles=[Role.HEAD],
    )

    page = door_client.get(card_url(participant, lounge))
    response = door_client.post(card_url(participant, lounge), {"zone": lounge.pk}, follow=True)

    reason = "Refused: Media (Representative) may not enter VIP lounge."
    assert reason in page.text
    assert "Let in to" not in page.text
    assert reason in response.text
    assert not Entry.objects.exists()


def test_check_in_card_refuses_a_day_outside_the_meeting(door_client):
    participant = ApprovedParticipantFactory()  # a meeting of 2023
    zone = zone_of(participant)

    response = door_client.post(card_url(participant), {"zone": zone.pk}, follow=True)

    assert "is not a day of the meeting, and no pre-registration day is open" in response.text
    assert not Entry.objects.exists()


def test_check_in_card_lets_in_on_an_open_pre_registration_day(door_client):
    today = timezone.localtime(timezone.now(), KARACHI).date()
    conference = DoorConferenceFactory(
        start_date=today + datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=2)
    )
    participant = DoorParticipantFactory(delegation__conference=conference)
    zone = zone_of(participant)
    refused = door_client.post(card_url(participant), {"zone": zone.pk}, follow=True)
    PreRegistrationDayFactory(conference=conference, day=today)

    door_client.post(card_url(participant), {"zone": zone.pk})

    assert "is not a day of the meeting" in refused.text
    assert Entry.objects.get(participant=participant).day == today


def test_check_in_card_of_another_conference_is_not_found(door_client):
    participant = ApprovedParticipantFactory()
    other = ConferenceFactory()
    url = reverse(
        "accreditation:check_in_participant",
        kwargs={"conference": other.slug, "pk": participant.pk},
    )

    query = {
        "zone": ZoneFactory(conference=other).pk,
        "card": card_key(participant_pk=participant.pk),
    }

    assert door_client.get(url, query).status_code == 404


def test_check_in_card_with_a_zone_of_another_conference_is_not_found(door_client):
    participant = DoorParticipantFactory()

    response = door_client.get(card_url(participant, ZoneFactory()))

    assert response.status_code == 404


def test_check_in_card_records_who_let_the_participant_in(client):
    participant = DoorParticipantFactory()
    user = CheckInStaffFactory(conference=participant.conference)
    client.force_login(user)
    zone = zone_of(participant)

    client.post(card_url(participant), {"zone": zone.pk})

    entry = Entry.objects.get(participant=participant)
    assert entry.entered_by == user
    assert entry.zone == zone
    assert entry.entered_at <= timezone.now()


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


def test_check_in_page_asks_which_zone_the_door_checks(door_client):
    conference = ConferenceFactory()
    hall = ZoneFactory(conference=conference, name="Plenary hall")
    ZoneFactory(conference=conference, name="VIP lounge")

    response = door_client.get(reverse("accreditation:check_in", args=[conference.slug]))

    assert "Which zone does this door check?" in response.text
    assert f'href="?zone={hall.pk}"' in response.text
    assert "VIP lounge" in response.text


def test_check_in_page_of_a_conference_with_one_zone_goes_to_it(door_client):
    zone = ZoneFactory()
    url = reverse("accreditation:check_in", args=[zone.conference.slug])

    response = door_client.get(url)

    assert response.status_code == 302
    assert response.url == f"{url}?zone={zone.pk}"


def test_check_in_page_warns_on_a_day_the_door_is_shut(door_client):
    zone = ZoneFactory()  # a meeting of 2023

    response = door_client.get(
        reverse("accreditation:check_in", args=[zone.conference.slug]), {"zone": zone.pk}
    )

    assert "is not a day of the meeting" in response.text


@pytest.mark.parametrize("zone", ["", "x", "999999"])
def test_check_in_page_with_an_unknown_zone_is_not_found(door_client, zone):
    conference = ConferenceFactory()

    response = door_client.get(
        reverse("accreditation:check_in", args=[conference.slug]), {"zone": zone}
    )

    assert response.status_code == 404


def scan(client, participant, zone, **extra):
    code = badge_token_sign(participant=participant) if participant else "forged:code"
    return client.post(
        reverse("accreditation:check_in_scan_result", args=[zone.conference.slug]),
        {"code": code, "zone": zone.pk, **extra},
    ).json()


def test_scan_result_lets_in_at_once_where_no_confirmation_is_asked(door_client):
    participant = DoorParticipantFactory(given_name="Kwame", family_name="Mensah")
    zone = zone_of(participant, name="Plenary hall", confirm_each_entry=False)

    first = scan(door_client, participant, zone)
    second = scan(door_client, participant, zone)

    assert first["state"] == "entered"
    assert "door-entered" in first["html"]
    assert "Kwame Mensah entered Plenary hall at" in first["html"]
    assert second["state"] == "already"
    assert "already entered Plenary hall today" in second["html"]
    assert Entry.objects.filter(participant=participant, zone=zone).count() == 1


def test_scan_result_asks_for_one_tap_where_the_zone_confirms_each_entry(door_client):
    participant = DoorParticipantFactory(given_name="Kwame", family_name="Mensah")
    zone = zone_of(participant, name="VIP lounge", confirm_each_entry=True)

    shown = scan(door_client, participant, zone)
    assert not Entry.objects.exists()
    confirmed = scan(door_client, participant, zone, confirm="1")

    assert shown["state"] == "confirm"
    assert "Let in to VIP lounge" in shown["html"]
    assert "Kwame Mensah" in shown["html"]
    assert confirmed["state"] == "entered"
    assert Entry.objects.filter(participant=participant, zone=zone).count() == 1


def test_scan_result_refuses_in_red_with_the_reason(door_client):
    participant = DoorParticipantFactory(category=Category.MEDIA)
    lounge = ZoneFactory(
        conference=participant.conference,
        name="VIP lounge",
        categories=[Category.ORGANISER],
        roles=[Role.HEAD],
        confirm_each_entry=True,
    )

    for answer in (scan(door_client, participant, lounge),
                   scan(door_client, participant, lounge, confirm="1")):  # fmt: skip
        assert answer["state"] == "refused"
        assert "door-refused" in answer["html"]
        assert 'role="alert"' in answer["html"]
        assert "Refused: Media (Representative) may not enter VIP lounge." in answer["html"]
    assert not Entry.objects.exists()


def test_scan_result_refuses_an_unknown_badge(door_client):
    zone = ZoneFactory(conference=DoorConferenceFactory())

    answer = scan(door_client, None, zone)

    assert answer["state"] == "refused"
    assert "this badge is unknown here" in answer["html"]


def test_scan_result_needs_the_check_in_permission(client):
    participant = DoorParticipantFactory()
    client.force_login(UserFactory())

    response = client.post(
        reverse("accreditation:check_in_scan_result", args=[participant.conference.slug]),
        {"code": badge_token_sign(participant=participant), "zone": zone_of(participant).pk},
    )

    assert response.status_code == 403
    assert not Entry.objects.exists()


def test_scan_result_refuses_get(door_client):
    zone = ZoneFactory()

    response = door_client.get(
        reverse("accreditation:check_in_scan_result", args=[zone.conference.slug])
    )

    assert response.status_code == 405


def test_check_in_volunteer_of_one_conference_is_refused_at_anothers_door_and_its_api(client):
    theirs = DoorParticipantFactory()
    other = DoorParticipantFactory()
    their_zone, other_zone = zone_of(theirs), zone_of(other)
    client.force_login(CheckInStaffFactory(conference=theirs.conference))
    slug = other.conference.slug

    pages = [
        client.get(reverse("accreditation:check_in", args=[slug]), {"zone": other_zone.pk}),
        client.get(
            reverse("accreditation:check_in_scan", args=[slug]),
            {"code": badge_token_sign(participant=other), "zone": other_zone.pk},
        ),
        client.post(
            reverse("accreditation:check_in_scan_result", args=[slug]),
            {"code": badge_token_sign(participant=other), "zone": other_zone.pk},
        ),
        client.get(card_url(other, other_zone)),
        client.post(card_url(other, other_zone), {"zone": other_zone.pk}),
        client.get(reverse("accreditation:check_in_photo", args=[slug, other.pk])),
    ]
    # Their own door still works.
    own = client.post(
        reverse("accreditation:check_in_scan_result", args=[theirs.conference.slug]),
        {"code": badge_token_sign(participant=theirs), "zone": their_zone.pk},
    ).json()

    assert [page.status_code for page in pages] == [403] * len(pages)
    assert own["state"] == "entered"
    assert list(Entry.objects.values_list("participant", flat=True)) == [theirs.pk]


def test_check_in_volunteers_badge_scan_of_another_conference_is_refused_at_their_own_door(
    client,
):
    theirs = DoorParticipantFactory()
    other = DoorParticipantFactory()
    zone = zone_of(theirs)
    client.force_login(CheckInStaffFactory(conference=theirs.conference))

    answer = scan(client, other, zone)

    assert answer["state"] == "refused"
    assert not Entry.objects.exists()
