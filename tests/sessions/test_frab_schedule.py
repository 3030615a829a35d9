import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from lxml import etree

from tests.factories import (
    KARACHI,
    ConferenceFactory,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    RoomFactory,
    SessionRoleFactory,
    TrackFactory,
    published_programme,
)

pytestmark = pytest.mark.django_db

XSD = Path(__file__).parent.parent / "data" / "frab-schedule.xml.xsd"


@pytest.fixture(scope="module")
def frab_xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(XSD))


def xml_url(conference) -> str:
    return reverse("feeds:frab_xml", kwargs={"conference": conference.slug})


def json_url(conference) -> str:
    return reverse("feeds:frab_json", kwargs={"conference": conference.slug})


def two_room_programme():
    """Sessions in two rooms over both days, one of them without a room, with speakers."""
    conference = PublishedConferenceFactory(slug="peacekeeping-2023")
    hall = RoomFactory(venue=conference.venue, name="Hall", order=1)
    annex = RoomFactory(venue=conference.venue, name="Annex", order=2)
    track = TrackFactory(conference=conference, name="Medical capabilities")
    for day, hour, room, title in [
        (30, 9, hall, "Opening"),
        (30, 9, annex, "Side briefing"),
        (30, 11, None, "Coffee break"),
        (31, 10, hall, "Medical capabilities of missions"),
    ]:
        starts_at = datetime.datetime(2023, 8, day, hour, tzinfo=KARACHI)
        session = PublishedSessionFactory(
            conference=conference,
            room=room,
            track=track if room is hall else None,
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=90),
        )
        SessionRoleFactory(session=session)
    return conference


def test_frab_xml_validates_against_the_schema(client, frab_xsd):
    conference = two_room_programme()

    response = client.get(xml_url(conference))

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    assert frab_xsd.validate(document), frab_xsd.error_log


def test_frab_xml_places_events_by_day_and_room(client):
    conference = two_room_programme()

    document = etree.fromstring(client.get(xml_url(conference)).content)

    assert document.xpath("//day[@date='2023-08-30']/room[@name='Hall']/event/title/text()") == [
        "Opening"
    ]
    assert document.xpath("//day[@date='2023-08-30']/room[@name='Annex']/event/title/text()") == [
        "Side briefing"
    ]
    assert document.xpath("//day[@index='2']//event/title/text()") == [
        "Medical capabilities of missions"
    ]
    [event] = document.xpath("//event[title='Opening']")
    assert event.findtext("date") == "2023-08-30T09:00:00+05:00"
    assert event.findtext("start") == "09:00"
    assert event.findtext("duration") == "01:30"
    assert event.findtext("track") == "Medical capabilities"
    assert len(event.findall("persons/person")) == 1


def test_frab_xml_puts_roomless_sessions_at_the_venue(client):
    conference = two_room_programme()

    document = etree.fromstring(client.get(xml_url(conference)).content)

    [room] = document.xpath("//day[@index='1']/room[event/title='Coffee break']")
    assert room.get("name") == conference.venue.name


def test_frab_xml_empty_programme_still_validates(client, frab_xsd):
    conference = PublishedConferenceFactory()

    document = etree.fromstring(client.get(xml_url(conference)).content)

    assert frab_xsd.validate(document), frab_xsd.error_log
    assert len(document.findall("day")) == 2


def test_frab_xml_unpublished_conference_is_not_found(client):
    conference = ConferenceFactory()

    assert client.get(xml_url(conference)).status_code == 404


def test_frab_json_follows_the_c3voc_structure(client):
    conference = two_room_programme()

    response = client.get(json_url(conference))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    schedule = response.json()["schedule"]
    data = schedule["conference"]
    assert data["acronym"] == "peacekeeping-2023"
    assert data["time_zone_name"] == "Asia/Karachi"
    assert data["daysCount"] == 2
    assert [room["name"] for room in data["rooms"]] == ["Hall", "Annex", conference.venue.name]
    first_day = data["days"][0]
    assert first_day["date"] == "2023-08-30"
    [opening] = first_day["rooms"]["Hall"]
    assert opening["title"] == "Opening"
    assert opening["start"] == "09:00"
    assert opening["persons"][0]["public_name"]


def test_frab_json_and_xml_agree_on_event_ids(client):
    conference = two_room_programme()

    document = etree.fromstring(client.get(xml_url(conference)).content)
    data = client.get(json_url(conference)).json()["schedule"]["conference"]

    json_ids = [
        event["guid"]
        for day in data["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    assert sorted(json_ids) == sorted(document.xpath("//event/@guid"))


@pytest.mark.parametrize("count", [1, 3, 30])
def test_frab_xml_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = published_programme(sessions=count)

    with django_assert_num_queries(3):
        response = client.get(xml_url(conference))

    assert len(etree.fromstring(response.content).findall("day/room/event")) == count


@pytest.mark.parametrize("count", [1, 3, 30])
def test_frab_json_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = published_programme(sessions=count)

    with django_assert_num_queries(3):
        response = client.get(json_url(conference))

    [day, _] = response.json()["schedule"]["conference"]["days"]
    assert len(day["rooms"]["Main Hall"]) == count
