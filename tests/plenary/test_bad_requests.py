"""Hostile or broken query strings get a 4xx answer, never a server error (issue #14)."""

import pytest
from django.urls import reverse

from tests.factories import (
    CheckInStaffFactory,
    ParticipantFactory,
    PublishedConferenceFactory,
    StaffUserFactory,
    ZoneFactory,
)

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def conference():
    return PublishedConferenceFactory()


@pytest.mark.parametrize("parameter", ["offset", "limit"])
def test_api_page_beyond_any_database_integer_is_a_bad_request(client, conference, parameter):
    url = reverse("feeds:api_session_list", args=[conference.slug])

    response = client.get(url, {parameter: HUGE})

    assert response.status_code == 400
    assert parameter in response.json()["errors"]


def test_api_offset_past_the_end_is_an_empty_page(client, conference):
    url = reverse("feeds:api_speaker_list", args=[conference.slug])

    response = client.get(url, {"offset": "1000000"})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_check_in_search_for_a_nul_character_is_a_bad_request(client, conference):
    client.force_login(CheckInStaffFactory(conference=conference))

    response = client.get(reverse("accreditation:check_in", args=[conference.slug]), {"q": "\0"})

    assert response.status_code == 400


def test_check_in_scan_of_a_huge_badge_number_is_refused_as_unknown(client, conference):
    client.force_login(CheckInStaffFactory(conference=conference))
    zone = ZoneFactory(conference=conference)

    response = client.get(
        reverse("accreditation:check_in_scan", args=[conference.slug]),
        {"code": HUGE, "zone": zone.pk},
    )

    assert response.status_code == 302
    assert response.url == (
        f"{reverse('accreditation:check_in', args=[conference.slug])}?zone={zone.pk}"
    )


def test_check_in_scan_with_a_huge_zone_number_is_not_found(client, conference):
    client.force_login(CheckInStaffFactory(conference=conference))

    response = client.get(
        reverse("accreditation:check_in_scan", args=[conference.slug]), {"code": "x", "zone": HUGE}
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"state__exact": "\0"},
        {"q": "Smith\0"},
        {"registered_at__year": HUGE},
    ],
)
def test_admin_participant_filters_refuse_hostile_values(client, query):
    ParticipantFactory()
    client.force_login(StaffUserFactory())

    response = client.get(reverse("admin:delegations_participant_changelist"), query)

    assert response.status_code in (302, 400)


@pytest.mark.parametrize(
    "query",
    [
        {"registered_at__year": "2023", "registered_at__month": HUGE},
        {"registered_at__year": "2023", "registered_at__month": "8", "registered_at__day": HUGE},
    ],
)
def test_admin_participant_list_finds_nobody_on_an_impossible_date_of_an_old_link(client, query):
    # The list had a date drill-down (its links: ?registered_at__year=…&…month=…); a month or
    # day no calendar has matches nothing.
    ParticipantFactory()
    client.force_login(StaffUserFactory())

    response = client.get(reverse("admin:delegations_participant_changelist"), query)

    assert response.status_code == 200
    assert not response.context["cl"].result_list


def test_admin_autocomplete_of_a_nul_character_is_a_bad_request(client):
    client.force_login(StaffUserFactory())

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "\0",
            "app_label": "delegations",
            "model_name": "participant",
            "field_name": "delegation",
        },
    )

    assert response.status_code == 400


def test_check_in_search_for_a_number_longer_than_python_reads_finds_nobody(client, conference):
    client.force_login(CheckInStaffFactory(conference=conference))

    response = client.get(
        reverse("accreditation:check_in", args=[conference.slug]), {"q": "9" * 5000}
    )

    assert response.status_code == 200


def test_admin_change_page_with_an_empty_to_field_is_the_usual_page(client):
    participant = ParticipantFactory()
    client.force_login(StaffUserFactory())

    response = client.get(
        reverse("admin:delegations_participant_change", args=[participant.pk]), {"_to_field": ""}
    )

    assert response.status_code == 200


@pytest.mark.parametrize("value", ["abc", "\x1b[2J", HUGE])
def test_admin_add_page_ignores_an_initial_value_that_is_no_key(client, value):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("admin:delegations_participant_add"), {"delegation": value})

    assert response.status_code == 200
