"""Public pages served through sessions.caching: stored copies, 304s, and nothing stale."""

import datetime

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from conference.models import Conference
from delegations.models import DelegationStatus, State
from delegations.services import delegations_accredit
from tests.factories import (
    KARACHI,
    DelegationFactory,
    HostFactory,
    ParticipantFactory,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    SessionFactory,
    StaffUserFactory,
    published_programme,
)

pytestmark = pytest.mark.django_db

CACHED_PAGES = ["conference", "agenda", "session", "speakers", "speaker", "delegations"]


def page_url(name: str, conference: Conference) -> str:
    session = conference.sessions.first()
    kwargs = {"conference": conference.slug}
    if name == "session":
        kwargs["pk"] = session.pk
    if name == "speaker":
        kwargs["pk"] = session.roles.first().speaker_id
    namespace = "accreditation" if name == "delegations" else "programme"
    return reverse(f"{namespace}:{name}", kwargs=kwargs)


def agenda_url(conference: Conference) -> str:
    return reverse("programme:agenda", kwargs={"conference": conference.slug})


def delegations_url(conference: Conference) -> str:
    return reverse("accreditation:delegations", kwargs={"conference": conference.slug})


def listed_participant(conference: Conference, **kwargs):
    return ParticipantFactory(
        delegation__conference=conference,
        delegation__status=DelegationStatus.ACCREDITED,
        state=State.APPROVED,
        **kwargs,
    )


@pytest.mark.parametrize("name", CACHED_PAGES)
def test_page_with_current_etag_is_not_modified(client, name):
    conference = published_programme(sessions=1)
    url = page_url(name, conference)
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize("name", CACHED_PAGES)
def test_page_is_public_for_a_minute_and_sets_no_cookie(client, name):
    conference = published_programme(sessions=1)

    response = client.get(page_url(name, conference))

    assert response["Cache-Control"] == "public, max-age=60"
    assert "Last-Modified" in response
    assert not response.cookies


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # The programme's version and the page both come from the cache.
        ("session", 0),
        ("speakers", 0),
        ("speaker", 0),
        # These move with the clock (the meeting starting, registration opening, today's
        # agenda): their view looks at the conference, then serves the stored page.
        ("conference", 1),
        ("agenda", 1),
    ],
)
def test_page_second_anonymous_request_costs_at_most_one_query(
    client, django_assert_num_queries, name, queries
):
    conference = published_programme(sessions=3)
    url = page_url(name, conference)
    first = client.get(url)

    with django_assert_num_queries(queries):
        second = client.get(url)

    assert second.content == first.content


def test_agenda_of_a_given_day_is_served_stored_with_no_query(client, django_assert_num_queries):
    conference = published_programme(sessions=3)
    url = page_url("agenda", conference) + f"?day={conference.start_date.isoformat()}"
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert second.content == first.content


class CacheReads(LocMemCache):
    """Local memory that counts its reads as a shared cache (Redis) makes them: one round trip
    for a `get`, one for a `get_many` however many keys it asks for."""

    round_trips = 0

    def get(self, key, default=None, version=None):
        CacheReads.round_trips += 1
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        CacheReads.round_trips += 1
        found = {key: LocMemCache.get(self, key, MISSING, version) for key in keys}
        return {key: value for key, value in found.items() if value is not MISSING}


MISSING = object()


def test_stored_page_costs_one_read_of_the_shared_cache(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "tests.sessions.test_public_caching.CacheReads"},
    }
    conference = published_programme(sessions=3)
    url = page_url("session", conference)
    first = client.get(url)
    client.get(url)  # this process keeps its copy of the stored response from now on
    CacheReads.round_trips = 0

    again = client.get(url)

    assert again.content == first.content
    # The conference's programme version and the page's stored address, in one MGET.
    assert CacheReads.round_trips == 1


def test_programme_edit_is_seen_at_once_by_the_stored_page_path(client):
    conference = published_programme(sessions=3)
    session = conference.sessions.first()
    url = page_url("session", conference)
    client.get(url)

    session.title = "Retitled after the edit"
    session.save()

    assert "Retitled after the edit" in client.get(url).content.decode()


def test_agenda_etag_changes_with_the_release(client, settings):
    conference = published_programme(sessions=1)
    old_etag = client.get(agenda_url(conference))["ETag"]
    settings.RELEASE = "next"

    response = client.get(agenda_url(conference), headers={"If-None-Match": old_etag})

    # A deployment may change the HTML and the static file names it links to.
    assert response.status_code == 200
    assert response["ETag"] != old_etag
    assert response.context is not None


def test_agenda_second_anonymous_request_is_served_from_the_cache(client):
    conference = published_programme(sessions=3)
    client.get(agenda_url(conference))

    response = client.get(agenda_url(conference))

    # A stored copy is not rendered, so the test client sees no template context.
    assert response.context is None
    assert response.status_code == 200


def test_agenda_shows_an_edited_session_title_on_the_next_request(client):
    session = PublishedSessionFactory(title="Pledging system")
    client.get(agenda_url(session.conference))

    session.title = "Briefing on the pledging system"
    session.save()
    content = client.get(agenda_url(session.conference)).content.decode()

    assert "Briefing on the pledging system" in content


def test_agenda_edited_since_the_etag_answers_the_new_page(client):
    session = PublishedSessionFactory(title="Pledging system")
    old_etag = client.get(agenda_url(session.conference))["ETag"]

    session.title = "Briefing on the pledging system"
    session.save()
    response = client.get(agenda_url(session.conference), headers={"If-None-Match": old_etag})

    assert response.status_code == 200
    assert response["ETag"] != old_etag


def test_agenda_with_invalid_filter_is_not_stored(client):
    conference = published_programme(sessions=1)
    client.get(agenda_url(conference), {"kind": "party"})

    response = client.get(agenda_url(conference), {"kind": "party"})

    assert response.status_code == 400
    assert response.context is not None
    assert "ETag" not in response


def test_agenda_staff_preview_is_neither_stored_nor_served_to_the_public(client):
    conference = PublishedConferenceFactory()
    SessionFactory(conference=conference, title="Draft panel")
    client.force_login(StaffUserFactory())
    preview = client.get(agenda_url(conference))
    client.logout()

    public = client.get(agenda_url(conference))

    assert "no-store" in preview["Cache-Control"]
    assert "ETag" not in preview
    assert "Draft panel" not in public.content.decode()


def test_agenda_staff_preview_is_rendered_even_with_a_public_copy_stored(client):
    conference = PublishedConferenceFactory()
    SessionFactory(conference=conference, title="Draft panel")
    client.get(agenda_url(conference))
    client.force_login(StaffUserFactory())

    content = client.get(agenda_url(conference)).content.decode()

    assert "Draft panel" in content


def test_conference_home_shows_an_edited_host_on_the_next_request(client):
    host = HostFactory(conference=PublishedConferenceFactory(), name="Pakistan")
    url = reverse("programme:conference", kwargs={"conference": host.conference.slug})
    client.get(url)

    host.name = "Islamic Republic of Pakistan"
    host.save()
    content = client.get(url).content.decode()

    assert "Islamic Republic of Pakistan" in content


def test_conference_home_shows_an_edited_venue_on_the_next_request(client):
    conference = PublishedConferenceFactory(venue__name="CIPS")
    url = reverse("programme:conference", kwargs={"conference": conference.slug})
    client.get(url)

    conference.venue.name = "CIPS-NUST"
    conference.venue.save()
    content = client.get(url).content.decode()

    assert "CIPS-NUST" in content


def test_agenda_during_the_meeting_changes_at_local_midnight(client):
    today = timezone.now().astimezone(KARACHI).date()
    conference = PublishedConferenceFactory(
        start_date=today - datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=1)
    )
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Conference.objects.filter(pk=conference.pk).update(programme_changed_at=yesterday)

    response = client.get(agenda_url(conference))

    # Without `day` it shows today: yesterday's copy must not be served after midnight.
    assert response["Last-Modified"] == http_date(conference.local_midnight(today).timestamp())


def test_conference_home_during_the_meeting_changes_every_minute(client):
    today = timezone.now().astimezone(KARACHI).date()
    conference = PublishedConferenceFactory(
        start_date=today - datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=1)
    )
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Conference.objects.filter(pk=conference.pk).update(programme_changed_at=yesterday)
    before = timezone.now().replace(second=0, microsecond=0)

    response = client.get(reverse("programme:conference", kwargs={"conference": conference.slug}))

    after = timezone.now().replace(second=0, microsecond=0)
    # "Now and next" is current for the minute it was rendered in.
    assert response["Last-Modified"] in {
        http_date(before.timestamp()),
        http_date(after.timestamp()),
    }


def test_delegation_list_second_request_costs_the_conference_and_its_version(
    client, django_assert_num_queries
):
    conference = published_programme(sessions=1)
    listed_participant(conference, consents_to_public_listing=True)
    first = client.get(delegations_url(conference))

    with django_assert_num_queries(3):
        second = client.get(delegations_url(conference))

    assert second.content == first.content


def test_delegation_list_shows_a_new_consent_on_the_next_request(client):
    conference = PublishedConferenceFactory()
    participant = listed_participant(conference, family_name="Mensah")
    client.get(delegations_url(conference))

    participant.consents_to_public_listing = True
    participant.save()
    content = client.get(delegations_url(conference)).content.decode()

    assert "Mensah" in content


def test_delegation_list_drops_a_deleted_participant_on_the_next_request(client):
    conference = PublishedConferenceFactory()
    participant = listed_participant(
        conference, family_name="Mensah", consents_to_public_listing=True
    )
    # Changed later than Mensah: the latest change stays the same, only the count drops.
    listed_participant(conference, family_name="Tanaka", consents_to_public_listing=True)
    client.get(delegations_url(conference))

    participant.delete()
    content = client.get(delegations_url(conference)).content.decode()

    assert "Mensah" not in content


def test_delegation_list_shows_a_newly_accredited_delegation_on_the_next_request(client):
    conference = PublishedConferenceFactory()
    ghana = DelegationFactory(conference=conference, country="GH", status="nominated")
    client.get(delegations_url(conference))

    delegations_accredit(delegations=[ghana])
    content = client.get(delegations_url(conference)).content.decode()

    assert "Ghana" in content


def test_agenda_with_an_unknown_parameter_is_answered_but_not_stored(client):
    conference = published_programme(sessions=1)
    client.get(agenda_url(conference), {"utm_source": "newsletter"})

    response = client.get(agenda_url(conference), {"utm_source": "newsletter"})

    assert response.status_code == 200
    # Rendered again: nothing was stored for that URL.
    assert response.context is not None


def test_agenda_parameters_in_another_order_share_one_copy(client):
    conference = published_programme(sessions=1)
    track = conference.tracks.get()
    client.get(agenda_url(conference), {"day": "all", "track": track.slug})

    response = client.get(f"{agenda_url(conference)}?track={track.slug}&day=all")

    assert response.status_code == 200
    assert response.context is None


def test_agenda_with_a_known_parameter_it_does_not_read_is_answered_but_not_stored(client):
    # `q` is the search page's: on the agenda each `?day=all&q=<anything>` would be one more
    # stored copy of the same page (issue #14: 150 requests stored 150 copies).
    conference = published_programme(sessions=1)
    client.get(agenda_url(conference), {"day": "all", "q": "a"})

    response = client.get(agenda_url(conference), {"day": "all", "q": "a"})

    assert response.status_code == 200
    assert response.context is not None


def test_agenda_stores_no_more_query_strings_than_the_bound(client, monkeypatch):
    monkeypatch.setattr("conference.public.MAX_STORED_VARIANTS", 2)
    conference = published_programme(sessions=1)
    track = conference.tracks.get()
    queries = [{"day": "all"}, {"day": conference.start_date.isoformat()}, {"track": track.slug}]
    for query in queries:
        client.get(agenda_url(conference), query)

    again = [client.get(agenda_url(conference), query) for query in queries]

    assert [response.status_code for response in again] == [200, 200, 200]
    # The first two were stored; the third was answered and rendered again.
    assert [response.context is None for response in again] == [True, True, False]
    assert client.get(agenda_url(conference)).status_code == 200
    assert client.get(agenda_url(conference)).context is None
