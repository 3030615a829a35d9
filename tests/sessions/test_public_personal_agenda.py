import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    KARACHI,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    SessionFactory,
    SessionRoleFactory,
)

pytestmark = pytest.mark.django_db


def karachi(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2023, 8, day, hour, tzinfo=KARACHI)


def personal_agenda(client, conference, ids):
    return client.get(
        reverse("programme:personal_agenda", kwargs={"conference": conference.slug}),
        {"session": ids},
    )


def test_personal_agenda_lists_the_chosen_sessions_in_time_order(client):
    conference = PublishedConferenceFactory()
    first, _skipped, second = (
        PublishedSessionFactory(conference=conference, starts_at=karachi(30, hour))
        for hour in (9, 10, 11)
    )

    response = personal_agenda(client, conference, [second.pk, first.pk])

    assert response.context["sessions"] == [first, second]


def test_personal_agenda_links_to_the_calendar_with_the_session_ids(client):
    conference = PublishedConferenceFactory()
    first, second = (
        PublishedSessionFactory(conference=conference, starts_at=karachi(30, hour))
        for hour in (9, 10)
    )

    response = personal_agenda(client, conference, [first.pk, second.pk])

    expected = f"/{conference.slug}/calendar.ics?session={first.pk}&amp;session={second.pk}"
    assert expected in response.content.decode()


def test_personal_agenda_leaves_out_unpublished_and_foreign_sessions(client):
    conference = PublishedConferenceFactory()
    draft = SessionFactory(conference=conference)
    foreign = PublishedSessionFactory()

    response = personal_agenda(client, conference, [draft.pk, foreign.pk])

    assert response.status_code == 200
    assert response.context["sessions"] == []


def test_personal_agenda_with_a_malformed_id_says_so(client):
    conference = PublishedConferenceFactory()

    response = personal_agenda(client, conference, ["1", "drop table"])

    assert response.status_code == 400
    assert "is not a session number" in response.content.decode()


def test_personal_agenda_refuses_an_unreasonably_long_list(client):
    conference = PublishedConferenceFactory()

    response = personal_agenda(client, conference, [str(number) for number in range(1, 300)])

    assert response.status_code == 400
    assert "at most 200 sessions" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3, 30])
def test_personal_agenda_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    sessions = PublishedSessionFactory.create_batch(count, conference=conference)
    for session in sessions:
        SessionRoleFactory(session=session)

    with django_assert_num_queries(3):
        response = personal_agenda(client, conference, [session.pk for session in sessions])

    assert len(response.context["sessions"]) == count
