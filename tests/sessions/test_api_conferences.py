import pytest
from django.urls import reverse

from tests.factories import (
    ConferenceFactory,
    HostFactory,
    PublishedConferenceFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


def test_api_conference_list_shows_published_conferences_only(client):
    PublishedConferenceFactory(slug="peacekeeping-2023")
    ConferenceFactory(slug="draft-meeting")

    response = client.get(reverse("feeds:api_conference_list"))

    assert response.status_code == 200
    assert [c["slug"] for c in response.json()["results"]] == ["peacekeeping-2023"]


def test_api_conference_list_without_conferences_is_empty(client):
    response = client.get(reverse("feeds:api_conference_list"))

    assert response.json() == {"count": 0, "results": []}
    assert "ETag" in response


def test_api_conference_list_changes_when_a_conference_is_unpublished(client):
    conference = PublishedConferenceFactory()
    url = reverse("feeds:api_conference_list")
    etag = client.get(url)["ETag"]

    conference.is_published = False
    conference.save()
    response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_api_conference_detail_gives_zone_dates_and_hosts(client):
    conference = PublishedConferenceFactory(slug="peacekeeping-2023", time_zone="Asia/Karachi")
    HostFactory(conference=conference, name="Pakistan", country="PK", order=1)
    HostFactory(conference=conference, name="Japan", country="JP", order=2)

    data = client.get(
        reverse("feeds:api_conference", kwargs={"conference": conference.slug})
    ).json()

    assert data["time_zone"] == "Asia/Karachi"
    assert data["start_date"] == "2023-08-30"
    assert data["days"] == ["2023-08-30", "2023-08-31"]
    assert data["hosts"] == [
        {"name": "Pakistan", "country": "PK"},
        {"name": "Japan", "country": "JP"},
    ]
    assert data["programme_changed_at"].endswith("+05:00")
    assert data["links"]["sessions"] == (
        "http://testserver/api/v1/conferences/peacekeeping-2023/sessions/"
    )


def test_api_conference_detail_unpublished_is_json_not_found(client):
    conference = ConferenceFactory()

    response = client.get(reverse("feeds:api_conference", kwargs={"conference": conference.slug}))

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_api_conference_detail_unpublished_previewed_by_staff(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())

    response = client.get(reverse("feeds:api_conference", kwargs={"conference": conference.slug}))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_api_conference_detail_readable_from_any_origin(client):
    conference = PublishedConferenceFactory()

    response = client.get(reverse("feeds:api_conference", kwargs={"conference": conference.slug}))

    assert response["Access-Control-Allow-Origin"] == "*"


def test_api_conference_detail_refuses_post(client):
    conference = PublishedConferenceFactory()

    response = client.post(reverse("feeds:api_conference", kwargs={"conference": conference.slug}))

    assert response.status_code == 405


@pytest.mark.parametrize("count", [1, 3, 30])
def test_api_conference_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    for _ in range(count):
        HostFactory(conference=PublishedConferenceFactory())

    with django_assert_num_queries(3):
        response = client.get(reverse("feeds:api_conference_list"))

    assert response.json()["count"] == count
