import pytest
from django.urls import reverse

from sessions.models import SessionRoleKind
from tests.factories import (
    PublishedConferenceFactory,
    PublishedSessionFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


def speakers_url(conference):
    return reverse("programme:speakers", kwargs={"conference": conference.slug})


def speaker_url(speaker):
    return reverse(
        "programme:speaker", kwargs={"conference": speaker.conference.slug, "pk": speaker.pk}
    )


def test_speaker_list_shows_only_speakers_of_published_sessions(client):
    conference = PublishedConferenceFactory()
    SessionRoleFactory(
        session=PublishedSessionFactory(conference=conference), speaker__family_name="Onstage"
    )
    SessionRoleFactory(session=SessionFactory(conference=conference), speaker__family_name="Draft")
    SpeakerFactory(conference=conference, family_name="Unassigned")

    content = client.get(speakers_url(conference)).content.decode()

    assert "Onstage" in content
    assert "Draft" not in content
    assert "Unassigned" not in content


def test_speaker_list_lists_a_speaker_with_several_sessions_once(client):
    conference = PublishedConferenceFactory()
    speaker = SpeakerFactory(conference=conference, family_name="Busy")
    for _ in range(2):
        SessionRoleFactory(session=PublishedSessionFactory(conference=conference), speaker=speaker)

    response = client.get(speakers_url(conference))

    assert [row.pk for row in response.context["speakers"]] == [speaker.pk]


def test_speaker_list_of_unpublished_conference_is_not_found(client):
    conference = SessionFactory().conference

    response = client.get(speakers_url(conference))

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3, 30])
def test_speaker_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    session = PublishedSessionFactory(conference=conference)
    SessionRoleFactory.create_batch(count, session=session)

    with django_assert_num_queries(2):
        response = client.get(speakers_url(conference))

    assert len(response.context["speakers"]) == count


def test_speaker_page_shows_honorific_title_organisation_bio_and_sessions(client):
    role = SessionRoleFactory(
        session=PublishedSessionFactory(title="Keynote address"),
        role=SessionRoleKind.KEYNOTE_SPEAKER,
        speaker__honorific="H.E.",
        speaker__given_name="Bilawal",
        speaker__family_name="Bhutto Zardari",
        speaker__title="Minister for Foreign Affairs",
        speaker__organisation="Government of Pakistan",
        speaker__bio="Foreign Minister since 2022.",
    )

    content = client.get(speaker_url(role.speaker)).content.decode()

    assert "H.E. Bilawal Bhutto Zardari" in content
    assert "Minister for Foreign Affairs" in content
    assert "Government of Pakistan" in content
    assert "Foreign Minister since 2022." in content
    assert "Keynote address" in content
    assert "Keynote speaker" in content


def test_speaker_page_leaves_out_unpublished_sessions(client):
    conference = PublishedConferenceFactory()
    speaker = SpeakerFactory(conference=conference)
    SessionRoleFactory(
        session=PublishedSessionFactory(conference=conference, title="Public"), speaker=speaker
    )
    SessionRoleFactory(
        session=SessionFactory(conference=conference, title="Hidden"), speaker=speaker
    )

    content = client.get(speaker_url(speaker)).content.decode()

    assert "Public" in content
    assert "Hidden" not in content


def test_speaker_page_of_speaker_without_published_session_is_not_found(client):
    conference = PublishedConferenceFactory()
    speaker = SessionRoleFactory(session=SessionFactory(conference=conference)).speaker

    response = client.get(speaker_url(speaker))

    assert response.status_code == 404


def test_speaker_page_of_speaker_without_published_session_is_previewed_by_staff(client):
    conference = PublishedConferenceFactory()
    speaker = SessionRoleFactory(session=SessionFactory(conference=conference)).speaker
    client.force_login(StaffUserFactory())

    response = client.get(speaker_url(speaker))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3, 30])
def test_speaker_page_query_count_does_not_grow_with_sessions(
    client, django_assert_num_queries, count
):
    conference = PublishedConferenceFactory()
    speaker = SpeakerFactory(conference=conference)
    for _ in range(count):
        SessionRoleFactory(session=PublishedSessionFactory(conference=conference), speaker=speaker)

    with django_assert_num_queries(3):
        response = client.get(speaker_url(speaker))

    assert len(response.context["speaker"].visible_roles) == count


def test_speaker_page_prints_the_name_in_its_order_and_its_own_script(client):
    role = SessionRoleFactory(
        session=PublishedSessionFactory(),
        speaker__given_name="Jing",
        speaker__family_name="Chen",
        speaker__name_order="family_first",
        speaker__own_script_name="陈静",
    )

    content = client.get(speaker_url(role.speaker)).content.decode()

    assert '<h1 dir="auto">CHEN Jing</h1>' in content
    assert '<p class="own-script-name" dir="auto">陈静</p>' in content


def test_speaker_list_shows_affiliation_and_bio_escaped(client):
    role = SessionRoleFactory(
        session=PublishedSessionFactory(),
        speaker__title="Adviser",
        speaker__organisation="Mission <Support>",
        speaker__bio="First <b>paragraph</b>.\n\nSecond one.",
    )

    content = client.get(speakers_url(role.session.conference)).content.decode()

    assert '<span class="affiliation" dir="auto">Adviser, Mission &lt;Support&gt;</span>' in content
    assert "<p>First &lt;b&gt;paragraph&lt;/b&gt;.</p><p>Second one.</p>" in content
