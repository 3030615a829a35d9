import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from sessions.models import SessionRoleKind
from tests.factories import (
    KARACHI,
    PublishedSessionFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    StaffUserFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def session_url(session):
    return reverse(
        "programme:session", kwargs={"conference": session.conference.slug, "pk": session.pk}
    )


def test_session_page_of_unpublished_session_is_not_found(client):
    session = SessionFactory()

    response = client.get(session_url(session))

    assert response.status_code == 404


def test_session_page_of_published_session_in_unpublished_conference_is_not_found(client):
    session = SessionFactory(is_published=True)

    response = client.get(session_url(session))

    assert response.status_code == 404


def test_session_page_of_unpublished_session_is_previewed_by_staff(client):
    session = SessionFactory()
    client.force_login(StaffUserFactory())

    response = client.get(session_url(session))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_session_page_under_another_conference_is_not_found(client):
    session = PublishedSessionFactory()
    other = PublishedSessionFactory()

    response = client.get(
        reverse("programme:session", kwargs={"conference": other.conference.slug, "pk": session.pk})
    )

    assert response.status_code == 404


def test_session_page_shows_time_zone_room_track_and_languages(client):
    session = PublishedSessionFactory(
        conference__languages=["en", "fr", "ar"],
        starts_at=datetime.datetime(2023, 8, 30, 14, 0, tzinfo=KARACHI),
        ends_at=datetime.datetime(2023, 8, 30, 15, 30, tzinfo=KARACHI),
        language="en",
        interpretation=["fr", "ar"],
        description="Casualty evacuation within the golden hour.",
    )
    session.room = RoomFactory(venue=session.conference.venue, name="Auditorium")
    session.track = TrackFactory(conference=session.conference, name="Medical capabilities")
    session.save()

    content = client.get(session_url(session)).content.decode()

    assert "Wednesday 30 August 2023" in content
    assert "14:00</time>\N{EN DASH}<time" in content
    assert "(Asia/Karachi, PKT)" in content
    assert "Auditorium" in content
    assert "Medical capabilities" in content
    assert "French, Arabic" in content
    assert "Casualty evacuation within the golden hour." in content


def test_session_page_escapes_the_organisers_texts_and_keeps_paragraphs(client):
    # The page's body is written in Python (sessions/session_html.py): every text escaped.
    session = PublishedSessionFactory(
        title="<script>alert(1)</script> & drills",
        description="First <b>paragraph</b>.\n\nSecond, on\ntwo lines.",
    )
    session.track = TrackFactory(conference=session.conference, name="Logistics & <i>supply</i>")
    session.save()
    SessionRoleFactory(session=session, speaker__organisation="Smith & <Jones>")

    content = client.get(session_url(session)).content.decode()

    assert "<script>alert(1)" not in content
    assert '<h1 dir="auto">&lt;script&gt;alert(1)&lt;/script&gt; &amp; drills</h1>' in content
    assert "Add \N{LEFT DOUBLE QUOTATION MARK}&lt;script&gt;" in content
    assert (
        '<div class="description" dir="auto"><p>First &lt;b&gt;paragraph&lt;/b&gt;.</p>\n\n'
        "<p>Second, on<br>two lines.</p></div>"
    ) in content
    assert '<span dir="auto">Logistics &amp; &lt;i&gt;supply&lt;/i&gt;</span>' in content
    assert "Smith &amp; &lt;Jones&gt;" in content


def test_session_page_lists_roles_with_links_to_speakers(client):
    session = PublishedSessionFactory()
    role = SessionRoleFactory(
        session=session,
        role=SessionRoleKind.CHAIR,
        speaker__honorific="Gen.",
        speaker__given_name="Asim",
        speaker__family_name="Munir",
    )

    content = client.get(session_url(session)).content.decode()

    assert "Chair" in content
    speaker_url = reverse(
        "programme:speaker", kwargs={"conference": session.conference.slug, "pk": role.speaker.pk}
    )
    assert f'<a href="{speaker_url}"><bdi>Gen. Asim Munir</bdi></a>' in content


def test_session_page_links_to_its_calendar_file_and_the_conference_subscription(client):
    session = PublishedSessionFactory()
    slug = session.conference.slug

    content = client.get(session_url(session)).content.decode()

    assert f"/{slug}/sessions/{session.pk}/calendar.ics" in content
    assert f"webcal://testserver/{slug}/calendar.ics" in content


def test_session_page_is_in_the_language_of_its_address(client):
    session = PublishedSessionFactory(conference__languages=["en", "fr"])
    SessionRoleFactory(session=session)

    with translation.override("fr"):
        content = client.get(session_url(session)).content.decode()

    for label in (
        "Date et heure",
        "Intervenants",
        "Ajouter à votre calendrier",
        "Cette séance (.ics)",
        "S\u2019abonner à l\u2019ensemble du programme",
        "Retour au programme",
    ):
        assert label in content


@pytest.mark.parametrize("count", [1, 3, 30])
def test_session_page_query_count_does_not_grow_with_speakers(
    client, django_assert_num_queries, count
):
    session = PublishedSessionFactory()
    SessionRoleFactory.create_batch(count, session=session)

    with django_assert_num_queries(2):
        response = client.get(session_url(session))

    assert response.status_code == 200
