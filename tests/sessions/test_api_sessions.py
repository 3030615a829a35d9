import datetime

import pytest
from django.urls import reverse

from sessions.models import SessionKind, SessionRoleKind
from tests.factories import (
    KARACHI,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    TrackFactory,
    published_programme,
)

pytestmark = pytest.mark.django_db


def list_url(conference) -> str:
    return reverse("feeds:api_session_list", kwargs={"conference": conference.slug})


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [session["title"] for session in response.json()["results"]]


def test_api_session_list_shows_published_sessions_in_agenda_order(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(
        conference=conference,
        title="Second",
        starts_at=datetime.datetime(2023, 8, 30, 11, tzinfo=KARACHI),
        ends_at=datetime.datetime(2023, 8, 30, 12, tzinfo=KARACHI),
    )
    PublishedSessionFactory(
        conference=conference,
        title="First",
        starts_at=datetime.datetime(2023, 8, 30, 9, tzinfo=KARACHI),
        ends_at=datetime.datetime(2023, 8, 30, 10, tzinfo=KARACHI),
    )
    SessionFactory(conference=conference, title="Draft", is_published=False)

    assert titles(client.get(list_url(conference))) == ["First", "Second"]


def test_api_session_detail_gives_times_in_conference_offset(client):
    session = PublishedSessionFactory(
        conference__languages=["en", "fr", "ar"],
        starts_at=datetime.datetime(2023, 8, 30, 4, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2023, 8, 30, 5, 30, tzinfo=datetime.UTC),
        interpretation=["fr", "ar"],
    )

    data = client.get(
        reverse(
            "feeds:api_session",
            kwargs={"conference": session.conference.slug, "pk": session.pk},
        )
    ).json()

    assert data["starts_at"] == "2023-08-30T09:00:00+05:00"
    assert data["ends_at"] == "2023-08-30T10:30:00+05:00"
    assert data["duration_minutes"] == 90
    assert data["interpretation"] == ["fr", "ar"]


def test_api_session_detail_lists_speakers_with_roles(client):
    session = PublishedSessionFactory()
    speaker = SpeakerFactory(conference=session.conference, honorific="H.E.", given_name="Ana")
    SessionRoleFactory(session=session, speaker=speaker, role=SessionRoleKind.MODERATOR)

    data = client.get(
        reverse(
            "feeds:api_session",
            kwargs={"conference": session.conference.slug, "pk": session.pk},
        )
    ).json()

    assert data["speakers"] == [
        {
            "id": speaker.pk,
            "name": f"H.E. Ana {speaker.family_name}",
            "organisation": "United Nations",
            "role": "moderator",
            "role_label": "Moderator",
        }
    ]


def test_api_session_detail_unpublished_is_not_found(client):
    session = SessionFactory(conference=PublishedConferenceFactory(), is_published=False)

    response = client.get(
        reverse(
            "feeds:api_session",
            kwargs={"conference": session.conference.slug, "pk": session.pk},
        )
    )

    assert response.status_code == 404


def test_api_session_list_paginates_with_next_links(client):
    conference = published_programme(sessions=5)

    first = client.get(list_url(conference), {"limit": 2}).json()
    last = client.get(first["next"].replace("http://testserver", "")).json()
    last = client.get(last["next"].replace("http://testserver", "")).json()

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert len(last["results"]) == 1
    assert last["next"] is None
    assert last["previous"].endswith("limit=2&offset=2")


def test_api_session_list_pages_of_twin_sessions_never_overlap_and_keep_their_speakers(client):
    # Same start and title, no room (a room is never double-booked): only the id orders them,
    # in the page and in the query that reads the page's speakers.
    conference = PublishedConferenceFactory()
    twins = PublishedSessionFactory.create_batch(
        6,
        conference=conference,
        room=None,
        title="Parallel workshop",
        starts_at=datetime.datetime(2023, 8, 30, 9, tzinfo=KARACHI),
        ends_at=datetime.datetime(2023, 8, 30, 10, tzinfo=KARACHI),
    )
    speaker_of = {}
    for twin in twins:
        speaker_of[twin.pk] = SessionRoleFactory(session=twin).speaker.pk

    seen = []
    for offset in (0, 2, 4):
        page = client.get(list_url(conference), {"limit": 2, "offset": offset}).json()
        for session in page["results"]:
            seen.append(session["id"])
            assert [speaker["id"] for speaker in session["speakers"]] == [speaker_of[session["id"]]]

    assert sorted(seen) == sorted(speaker_of)


def test_api_session_list_filters_by_day(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(
        conference=conference,
        title="Day two",
        starts_at=datetime.datetime(2023, 8, 31, 0, 30, tzinfo=KARACHI),
        ends_at=datetime.datetime(2023, 8, 31, 1, 30, tzinfo=KARACHI),
    )
    PublishedSessionFactory(
        conference=conference,
        title="Day one",
        starts_at=datetime.datetime(2023, 8, 30, 23, 0, tzinfo=KARACHI),
        ends_at=datetime.datetime(2023, 8, 30, 23, 30, tzinfo=KARACHI),
    )

    assert titles(client.get(list_url(conference), {"day": "2023-08-31"})) == ["Day two"]


def test_api_session_list_filters_by_track_and_room(client):
    conference = PublishedConferenceFactory()
    track = TrackFactory(conference=conference, slug="technology")
    room = RoomFactory(venue=conference.venue)
    PublishedSessionFactory(conference=conference, track=track, room=room, title="Both")
    PublishedSessionFactory(conference=conference, track=track, title="Track only")
    PublishedSessionFactory(conference=conference, room=room, title="Room only")

    response = client.get(list_url(conference), {"track": "technology", "room": room.pk})

    assert titles(response) == ["Both"]


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ({"day": "30/08/2023"}, "day", "invalid"),
        ({"day": "2023-09-15"}, "day", "not_a_conference_day"),
        ({"track": "no-such-track"}, "track", "invalid_choice"),
        ({"room": "abc"}, "room", "invalid_choice"),
        ({"limit": "0"}, "limit", "min_value"),
        ({"limit": "1001"}, "limit", "max_value"),
        ({"offset": "-1"}, "offset", "min_value"),
    ],
)
def test_api_session_list_invalid_parameter_is_bad_request(client, query, field, code):
    conference = PublishedConferenceFactory()

    response = client.get(list_url(conference), query)

    assert response.status_code == 400
    [error] = response.json()["errors"][field]
    assert error["code"] == code


def test_api_session_list_filters_by_kind(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, kind=SessionKind.PANEL, title="Panel")
    PublishedSessionFactory(conference=conference, kind=SessionKind.BREAK, title="Tea")

    assert titles(client.get(list_url(conference), {"kind": "panel"})) == ["Panel"]


@pytest.mark.parametrize(
    "query",
    [
        {"day": "2023-08-31"},
        {"day": "all"},
        {"day": "2023-09-15"},
        {"day": "30/08/2023"},
        {"day": "20230830"},
        {"track": "medical"},
        {"track": "no-such-track"},
        {"kind": "panel"},
        {"kind": "party"},
        {"room": "abc"},
    ],
)
def test_api_session_list_and_agenda_accept_the_same_filters(client, query):
    conference = PublishedConferenceFactory()
    TrackFactory(conference=conference, slug="medical")
    PublishedSessionFactory(conference=conference)
    agenda = reverse("programme:agenda", kwargs={"conference": conference.slug})

    api_status = client.get(list_url(conference), query).status_code
    agenda_status = client.get(agenda, query).status_code

    assert api_status == agenda_status
    assert api_status in (200, 400)


def test_api_session_lists_asked_alike_of_two_conferences_each_show_their_own(client):
    # Lists filtered, ordered and sliced alike share their SQL, compiled once (sessions.rows):
    # only the parameters tell the conferences apart.
    first, second = published_programme(sessions=2), published_programme(sessions=3)

    for conference in (first, second, first):
        ids = list(conference.sessions.order_by("starts_at").values_list("pk", flat=True))
        day = {"day": conference.start_date.isoformat()}
        for query, expected in (({}, ids), (day, ids), ({"limit": 1, "offset": 1}, ids[1:2])):
            page = client.get(list_url(conference), query).json()
            assert [session["id"] for session in page["results"]] == expected
            assert page["count"] == len(ids)


@pytest.mark.parametrize("count", [1, 3, 30])
def test_api_session_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = published_programme(sessions=count)

    # The conference, the sessions, their roles: a page that holds the last session needs
    # no COUNT query. A whole programme of up to 1,000 sessions comes in one request.
    with django_assert_num_queries(3):
        response = client.get(list_url(conference), {"limit": 1000})

    assert response.json()["count"] == count
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_api_session_list_page_followed_by_others_counts_them(
    client, django_assert_num_queries, count
):
    conference = published_programme(sessions=count)

    with django_assert_num_queries(4):
        page = client.get(list_url(conference), {"limit": 2}).json()

    assert page["count"] == count
    assert len(page["results"]) == 2
    assert page["next"].endswith("limit=2&offset=2")


@pytest.mark.parametrize(("limit", "count"), [(3, 3), (2, 3), (1, 3)])
def test_api_session_list_page_as_long_as_the_rest_is_the_last(client, limit, count):
    conference = published_programme(sessions=count)

    page = client.get(list_url(conference), {"limit": limit, "offset": count - limit}).json()

    assert page["count"] == count
    assert len(page["results"]) == limit
    assert page["next"] is None


def test_api_session_list_page_past_the_end_still_counts(client):
    conference = published_programme(sessions=3)

    page = client.get(list_url(conference), {"limit": 2, "offset": 10}).json()

    assert page["count"] == 3
    assert page["results"] == []
    assert page["next"] is None
    assert page["previous"].endswith("limit=2&offset=8")


@pytest.mark.parametrize("count", [1, 3, 30])
def test_api_session_detail_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = published_programme(sessions=count)
    session = conference.sessions.last()

    with django_assert_num_queries(2):
        response = client.get(
            reverse("feeds:api_session", kwargs={"conference": conference.slug, "pk": session.pk})
        )

    assert response.json()["id"] == session.pk


def test_api_session_detail_without_room_or_track_gives_nulls(client):
    session = PublishedSessionFactory(room=None, track=None)

    data = client.get(
        reverse(
            "feeds:api_session",
            kwargs={"conference": session.conference.slug, "pk": session.pk},
        )
    ).json()

    assert data["room"] is None
    assert data["track"] is None
