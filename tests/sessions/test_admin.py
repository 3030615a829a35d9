import datetime

import pytest
from django.urls import reverse

from sessions.models import Session, Speaker
from tests.factories import (
    KARACHI,
    ConferenceFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
)

ADD = reverse("admin:programme_session_add")
UTC = datetime.UTC


def session_data(conference, **overrides) -> dict:
    """The admin's add form for a panel on 30 August 2023, from 09:00 to 10:00 as typed."""
    return {
        "conference": conference.pk,
        "kind": "panel",
        "title": "Medical capabilities of missions",
        "starts_at_0": "2023-08-30",
        "starts_at_1": "09:00",
        "ends_at_0": "2023-08-30",
        "ends_at_1": "10:00",
        "language": "en",
        "roles-TOTAL_FORMS": 0,
        "roles-INITIAL_FORMS": 0,
        **overrides,
    }


@pytest.mark.django_db
def test_session_add_reads_times_in_the_conference_zone(admin_client):
    conference = ConferenceFactory(time_zone="Asia/Karachi")

    response = admin_client.post(ADD, session_data(conference))

    assert response.status_code == 302
    assert Session.objects.get().starts_at == datetime.datetime(2023, 8, 30, 4, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_session_add_page_names_the_zone_of_the_conference_in_the_query(admin_client):
    conference = ConferenceFactory(time_zone="Asia/Karachi")

    response = admin_client.get(f"{ADD}?conference={conference.pk}")

    assert "Times on this page are in the Asia/Karachi time zone." in response.text


@pytest.mark.django_db
def test_session_change_page_shows_times_in_the_conference_zone(admin_client):
    session = SessionFactory(starts_at=datetime.datetime(2023, 8, 30, 9, 0, tzinfo=KARACHI))

    response = admin_client.get(reverse("admin:programme_session_change", args=[session.pk]))

    assert 'name="starts_at_1" value="09:00:00"' in response.text
    assert "Times on this page are in the Asia/Karachi time zone." in response.text


@pytest.mark.django_db
def test_session_add_with_double_booked_room_shows_form_error(admin_client):
    room = RoomFactory()
    booked = SessionFactory(
        room=room,
        starts_at=datetime.datetime(2023, 8, 30, 9, 30, tzinfo=KARACHI),
        ends_at=datetime.datetime(2023, 8, 30, 10, 30, tzinfo=KARACHI),
    )

    response = admin_client.post(ADD, session_data(booked.conference, room=room.pk))

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "The room is already booked at that time."
    ]
    assert Session.objects.count() == 1


@pytest.mark.django_db
def test_session_add_ending_before_it_starts_shows_form_error(admin_client):
    conference = ConferenceFactory()

    response = admin_client.post(ADD, session_data(conference, ends_at_1="08:00"))

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "A session must end after it starts."
    ]
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_session_add_outside_conference_dates_shows_form_error(admin_client):
    conference = ConferenceFactory()

    response = admin_client.post(
        ADD, session_data(conference, starts_at_0="2023-09-01", ends_at_0="2023-09-01")
    )

    assert response.status_code == 200
    assert "starts_at" in response.context["adminform"].form.errors
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_session_changelist_shows_local_times_with_zone(admin_client):
    SessionFactory(
        starts_at=datetime.datetime(2023, 8, 30, 9, 0, tzinfo=KARACHI),
        ends_at=datetime.datetime(2023, 8, 30, 10, 0, tzinfo=KARACHI),
    )

    response = admin_client.get(reverse("admin:programme_session_changelist"))

    assert "30 Aug 2023 09:00-10:00 (Asia/Karachi)" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_session_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows
):
    conference = ConferenceFactory()
    for _ in range(rows):
        SessionRoleFactory(session__conference=conference, session__room=RoomFactory())

    with django_assert_num_queries(12):
        response = admin_client.get(reverse("admin:programme_session_changelist"))

    assert len(response.context["cl"].result_list) == rows


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_speaker_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows
):
    conference = ConferenceFactory()
    for speaker in SpeakerFactory.create_batch(rows, conference=conference):
        SessionRoleFactory(speaker=speaker, session__conference=conference)

    with django_assert_num_queries(7):
        response = admin_client.get(reverse("admin:programme_speaker_changelist"))

    assert len(response.context["cl"].result_list) == rows


@pytest.mark.django_db
def test_speaker_add_refuses_a_name_in_another_script_with_a_field_error(admin_client):
    conference = ConferenceFactory()

    response = admin_client.post(
        reverse("admin:programme_speaker_add"),
        {
            "conference": conference.pk,
            "given_name": "Jing",
            "family_name": "陈",
            "name_order": "family_first",
        },
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["family_name"]


@pytest.mark.django_db
def test_speaker_add_takes_the_name_order_and_the_own_script(admin_client):
    conference = ConferenceFactory()

    response = admin_client.post(
        reverse("admin:programme_speaker_add"),
        {
            "conference": conference.pk,
            "given_name": "Jing",
            "family_name": "Chen",
            "name_order": "family_first",
            "own_script_name": "陈静",
        },
    )

    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert (speaker.full_name, speaker.own_script_name) == ("CHEN Jing", "陈静")
