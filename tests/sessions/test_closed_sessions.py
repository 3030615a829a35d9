"""Closed (restricted) sessions: shown as closed, never with who speaks or attends."""

import icalendar
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from lxml import etree

from delegations.models import Category, DelegationKind, Role
from sessions.models import Session
from tests.factories import (
    PublishedConferenceFactory,
    PublishedSessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    """A published conference with an open panel and a closed ministerial segment, each with
    its own speaker."""
    conference = PublishedConferenceFactory()
    open_session = PublishedSessionFactory(conference=conference, title="Open panel")
    closed = PublishedSessionFactory(
        conference=conference,
        title="Ministerial segment",
        restricted_to_roles=[Role.HEAD, Role.DEPUTY],
        restricted_to_delegation_kinds=[DelegationKind.MEMBER_STATE],
    )
    SessionRoleFactory(
        session=open_session,
        speaker=SpeakerFactory(conference=conference, family_name="Openspeaker"),
    )
    SessionRoleFactory(
        session=closed, speaker=SpeakerFactory(conference=conference, family_name="Secretname")
    )
    return conference, open_session, closed


def test_restriction_label_names_who_may_attend(programme):
    _conference, open_session, closed = programme

    assert not open_session.is_restricted
    assert open_session.restriction_label == ""
    assert closed.is_restricted
    assert closed.restriction_label == (
        "Member State; Head of Delegation, Deputy Head of Delegation"
    )


def test_open_queryset_leaves_closed_sessions_out(programme):
    _conference, open_session, _closed = programme

    assert list(Session.objects.open()) == [open_session]


@pytest.mark.parametrize(
    "field", ["restricted_to_categories", "restricted_to_roles", "restricted_to_delegation_kinds"]
)
def test_database_refuses_an_unknown_restriction(programme, field):
    _conference, open_session, _closed = programme

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=open_session.pk).update(**{field: ["anyone"]})


def test_agenda_shows_closed_session_as_closed_without_its_speakers(client, programme):
    conference, _open_session, _closed = programme

    response = client.get(reverse("programme:agenda", kwargs={"conference": conference.slug}))

    content = response.content.decode()
    assert "Ministerial segment" in content
    assert "Closed: Member State; Head of Delegation, Deputy Head of Delegation only" in content
    assert "Openspeaker" in content
    assert "Secretname" not in content


def test_session_page_of_closed_session_lists_nobody(client, programme):
    _conference, _open_session, closed = programme

    response = client.get(closed.get_absolute_url())

    content = response.content.decode()
    assert "Closed session: Member State; Head of Delegation" in content
    assert "Secretname" not in content


def test_speaker_of_closed_sessions_only_is_not_on_the_speakers_page(client, programme):
    conference, _open_session, _closed = programme

    response = client.get(reverse("programme:speakers", kwargs={"conference": conference.slug}))

    content = response.content.decode()
    assert "Openspeaker" in content
    assert "Secretname" not in content


def test_personal_agenda_shows_closed_session_as_closed(client, programme):
    conference, open_session, closed = programme

    response = client.get(
        reverse("programme:personal_agenda", kwargs={"conference": conference.slug}),
        {"session": [open_session.pk, closed.pk]},
    )

    content = response.content.decode()
    assert "Closed: Member State" in content
    assert "Secretname" not in content


def test_calendar_marks_closed_session_and_names_no_speaker(client, programme):
    conference, _open_session, _closed = programme

    response = client.get(reverse("feeds:conference_ics", kwargs={"conference": conference.slug}))

    events = {
        str(event["SUMMARY"]): event
        for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    closed = events["Ministerial segment"]
    assert "Closed session: Member State" in str(closed["DESCRIPTION"])
    assert "Secretname" not in response.content.decode()
    assert "Openspeaker" in str(events["Open panel"]["DESCRIPTION"])


def test_frab_lists_no_person_for_closed_session(client, programme):
    conference, _open_session, closed = programme

    response = client.get(reverse("feeds:frab_xml", kwargs={"conference": conference.slug}))

    document = etree.fromstring(response.content)
    [event] = document.xpath(f"//event[@id='{closed.pk}']")
    assert event.xpath("persons/person") == []
    assert event.findtext("subtitle").startswith("Closed session")


def test_api_marks_closed_session_and_lists_no_speaker(client, programme):
    conference, _open_session, _closed = programme

    response = client.get(reverse("feeds:api_session_list", kwargs={"conference": conference.slug}))

    sessions = {item["title"]: item for item in response.json()["results"]}
    assert sessions["Ministerial segment"]["closed"] is True
    assert sessions["Ministerial segment"]["closed_to"].startswith("Member State")
    assert sessions["Ministerial segment"]["speakers"] == []
    assert sessions["Open panel"]["closed"] is False
    assert [speaker["name"] for speaker in sessions["Open panel"]["speakers"]] != []


def test_closed_session_by_category_alone(client):
    session = PublishedSessionFactory(restricted_to_categories=[Category.DELEGATE])

    assert session.restriction_label == "Delegate"
