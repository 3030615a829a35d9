import re

import pytest
from django.urls import reverse

from bilaterals import services
from bilaterals.models import CalendarFeed
from tests.bilaterals.conftest import slot_time

pytestmark = pytest.mark.django_db


def feed_url_in(text: str) -> str:
    return re.search(r"http://testserver(/bilaterals/[^<\s]+\.ics)", text).group(1)


def test_calendar_link_lists_accepted_meetings_with_topic(client, ghana, japan, ghana_token, slot):
    bilateral = services.bilateral_request(
        requester=ghana, invitee=japan, times=[slot_time(slot)], attendees=[], topic="Medevac"
    )
    services.bilateral_accept(
        bilateral=bilateral, delegation=japan, time=slot_time(slot), attendees=[]
    )

    page = client.post(reverse("bilaterals:calendar_link", kwargs={"token": ghana_token}))
    feed = client.get(feed_url_in(page.text))

    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert "private" in feed["Cache-Control"]
    body = feed.content.decode()
    assert "Bilateral meeting with Japan" in body
    assert "Medevac" in body
    assert "Bilateral Room A" in body


def test_only_the_hash_of_the_calendar_token_is_kept(client, ghana, ghana_token):
    page = client.post(reverse("bilaterals:calendar_link", kwargs={"token": ghana_token}))
    token = feed_url_in(page.text).removeprefix("/bilaterals/").removesuffix(".ics")

    assert CalendarFeed.objects.get().token_hash != token
    assert token not in str(list(CalendarFeed.objects.values()))


def test_revoked_calendar_link_stops_working(client, ghana, ghana_token):
    page = client.post(reverse("bilaterals:calendar_link", kwargs={"token": ghana_token}))
    url = feed_url_in(page.text)

    client.post(
        reverse("bilaterals:calendar_link", kwargs={"token": ghana_token}), {"action": "revoke"}
    )

    assert client.get(url).status_code == 404


def test_new_calendar_link_replaces_the_old(client, ghana, ghana_token):
    old = feed_url_in(
        client.post(reverse("bilaterals:calendar_link", kwargs={"token": ghana_token})).text
    )
    new = feed_url_in(
        client.post(reverse("bilaterals:calendar_link", kwargs={"token": ghana_token})).text
    )

    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_feed_holds_only_the_delegations_own_meetings(client, conference, ghana, japan, slot):
    from tests.factories import BilateralSlotFactory, DelegationFactory, RoomFactory

    brazil = DelegationFactory(conference=conference, country="BR")
    BilateralSlotFactory(conference=conference, room=RoomFactory(venue=conference.venue))
    theirs = services.bilateral_request(
        requester=japan, invitee=brazil, times=[slot_time(slot)], attendees=[]
    )
    services.bilateral_accept(
        bilateral=theirs, delegation=brazil, time=slot_time(slot), attendees=[]
    )
    token = services.feed_renew(delegation=ghana)

    body = client.get(f"/bilaterals/{token}.ics").content.decode()

    assert "Brazil" not in body
    assert "VEVENT" not in body
