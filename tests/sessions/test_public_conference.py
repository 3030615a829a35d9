import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.selectors import sessions_now_and_next
from tests.factories import (
    KARACHI,
    ConferenceFactory,
    HostFactory,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    SessionFactory,
    SessionRoleFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


def home_url(conference):
    return reverse("programme:conference", kwargs={"conference": conference.slug})


def at(hour, minute=0, day=30):
    return datetime.datetime(2023, 8, day, hour, minute, tzinfo=KARACHI)


def test_conference_list_shows_published_conferences_only(client):
    PublishedConferenceFactory(title="Ministerial Preparatory Meeting")
    ConferenceFactory(title="Secret Retreat")

    response = client.get(reverse("programme:conference_list"))

    assert "Ministerial Preparatory Meeting" in response.content.decode()
    assert "Secret Retreat" not in response.content.decode()


def test_conference_list_shows_unpublished_conferences_to_staff(client):
    ConferenceFactory(title="Secret Retreat")
    client.force_login(StaffUserFactory())

    response = client.get(reverse("programme:conference_list"))

    assert "Secret Retreat" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3, 30])
def test_conference_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    PublishedConferenceFactory.create_batch(count)

    with django_assert_num_queries(1):
        response = client.get(reverse("programme:conference_list"))

    assert response.status_code == 200


def test_conference_home_of_unpublished_conference_is_not_found(client):
    conference = ConferenceFactory()

    response = client.get(home_url(conference))

    assert response.status_code == 404


def test_conference_home_of_unpublished_conference_is_previewed_by_staff(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())

    response = client.get(home_url(conference))

    assert response.status_code == 200
    assert "Preview" in response.content.decode()


def test_conference_home_shows_theme_dates_venue_and_hosts_in_order(client):
    conference = PublishedConferenceFactory(
        title="UN Peacekeeping Ministerial Preparatory Meeting",
        theme="Ensuring the Safety and Security of UN Peacekeepers",
        venue__name="CIPS-NUST",
    )
    HostFactory(conference=conference, name="Japan", order=2)
    HostFactory(conference=conference, name="Pakistan", order=1)

    content = client.get(home_url(conference)).content.decode()

    assert "Ensuring the Safety and Security of UN Peacekeepers" in content
    assert "30–31 August 2023" in content
    assert "CIPS-NUST" in content
    assert "Pakistan, Japan" in content


def test_conference_home_is_cacheable_and_sets_no_cookie_for_the_public(client):
    conference = PublishedConferenceFactory()

    response = client.get(home_url(conference))

    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    assert not response.cookies


def test_conference_home_preview_is_never_stored(client):
    conference = PublishedConferenceFactory()
    client.force_login(StaffUserFactory())

    response = client.get(home_url(conference))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_conference_home_shows_now_and_next_while_the_meeting_runs(client):
    now = timezone.now()
    today = now.astimezone(KARACHI).date()
    conference = PublishedConferenceFactory(
        start_date=today - datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=1)
    )
    PublishedSessionFactory(
        conference=conference,
        title="Running panel",
        starts_at=now - datetime.timedelta(minutes=30),
        ends_at=now + datetime.timedelta(minutes=30),
    )
    PublishedSessionFactory(
        conference=conference,
        title="Following briefing",
        starts_at=now + datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
    )

    response = client.get(home_url(conference))

    assert [session.title for session in response.context["running"]] == ["Running panel"]
    assert [session.title for session in response.context["upcoming"]] == ["Following briefing"]


def test_now_and_next_lists_running_and_all_next_parallel_sessions():
    conference = PublishedConferenceFactory()
    running = PublishedSessionFactory(conference=conference, starts_at=at(9), ends_at=at(10))
    next_one = PublishedSessionFactory(conference=conference, starts_at=at(10), ends_at=at(11))
    parallel = PublishedSessionFactory(conference=conference, starts_at=at(10), ends_at=at(12))
    PublishedSessionFactory(conference=conference, starts_at=at(11), ends_at=at(12, 30))

    now, upcoming = sessions_now_and_next(conference=conference, now=at(9, 30), preview=False)

    assert now == [running]
    assert set(upcoming) == {next_one, parallel}


def test_now_and_next_is_empty_before_the_meeting():
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, starts_at=at(9), ends_at=at(10))

    result = sessions_now_and_next(conference=conference, now=at(9, day=29), preview=False)

    assert result == ([], [])


def test_now_and_next_leaves_out_unpublished_sessions():
    conference = PublishedConferenceFactory()
    SessionFactory(conference=conference, starts_at=at(9), ends_at=at(10))

    now, upcoming = sessions_now_and_next(conference=conference, now=at(8), preview=False)

    assert (now, upcoming) == ([], [])


@pytest.mark.parametrize("count", [1, 3, 30])
def test_conference_home_query_count_does_not_grow_with_hosts(
    client, django_assert_num_queries, count
):
    conference = PublishedConferenceFactory()
    HostFactory.create_batch(count, conference=conference)

    with django_assert_num_queries(2):
        response = client.get(home_url(conference))

    assert response.status_code == 200


def running_conference_with(sessions: int):
    """A published conference running today, with `sessions` parallel sessions running now and
    as many starting next, each with one panellist."""
    now = timezone.now()
    today = now.astimezone(KARACHI).date()
    conference = PublishedConferenceFactory(
        start_date=today - datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=1)
    )
    for starts_in, ends_in in ((-30, 30), (60, 120)):
        for _ in range(sessions):
            session = PublishedSessionFactory(
                conference=conference,
                starts_at=now + datetime.timedelta(minutes=starts_in),
                ends_at=now + datetime.timedelta(minutes=ends_in),
            )
            SessionRoleFactory(session=session, speaker__family_name=f"Speaker of {session.pk}")
    return conference


def test_conference_home_now_and_next_cards_show_their_speakers(client):
    conference = running_conference_with(sessions=1)
    running, upcoming = conference.sessions.order_by("starts_at")

    content = client.get(home_url(conference)).content.decode()

    assert f"Speaker of {running.pk}" in content
    assert f"Speaker of {upcoming.pk}" in content


@pytest.mark.parametrize("count", [1, 3, 30])
def test_conference_home_while_running_query_count_does_not_grow(
    client, django_assert_num_queries, count
):
    conference = running_conference_with(sessions=count)

    # The conference, the sessions running and next, their speakers, and the hosts.
    with django_assert_num_queries(4):
        response = client.get(home_url(conference))

    assert len(response.context["running"]) == len(response.context["upcoming"]) == count
