"""The two preview rules over one set of selectors (sessions/selectors.py).

Pages give every staff user a preview; feeds and the API give one only where the public would
get a 404, so that their public responses never depend on the session cookie.
"""

import pytest
from django.urls import reverse

from tests.factories import (
    ConferenceFactory,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    SessionFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

FEEDS = ["feeds:conference_ics", "feeds:frab_json", "feeds:api_session_list"]


def url(name, conference):
    return reverse(name, kwargs={"conference": conference.slug})


def conference_with_a_draft(conference):
    PublishedSessionFactory(conference=conference, title="Opening of the meeting")
    SessionFactory(conference=conference, title="Draft panel", is_published=False)
    return conference


@pytest.mark.parametrize("name", FEEDS)
def test_feed_for_staff_on_a_published_conference_is_the_public_programme(client, name):
    conference = conference_with_a_draft(PublishedConferenceFactory())
    client.force_login(StaffUserFactory())

    response = client.get(url(name, conference))

    assert "Opening of the meeting" in response.content.decode()
    assert "Draft panel" not in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("name", FEEDS)
def test_feed_for_staff_on_an_unpublished_conference_previews_drafts(client, name):
    conference = conference_with_a_draft(ConferenceFactory())
    client.force_login(StaffUserFactory())

    response = client.get(url(name, conference))

    assert "Draft panel" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_agenda_for_staff_on_a_published_conference_previews_drafts(client):
    conference = conference_with_a_draft(PublishedConferenceFactory())
    client.force_login(StaffUserFactory())

    response = client.get(url("programme:agenda", conference))

    assert "Draft panel" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
