import pytest
from django.urls import reverse

from delegations.names import NameOrder
from sessions.models import SessionRoleKind
from tests.factories import (
    PublishedConferenceFactory,
    PublishedSessionFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    published_programme,
)

pytestmark = pytest.mark.django_db


def list_url(conference) -> str:
    return reverse("feeds:api_speaker_list", kwargs={"conference": conference.slug})


def test_api_speaker_list_shows_speakers_of_published_sessions_only(client):
    conference = PublishedConferenceFactory()
    on_stage = SpeakerFactory(conference=conference, family_name="Tanaka")
    in_draft = SpeakerFactory(conference=conference, family_name="Draft")
    SpeakerFactory(conference=conference, family_name="Unassigned")
    SessionRoleFactory(session=PublishedSessionFactory(conference=conference), speaker=on_stage)
    SessionRoleFactory(
        session=SessionFactory(conference=conference, is_published=False), speaker=in_draft
    )

    response = client.get(list_url(conference))

    assert [s["family_name"] for s in response.json()["results"]] == ["Tanaka"]


def test_api_speaker_list_gives_each_speaker_their_published_roles(client):
    conference = PublishedConferenceFactory()
    speaker = SpeakerFactory(conference=conference)
    keynote = PublishedSessionFactory(conference=conference, title="Keynote address")
    draft = SessionFactory(conference=conference, is_published=False)
    SessionRoleFactory(session=keynote, speaker=speaker, role=SessionRoleKind.KEYNOTE_SPEAKER)
    SessionRoleFactory(session=draft, speaker=speaker)

    [data] = client.get(list_url(conference)).json()["results"]

    assert [(s["title"], s["role"]) for s in data["sessions"]] == [
        ("Keynote address", "keynote_speaker")
    ]


def test_api_speaker_list_never_reveals_the_linked_participant(client):
    conference = published_programme(sessions=1)

    [data] = client.get(list_url(conference)).json()["results"]

    assert "participant" not in data
    assert "email" not in data


def test_api_speaker_list_paginates(client):
    conference = published_programme(sessions=3)

    page = client.get(list_url(conference), {"limit": 2, "offset": 2}).json()

    assert page["count"] == 3
    assert len(page["results"]) == 1
    assert page["next"] is None
    assert page["previous"].endswith("limit=2&offset=0")


def test_api_speaker_list_invalid_limit_is_bad_request(client):
    conference = PublishedConferenceFactory()

    response = client.get(list_url(conference), {"limit": "many"})

    assert response.status_code == 400
    assert response.json()["errors"]["limit"][0]["code"] == "invalid"


@pytest.mark.parametrize("count", [1, 3, 30])
def test_api_speaker_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = published_programme(sessions=count)

    # The conference, the speakers, their roles: a last page needs no COUNT query.
    with django_assert_num_queries(3):
        response = client.get(list_url(conference), {"limit": 100})

    assert len(response.json()["results"]) == count


def test_api_speaker_list_gives_the_name_in_its_order_and_its_own_script(client):
    conference = PublishedConferenceFactory()
    speaker = SpeakerFactory(
        conference=conference,
        honorific="Col.",
        given_name="Tomohiro",
        family_name="Nakamura",
        name_order=NameOrder.FAMILY_FIRST,
        own_script_name="中村智宏",
    )
    SessionRoleFactory(session=PublishedSessionFactory(conference=conference), speaker=speaker)

    [result] = client.get(list_url(conference)).json()["results"]

    assert (result["name"], result["name_order"], result["own_script_name"]) == (
        "Col. NAKAMURA Tomohiro",
        "family_first",
        "中村智宏",
    )
