import pytest
from django.urls import reverse

from conference.models import Role
from floor.models import ListChange, RoomLayout, SeatingPlan, SpeakersList
from floor.speakers import inscription_add
from tests.factories import (
    ConferenceFactory,
    ConferenceRoleFactory,
    RoomFactory,
    SessionFactory,
)
from tests.floor.helpers import delegation_with_head, plenary

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [SpeakersList, ListChange, RoomLayout, SeatingPlan])
def test_floor_changelists_render(admin_client, model):
    session = plenary()
    delegation, head = delegation_with_head(session.conference, country="GH")
    inscription_add(session=session, delegation=delegation, speaker=head, language="en")
    room = RoomFactory(venue=session.conference.venue)
    RoomLayout.objects.create(room=room, rows=3, seats_per_row=4)
    SeatingPlan.objects.create(conference=session.conference, room=room)

    response = admin_client.get(reverse(f"admin:floor_{model._meta.model_name}_changelist"))

    assert response.status_code == 200


def test_room_layout_form_gives_field_errors(admin_client):
    room = RoomFactory()

    response = admin_client.post(
        reverse("admin:floor_roomlayout_add"), {"room": room.pk, "rows": 0, "seats_per_row": 10}
    )

    assert response.status_code == 200
    assert "between 1 and 100" in response.text
    assert not RoomLayout.objects.exists()


def test_open_a_list_of_speakers_from_the_sessions_admin(admin_client):
    panel = SessionFactory()

    admin_client.post(
        reverse("admin:programme_session_changelist"),
        {"action": "open_speakers_lists", "_selected_action": [panel.pk]},
    )

    assert SpeakersList.objects.filter(session=panel).exists()


def test_a_programme_editor_plans_seating_in_their_conference_only(client):
    editor = ConferenceRoleFactory(role=Role.PROGRAMME_EDITOR)
    conference = editor.conference
    other = ConferenceFactory()
    hall = RoomFactory(venue=conference.venue)
    elsewhere = RoomFactory(venue=other.venue)
    client.force_login(editor.user)
    add = reverse("admin:floor_seatingplan_add")
    no_reserved_seats = {"reserved_seats-TOTAL_FORMS": 0, "reserved_seats-INITIAL_FORMS": 0}

    refused = client.post(
        add,
        {"conference": other.pk, "room": elsewhere.pk, "seats_per_delegation": 3}
        | no_reserved_seats,
    )
    planned = client.post(
        add,
        {"conference": conference.pk, "room": hall.pk, "seats_per_delegation": 3}
        | no_reserved_seats,
    )

    assert set(refused.context["adminform"].form.errors) == {"conference", "room"}
    assert planned.status_code == 302
    assert SeatingPlan.objects.get().room == hall


def test_a_list_of_speakers_form_links_to_its_page_where_speakers_are_changed(admin_client):
    session = plenary()
    speakers_list = SpeakersList.objects.create(session=session)

    response = admin_client.get(reverse("admin:floor_speakerslist_change", args=[speakers_list.pk]))

    page = reverse(
        "floor:manage", kwargs={"conference": session.conference.slug, "session": session.pk}
    )
    assert f'<a href="{page}">Manage the list</a>' in response.text
