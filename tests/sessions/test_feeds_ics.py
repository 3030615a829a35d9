import datetime

import icalendar
import pytest
from django.urls import reverse

from sessions.models import SessionRoleKind
from tests.factories import (
    PublishedConferenceFactory,
    PublishedSessionFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    StaffUserFactory,
    TrackFactory,
    published_programme,
)

pytestmark = pytest.mark.django_db


def conference_url(conference) -> str:
    return reverse("feeds:conference_ics", kwargs={"conference": conference.slug})


def session_url(session) -> str:
    return reverse(
        "feeds:session_ics", kwargs={"conference": session.conference.slug, "pk": session.pk}
    )


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.content
    return icalendar.Calendar.from_ical(response.content)


def summaries(calendar: icalendar.Calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


def test_conference_ics_lists_published_sessions_only(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, title="Opening of the meeting")
    SessionFactory(conference=conference, title="Draft panel", is_published=False)

    calendar = parse(client.get(conference_url(conference)))

    assert summaries(calendar) == {"Opening of the meeting"}


def test_conference_ics_is_named_and_versioned(client):
    conference = PublishedConferenceFactory(title="UN Peacekeeping Preparatory Meeting")

    calendar = parse(client.get(conference_url(conference)))

    assert calendar["VERSION"] == "2.0"
    assert "Plenary" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "UN Peacekeeping Preparatory Meeting"


def test_conference_ics_describes_its_time_zone(client):
    conference = PublishedConferenceFactory(time_zone="Asia/Karachi")
    PublishedSessionFactory(
        conference=conference,
        starts_at=datetime.datetime(2023, 8, 30, 4, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2023, 8, 30, 5, 0, tzinfo=datetime.UTC),
    )

    calendar = parse(client.get(conference_url(conference)))

    [timezone] = calendar.walk("VTIMEZONE")
    [event] = calendar.walk("VEVENT")
    assert str(timezone["TZID"]) == "Asia/Karachi"
    assert event["DTSTART"].params["TZID"] == "Asia/Karachi"
    assert event.start == datetime.datetime(2023, 8, 30, 9, 0, tzinfo=conference.tzinfo)
    assert event.end.astimezone(datetime.UTC) == datetime.datetime(
        2023, 8, 30, 5, 0, tzinfo=datetime.UTC
    )


def test_conference_ics_is_a_calendar_download(client):
    conference = PublishedConferenceFactory(slug="peacekeeping-2023")

    response = client.get(conference_url(conference))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="peacekeeping-2023.ics"'


def test_conference_ics_unpublished_conference_is_not_found(client):
    session = SessionFactory(is_published=True)

    response = client.get(conference_url(session.conference))

    assert response.status_code == 404


def test_conference_ics_unknown_conference_is_not_found(client):
    response = client.get(reverse("feeds:conference_ics", kwargs={"conference": "no-such"}))

    assert response.status_code == 404


def test_conference_ics_unpublished_conference_previewed_by_staff(client):
    session = SessionFactory(title="Draft keynote")
    client.force_login(StaffUserFactory())

    response = client.get(conference_url(session.conference))

    assert summaries(parse(response)) == {"Draft keynote"}
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_conference_ics_session_parameter_keeps_only_those_sessions(client):
    conference = PublishedConferenceFactory()
    first = PublishedSessionFactory(conference=conference, title="Keynote address")
    PublishedSessionFactory(conference=conference, title="Coffee break")
    third = PublishedSessionFactory(conference=conference, title="Closing")

    response = client.get(conference_url(conference), {"session": [first.pk, third.pk]})

    assert summaries(parse(response)) == {"Keynote address", "Closing"}
    assert "my-agenda" in response["Content-Disposition"]


def test_conference_ics_session_parameter_ignores_unpublished_sessions(client):
    conference = PublishedConferenceFactory()
    draft = SessionFactory(conference=conference, is_published=False)

    response = client.get(conference_url(conference), {"session": [draft.pk]})

    assert summaries(parse(response)) == set()


def test_conference_ics_session_parameter_not_a_number_is_bad_request(client):
    conference = PublishedConferenceFactory()

    response = client.get(conference_url(conference), {"session": ["12", "twelve"]})

    assert response.status_code == 400
    assert b"session" in response.content


def test_track_ics_lists_the_track_sessions_only(client):
    conference = PublishedConferenceFactory()
    track = TrackFactory(conference=conference, slug="medical")
    PublishedSessionFactory(conference=conference, track=track, title="Casualty evacuation")
    PublishedSessionFactory(conference=conference, title="Pledging briefing")

    response = client.get(
        reverse("feeds:track_ics", kwargs={"conference": conference.slug, "track": "medical"})
    )

    assert summaries(parse(response)) == {"Casualty evacuation"}


def test_track_ics_unknown_track_is_not_found(client):
    conference = PublishedConferenceFactory()

    response = client.get(
        reverse("feeds:track_ics", kwargs={"conference": conference.slug, "track": "nothing"})
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("lang", "line"),
    [("fr", "Modérateur\u00a0: Amina Khan"), ("zh-hans", "主持人\uff1aAmina Khan")],
)
def test_each_role_line_is_punctuated_as_its_language_does(client, lang, line):
    conference = PublishedConferenceFactory(languages=["en", "fr", "zh-hans"])
    session = PublishedSessionFactory(conference=conference)
    speaker = SpeakerFactory(conference=conference, given_name="Amina", family_name="Khan")
    SessionRoleFactory(session=session, speaker=speaker, role=SessionRoleKind.MODERATOR)

    [event] = parse(client.get(session_url(session), {"lang": lang})).walk("VEVENT")

    assert line in str(event["DESCRIPTION"])


def test_session_ics_describes_the_session(client):
    conference = PublishedConferenceFactory()
    room = RoomFactory(venue=conference.venue, name="Auditorium")
    session = PublishedSessionFactory(
        conference=conference, room=room, title="Safety of peacekeepers", description="Why."
    )
    speaker = SpeakerFactory(
        conference=conference, honorific="Gen.", given_name="Amina", family_name="Khan"
    )
    SessionRoleFactory(session=session, speaker=speaker, role=SessionRoleKind.MODERATOR)

    [event] = parse(client.get(session_url(session))).walk("VEVENT")

    assert "Why." in str(event["DESCRIPTION"])
    assert "Moderator: Gen. Amina Khan" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == f"Auditorium, {conference.venue.name}, Islamabad"
    assert str(event["URL"]).endswith(session.get_absolute_url())
    # When the session was last edited (RFC 5545: DTSTAMP, as the feed has no METHOD).
    assert event["DTSTAMP"].dt == session.updated_at.replace(microsecond=0)
    assert "LAST-MODIFIED" not in event


def test_the_speakers_are_listed_by_role_in_protocol_order_with_their_names_only(client):
    conference = PublishedConferenceFactory()
    session = PublishedSessionFactory(conference=conference)
    for order, (role, given_name) in enumerate(
        [
            (SessionRoleKind.PANELLIST, "Ana"),
            (SessionRoleKind.CHAIR, "Bea"),
            (SessionRoleKind.PANELLIST, "Carl"),
        ]
    ):
        speaker = SpeakerFactory(
            conference=conference,
            given_name=given_name,
            family_name="Diaz",
            title="Head of Policy",
            organisation="Ministry of Defence",
        )
        SessionRoleFactory(session=session, speaker=speaker, role=role, order=order)

    [event] = parse(client.get(session_url(session))).walk("VEVENT")

    description = str(event["DESCRIPTION"])
    assert "Chair: Bea Diaz\nPanellists: Ana Diaz, Carl Diaz\n" in description
    # Their titles and organisations are on the session's page, which the event links to.
    assert "Head of Policy" not in description
    assert "Ministry of Defence" not in description


def test_session_ics_uid_is_stable_across_requests_and_edits(client):
    session = PublishedSessionFactory(title="Medical capabilities")
    uid_before = str(parse(client.get(session_url(session))).walk("VEVENT")[0]["UID"])

    again = str(parse(client.get(session_url(session))).walk("VEVENT")[0]["UID"])
    session.title = "Medical capabilities of missions"
    session.save()
    [edited] = parse(client.get(session_url(session))).walk("VEVENT")

    assert again == uid_before
    assert str(edited["UID"]) == uid_before
    assert str(edited["SUMMARY"]) == "Medical capabilities of missions"
    assert uid_before == f"session-{session.pk}@testserver"


def test_session_ics_unpublished_session_is_not_found(client):
    conference = PublishedConferenceFactory()
    session = SessionFactory(conference=conference, is_published=False)

    response = client.get(session_url(session))

    assert response.status_code == 404


def test_session_ics_unpublished_session_previewed_by_staff(client):
    session = SessionFactory(conference=PublishedConferenceFactory(), is_published=False)
    client.force_login(StaffUserFactory())

    response = client.get(session_url(session))

    assert len(parse(response).walk("VEVENT")) == 1


@pytest.mark.parametrize("count", [1, 3, 30])
def test_conference_ics_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = published_programme(sessions=count)

    with django_assert_num_queries(3):
        response = client.get(conference_url(conference))

    assert len(parse(response).walk("VEVENT")) == count


@pytest.mark.parametrize("count", [1, 3, 30])
def test_track_ics_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = published_programme(sessions=count)
    track = conference.tracks.get()

    with django_assert_num_queries(4):
        response = client.get(
            reverse("feeds:track_ics", kwargs={"conference": conference.slug, "track": track.slug})
        )

    assert len(parse(response).walk("VEVENT")) == count


@pytest.mark.parametrize("count", [1, 3, 30])
def test_session_ics_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = published_programme(sessions=count)
    session = conference.sessions.first()

    with django_assert_num_queries(2):
        response = client.get(session_url(session))

    assert len(parse(response).walk("VEVENT")) == 1


def test_conference_ics_personal_agenda_name_is_translated(client, french):
    french({"%(conference)s: my agenda": "%(conference)s : mon agenda"})
    session = PublishedSessionFactory(conference__title="Réunion préparatoire")

    response = client.get(
        conference_url(session.conference), {"session": [session.pk]}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert str(parse(response)["X-WR-CALNAME"]) == "Réunion préparatoire : mon agenda"


def test_track_ics_name_is_translated(client, french):
    french({"%(conference)s: %(track)s": "%(conference)s : %(track)s"})
    track = TrackFactory(conference=PublishedConferenceFactory(title="Réunion"), name="Médical")
    PublishedSessionFactory(conference=track.conference, track=track)

    response = client.get(
        reverse(
            "feeds:track_ics", kwargs={"conference": track.conference.slug, "track": track.slug}
        ),
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert str(parse(response)["X-WR-CALNAME"]) == "Réunion : Médical"


def test_session_ics_name_is_translated(client, french):
    french({"%(conference)s: %(session)s": "%(conference)s : %(session)s"})
    session = PublishedSessionFactory(conference__title="Réunion", title="Ouverture")

    response = client.get(session_url(session), HTTP_ACCEPT_LANGUAGE="fr")

    assert str(parse(response)["X-WR-CALNAME"]) == "Réunion : Ouverture"


def test_track_ics_of_a_track_without_published_sessions_is_not_found(client):
    track = TrackFactory(conference=PublishedConferenceFactory())
    SessionFactory(conference=track.conference, track=track)

    response = client.get(
        reverse(
            "feeds:track_ics", kwargs={"conference": track.conference.slug, "track": track.slug}
        )
    )

    assert response.status_code == 404
