import pytest
from django.urls import reverse

from tests.factories import (
    ConferenceFactory,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    SessionFactory,
    SessionRoleFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


def search(client, conference, query):
    return client.get(
        reverse("programme:search", kwargs={"conference": conference.slug}), {"q": query}
    )


def test_search_finds_sessions_by_title_and_description_stemmed(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, title="Medical capabilities of missions")
    PublishedSessionFactory(
        conference=conference, title="Panel two", description="Improving medical evacuation."
    )
    PublishedSessionFactory(conference=conference, title="Pledging system")

    response = search(client, conference, "medical capability")

    titles = [session.title for session in response.context["sessions"]]
    assert titles == ["Medical capabilities of missions"]


def test_search_ranks_title_matches_above_description_matches(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(
        conference=conference, title="Panel two", description="Technology in the field."
    )
    PublishedSessionFactory(conference=conference, title="Technology and strategic communication")

    response = search(client, conference, "technology")

    titles = [session.title for session in response.context["sessions"]]
    assert titles == ["Technology and strategic communication", "Panel two"]


def test_search_understands_web_search_syntax(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, title="Threat of improvised explosive devices")
    PublishedSessionFactory(conference=conference, title="Explosive growth of pledges")

    response = search(client, conference, "explosive -pledges")

    titles = [session.title for session in response.context["sessions"]]
    assert titles == ["Threat of improvised explosive devices"]


def test_search_finds_speakers_by_name_title_organisation_and_bio_separately(client):
    conference = PublishedConferenceFactory()
    session = PublishedSessionFactory(conference=conference, title="Briefing")
    by_org = SessionRoleFactory(
        session=session, speaker__organisation="Department of Peace Operations"
    )
    by_bio = SessionRoleFactory(
        session=session, speaker__bio="Served with peace operations in Mali."
    )
    SessionRoleFactory(session=session, speaker__organisation="Ministry of Defence")

    response = search(client, conference, "peace operations")

    assert response.context["sessions"] == []
    assert response.context["speakers"] == [by_org.speaker, by_bio.speaker]


def test_search_leaves_out_unpublished_sessions_and_their_speakers(client):
    conference = PublishedConferenceFactory()
    draft = SessionFactory(conference=conference, title="Secret pledging talks")
    SessionRoleFactory(session=draft, speaker__family_name="Pledger")

    response = search(client, conference, "pledging pledger")

    assert response.context["result_count"] == 0


def test_search_shows_unpublished_sessions_to_staff(client):
    conference = ConferenceFactory()
    SessionFactory(conference=conference, title="Secret pledging talks")
    client.force_login(StaffUserFactory())

    response = search(client, conference, "pledging")

    assert len(response.context["sessions"]) == 1


def test_search_stays_within_the_conference(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(title="Pledging system")

    response = search(client, conference, "pledging")

    assert response.context["sessions"] == []


def test_search_of_unpublished_conference_is_not_found(client):
    conference = ConferenceFactory()

    response = search(client, conference, "anything")

    assert response.status_code == 404


def test_search_without_a_query_shows_a_hint(client):
    conference = PublishedConferenceFactory()

    response = search(client, conference, "  ")

    assert response.status_code == 200
    assert "Type words from" in response.content.decode()


def test_search_with_only_punctuation_finds_nothing_without_error(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference)

    response = search(client, conference, '"-!&|(')

    assert response.status_code == 200
    assert response.context["result_count"] == 0


def test_search_with_an_overlong_query_is_refused_with_a_message(client):
    conference = PublishedConferenceFactory()

    response = search(client, conference, "peace " * 50)

    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3, 30])
def test_search_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    for _ in range(count):
        session = PublishedSessionFactory(conference=conference, title="Peacekeeping panel")
        SessionRoleFactory(session=session, speaker__organisation="Peacekeeping Academy")

    # The conference, the sessions, their speakers (for the cards) and the speakers found.
    with django_assert_num_queries(4):
        response = search(client, conference, "peacekeeping")

    assert response.context["result_count"] == 2 * count


def test_search_session_results_show_their_speakers(client):
    conference = PublishedConferenceFactory()
    session = PublishedSessionFactory(conference=conference, title="Medical capabilities")
    SessionRoleFactory(session=session, speaker__family_name="Rahman")

    content = search(client, conference, "medical").content.decode()

    assert "Panellist" in content
    assert "Rahman" in content
