import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bilaterals import services
from bilaterals.models import BilateralNotice, BilateralState, DoorSign
from conference.models import Role
from delegations.task_documents import DocumentStatus
from tests.bilaterals.conftest import at, slot_time
from tests.factories import (
    BilateralSlotFactory,
    ConferenceFactory,
    ConferenceRoleFactory,
    DelegationFactory,
    FocalPointFactory,
    RoomFactory,
    StaffMemberFactory,
    StaffUserFactory,
)
from tests.tasks import tasks_run


def accepted_meeting(requester, invitee, slot, topic="Confidential topic"):
    bilateral = services.bilateral_request(
        requester=requester, invitee=invitee, times=[slot_time(slot)], attendees=[], topic=topic
    )
    return services.bilateral_accept(
        bilateral=bilateral, delegation=invitee, time=slot_time(slot), attendees=[]
    )


@pytest.mark.django_db
def test_grid_shows_who_meets_where_without_topics(client, conference, ghana, japan, slot):
    accepted_meeting(ghana, japan, slot)
    client.force_login(StaffMemberFactory(permissions=["bilaterals.view_bilateral"]))

    response = client.get(reverse("bilaterals:grid", kwargs={"conference": conference.slug}))

    assert response.status_code == 200
    assert "Ghana · Japan" in response.text
    assert "Bilateral Room A" in response.text
    assert "Confidential topic" not in response.text


@pytest.mark.django_db
def test_grid_needs_the_permission(client, conference):
    client.force_login(StaffMemberFactory(permissions=[]))

    response = client.get(reverse("bilaterals:grid", kwargs={"conference": conference.slug}))

    assert response.status_code == 403


@pytest.mark.django_db
def test_grid_queries_do_not_grow_with_meetings(
    client, conference, room, django_assert_num_queries
):
    client.force_login(StaffUserFactory())
    url = reverse("bilaterals:grid", kwargs={"conference": conference.slug})

    def meetings(hours):
        for hour in hours:
            slot = BilateralSlotFactory(
                conference=conference, room=room, starts_at=at(conference, hour)
            )
            accepted_meeting(
                DelegationFactory(conference=conference),
                DelegationFactory(conference=conference),
                slot,
            )

    meetings([9])
    with django_assert_num_queries(6):
        client.get(url)
    meetings([11, 12])
    with django_assert_num_queries(6):
        client.get(url)


@pytest.mark.django_db
def test_admin_shows_no_topic_and_moves_a_meeting(client, conference, ghana, japan, slot):
    bilateral = accepted_meeting(ghana, japan, slot)
    other = BilateralSlotFactory(
        conference=conference,
        room=RoomFactory(venue=conference.venue),
        starts_at=at(conference, 14),
    )
    client.force_login(StaffUserFactory())

    change = client.get(reverse("admin:bilaterals_bilateral_change", args=[bilateral.pk]))
    moved = client.post(
        reverse("admin:bilaterals_bilateral_move", args=[bilateral.pk]), {"slot": other.pk}
    )

    assert "Confidential topic" not in change.text
    assert moved.status_code == 302
    bilateral.refresh_from_db()
    assert bilateral.starts_at == other.starts_at


@pytest.mark.django_db
def test_admin_offers_slots_in_bulk_and_reports_bad_input_on_the_field(client, conference, room):
    client.force_login(StaffUserFactory())
    url = reverse("admin:bilaterals_offer_slots")
    data = {
        "conference": conference.pk,
        "rooms": [room.pk],
        "days": "",
        "day_starts": "09:00",
        "day_ends": "11:00",
        "length": 30,
    }

    bad = client.post(
        url, {**data, "days": (conference.end_date + datetime.timedelta(days=3)).isoformat()}
    )
    good = client.post(url, data)

    assert bad.status_code == 200
    assert "days" in bad.context["form"].errors
    assert good.status_code == 302
    assert conference.bilateral_slots.count() == 2 * 4


@pytest.mark.django_db
def test_admin_cancel_action_frees_the_room(client, conference, ghana, japan, slot):
    bilateral = accepted_meeting(ghana, japan, slot)
    client.force_login(StaffUserFactory())

    client.post(
        reverse("admin:bilaterals_bilateral_changelist"),
        {"action": "cancel_selected", "_selected_action": [bilateral.pk]},
    )

    bilateral.refresh_from_db()
    assert bilateral.state == BilateralState.CANCELLED
    assert bilateral.room is None


@pytest.mark.django_db(transaction=True)
def test_notices_arriving_together_go_as_one_digest_in_the_recipients_language(
    mailoutbox, conference, slot
):
    japan = DelegationFactory(conference=conference, country="JP")
    FocalPointFactory(delegation=japan, email="fp@japan.example.org", preferred_language="fr")
    for code in ("GH", "BR", "CL"):
        services.bilateral_request(
            requester=DelegationFactory(conference=conference, country=code),
            invitee=japan,
            times=[slot_time(slot)],
            attendees=[],
            topic="Private",
        )
    # The digest's wait is over.
    DBTaskResult.objects.update(run_after=timezone.now())

    tasks_run()

    [message] = [m for m in mailoutbox if "fp@japan.example.org" in m.to]
    assert "3" in message.subject
    # In French, the focal point's language: country names too.
    assert "Ghana" in message.body
    assert "Brésil" in message.body
    assert "Chili" in message.body
    assert "Private" not in message.body
    assert not BilateralNotice.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_door_sign_is_made_by_a_task(client, conference, ghana, japan, slot):
    accepted_meeting(ghana, japan, slot)
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("bilaterals:door_sign_request", kwargs={"conference": conference.slug}),
        {"room": slot.room.pk, "day": conference.start_date.isoformat(), "language": "en"},
    )
    tasks_run()

    door_sign = DoorSign.objects.get()
    assert response.status_code == 302
    assert door_sign.status == DocumentStatus.DONE
    pdf = client.get(reverse("bilaterals:door_sign_file", kwargs={"pk": door_sign.pk}))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_door_sign_request_with_bad_input_queues_nothing(client, conference, room):
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("bilaterals:door_sign_request", kwargs={"conference": conference.slug}),
        {"room": "9" * 5000, "day": "not a day", "language": "xx"},
    )

    assert response.status_code == 302
    assert not DoorSign.objects.exists()


@pytest.mark.django_db
def test_a_programme_editor_offers_slots_in_their_conference_only(client, conference, room):
    editor = ConferenceRoleFactory(conference=conference, role=Role.PROGRAMME_EDITOR)
    other = ConferenceFactory()
    elsewhere = RoomFactory(venue=other.venue)
    client.force_login(editor.user)
    url = reverse("admin:bilaterals_offer_slots")

    page = client.get(url)
    refused = client.post(
        url,
        {
            "conference": other.pk,
            "rooms": [elsewhere.pk],
            "day_starts": "09:00",
            "day_ends": "11:00",
            "length": 30,
        },
    )

    form = page.context["form"]
    assert list(form.fields["conference"].queryset) == [conference]
    assert list(form.fields["rooms"].queryset) == [room]
    assert set(refused.context["form"].errors) == {"conference", "rooms"}
    assert not other.bilateral_slots.exists()
