import pytest
from django.urls import reverse

from tests.factories import (
    PublishedConferenceFactory,
    PublishedSessionFactory,
    RoomFactory,
    SessionFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def test_api_room_list_shows_rooms_with_published_sessions(client):
    conference = PublishedConferenceFactory()
    hall = RoomFactory(venue=conference.venue, name="Hall", capacity=300)
    annex = RoomFactory(venue=conference.venue, name="Annex")
    RoomFactory(venue=conference.venue, name="Unused")
    PublishedSessionFactory(conference=conference, room=hall)
    SessionFactory(conference=conference, room=annex, is_published=False)

    response = client.get(reverse("feeds:api_room_list", kwargs={"conference": conference.slug}))

    assert response.json()["results"] == [
        {
            "id": hall.pk,
            "name": "Hall",
            "capacity": 300,
            "venue": {"name": conference.venue.name, "city": "Islamabad"},
        }
    ]


def test_api_track_list_shows_tracks_in_order(client):
    conference = PublishedConferenceFactory()
    for name, order in [("Technology", 2), ("Medical", 1)]:
        track = TrackFactory(conference=conference, name=name, slug=name.lower(), order=order)
        PublishedSessionFactory(conference=conference, track=track)

    response = client.get(reverse("feeds:api_track_list", kwargs={"conference": conference.slug}))

    assert [t["slug"] for t in response.json()["results"]] == ["medical", "technology"]


def test_api_track_list_leaves_out_tracks_without_published_sessions(client):
    conference = PublishedConferenceFactory()
    SessionFactory(conference=conference, track=TrackFactory(conference=conference))

    response = client.get(reverse("feeds:api_track_list", kwargs={"conference": conference.slug}))

    assert response.json()["results"] == []


@pytest.mark.parametrize("count", [1, 3, 30])
def test_api_room_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    for _ in range(count):
        PublishedSessionFactory(conference=conference, room=RoomFactory(venue=conference.venue))

    with django_assert_num_queries(2):
        response = client.get(
            reverse("feeds:api_room_list", kwargs={"conference": conference.slug})
        )

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3, 30])
def test_api_track_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    for track in TrackFactory.create_batch(count, conference=conference):
        PublishedSessionFactory(conference=conference, track=track)

    with django_assert_num_queries(2):
        response = client.get(
            reverse("feeds:api_track_list", kwargs={"conference": conference.slug})
        )

    assert response.json()["count"] == count
