import json

import pytest
from django.urls import reverse
from django.utils import timezone

from floor.models import (
    FloorDocument,
    Inscription,
    ListChange,
    ReservedFor,
    ReservedSeat,
    RoomLayout,
    SeatingPlan,
    SpeakersList,
)
from floor.speakers import inscription_add, speaker_call_next
from floor.swaps import swap_accept, swap_request
from tests.factories import (
    ConferenceFactory,
    DelegationFactory,
    ParticipantFactory,
    RoomFactory,
    StaffMemberFactory,
    StaffUserFactory,
)
from tests.floor.helpers import delegation_with_head, plenary

pytestmark = pytest.mark.django_db


def list_url(name, session, **kwargs):
    return reverse(
        f"floor:{name}",
        kwargs={"conference": session.conference.slug, "session": session.pk, **kwargs},
    )


def inscribed(session, countries):
    for country in countries:
        delegation, head = delegation_with_head(session.conference, country=country)
        inscription_add(session=session, delegation=delegation, speaker=head, language="en")


def test_staff_pages_ask_visitors_to_log_in_and_refuse_staff_without_permission(client):
    session = plenary()

    assert client.get(list_url("manage", session)).status_code == 302
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))
    assert client.get(list_url("manage", session)).status_code == 403
    assert client.get(list_url("state", session)).status_code == 403


def test_viewer_cannot_change_the_list(client):
    session = plenary()
    inscribed(session, ["GH"])
    client.force_login(StaffMemberFactory(permissions=["floor.view_speakerslist"]))

    assert client.get(list_url("manage", session)).status_code == 200
    for action in ["move", "speaker"]:
        response = client.post(list_url(action, session, pk=Inscription.objects.get().pk), {})
        assert response.status_code == 403


def swapped_by_agreement(session, asker: str, asked: str):
    """`asker` asked `asked` to exchange places, and was accepted."""
    proposer, partner = (
        Inscription.objects.get(speakers_list__session=session, delegation__country=country)
        for country in (asker, asked)
    )
    swap = swap_request(
        proposer=proposer, partner=partner, delegation=proposer.delegation, reason="Flight"
    )
    swap_accept(swap=swap, delegation=partner.delegation)


@pytest.mark.parametrize("count", [1, 3])
def test_manage_page_query_count_is_constant(client, django_assert_num_queries, count):
    session = plenary()
    inscribed(session, ["GH", "JP", "PK", "BR", "FR", "NP"][: 2 * count])
    for pair in [("GH", "JP"), ("PK", "BR"), ("FR", "NP")][:count]:
        swapped_by_agreement(session, *pair)
    client.force_login(StaffUserFactory())

    with django_assert_num_queries(13):
        response = client.get(list_url("manage", session))

    assert response.status_code == 200


def test_manage_page_shows_the_requests_to_exchange_places_and_the_agreed_swap(client):
    session = plenary()
    inscribed(session, ["GH", "JP"])
    swapped_by_agreement(session, "GH", "JP")
    client.force_login(StaffUserFactory())

    response = client.get(list_url("manage", session))

    assert "<bdi>Ghana</bdi> asked <bdi>Japan</bdi>" in response.text
    assert "agreed by both focal points, at the request of <bdi>Ghana</bdi>" in response.text


def test_organiser_inscribes_a_group_statement_and_its_head_speaks(client):
    session = plenary()
    inscribed(session, ["GH"])
    egypt, head = delegation_with_head(session.conference, country="EG")
    client.force_login(StaffUserFactory())

    response = client.post(
        list_url("inscribe", session),
        {"delegation": egypt.pk, "language": "ar", "on_behalf_of": "African Group"},
    )

    assert response.status_code == 302
    first = SpeakersList.objects.get().inscriptions.order_by("position").first()
    assert (first.delegation, first.speaker, first.on_behalf_of) == (egypt, head, "African Group")


def test_organiser_inscribing_a_delegation_twice_gets_the_error_on_the_field(client):
    session = plenary()
    inscribed(session, ["GH"])
    client.force_login(StaffUserFactory())

    response = client.post(
        list_url("inscribe", session),
        {"delegation": Inscription.objects.get().delegation_id, "language": "en"},
    )

    assert response.status_code == 400
    assert "already on the list" in str(response.context["inscribe_form"].errors["delegation"])


def test_move_without_reason_is_refused_on_its_field(client):
    session = plenary()
    inscribed(session, ["GH", "JP"])
    japan = Inscription.objects.get(delegation__country="JP")
    client.force_login(StaffUserFactory())

    response = client.post(
        list_url("move", session, pk=japan.pk),
        {f"move-{japan.pk}-to": "1", f"move-{japan.pk}-reason": ""},
    )

    assert response.status_code == 400
    assert not ListChange.objects.filter(kind="moved").exists()
    assert f"move-{japan.pk}-reason" in response.text


def test_move_with_reason_is_logged_and_shown(client):
    session = plenary()
    inscribed(session, ["GH", "JP"])
    japan = Inscription.objects.get(delegation__country="JP")
    client.force_login(StaffUserFactory())

    client.post(
        list_url("move", session, pk=japan.pk),
        {f"move-{japan.pk}-to": "1", f"move-{japan.pk}-reason": "The Minister leaves at noon"},
    )

    page = client.get(list_url("manage", session))
    assert "The Minister leaves at noon" in page.text
    assert Inscription.objects.order_by("position").first() == japan


def test_organiser_changes_the_speaker_after_the_list_closed_and_the_place_is_kept(client):
    session = plenary()
    inscribed(session, ["GH", "JP"])
    session.speakers_list.closes_at = timezone.now()
    session.speakers_list.save()
    japan = Inscription.objects.get(delegation__country="JP")
    head = japan.speaker
    ambassador = ParticipantFactory(delegation=japan.delegation, family_name="Ambassador")
    client.force_login(StaffUserFactory())

    form = client.get(list_url("manage", session)).context["rows"][1]["speaker_form"]
    response = client.post(
        list_url("speaker", session, pk=japan.pk), {f"speaker-{japan.pk}-speaker": ambassador.pk}
    )

    assert [name for _pk, name in form.fields["speaker"].choices] == [
        head.display_name,
        ambassador.display_name,
    ]
    assert response.status_code == 302
    japan.refresh_from_db()
    assert (japan.speaker, japan.position) == (ambassador, 2)
    change = ListChange.objects.get(kind="speaker")
    assert change.reason == f"{head.display_name} → {ambassador.display_name}"


def test_organiser_cannot_name_a_member_of_another_delegation_to_speak(client):
    session = plenary()
    inscribed(session, ["GH", "JP"])
    ghana, japan = Inscription.objects.order_by("delegation__country")
    client.force_login(StaffUserFactory())

    response = client.post(
        list_url("speaker", session, pk=japan.pk),
        {f"speaker-{japan.pk}-speaker": ghana.speaker_id},
    )

    assert response.status_code == 400
    assert response.context["rows"][1]["speaker_form"].errors["speaker"]
    japan.refresh_from_db()
    assert japan.speaker.delegation == japan.delegation
    assert not ListChange.objects.filter(kind="speaker").exists()


def test_state_gives_who_has_the_floor_who_follows_and_who_has_spoken(client):
    session = plenary()
    inscribed(session, ["GH", "JP", "PK"])
    speaker_call_next(speakers_list=session.speakers_list)
    speaker_call_next(speakers_list=session.speakers_list)
    client.force_login(StaffUserFactory())

    state = json.loads(client.get(list_url("state", session)).content)

    assert state["current"]["delegation"] == "Japan"
    assert [row["delegation"] for row in state["waiting"]] == ["Pakistan"]
    assert [row["delegation"] for row in state["delivered"]] == ["Ghana"]
    assert state["time_limit"] == 180


def test_chair_gives_the_floor_to_the_next_speaker(client):
    session = plenary()
    inscribed(session, ["GH"])
    client.force_login(StaffUserFactory())

    client.post(list_url("call_next", session), {"action": "next"})

    assert Inscription.objects.get().status == "speaking"


def test_asking_for_the_list_as_pdf_queues_a_document(client, django_capture_on_commit_callbacks):
    session = plenary()
    inscribed(session, ["GH"])
    client.force_login(StaffUserFactory())

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            list_url("speakers_document", session), {"language": "fr", "kind": "delivered"}
        )

    document = FloorDocument.objects.get()
    assert response.url == reverse("floor:document", kwargs={"pk": document.pk})
    assert (document.kind, document.language) == ("delivered", "fr")
    assert len(callbacks) == 1


def seating_plan():
    conference = ConferenceFactory()
    room = RoomFactory(venue=conference.venue, name="Main Auditorium")
    RoomLayout.objects.create(room=room, rows=6, seats_per_row=5)
    for country in ["GH", "JP", "PK", "BR"]:
        DelegationFactory(conference=conference, country=country)
    return SeatingPlan.objects.create(conference=conference, room=room, seats_per_delegation=2)


def test_organiser_draws_by_lot_and_the_page_shows_the_seed(client):
    plan = seating_plan()
    client.force_login(StaffUserFactory())
    kwargs = {"conference": plan.conference.slug, "pk": plan.pk}

    client.post(reverse("floor:seating_draw", kwargs=kwargs), {"seed": "un-2023"})

    page = client.get(reverse("floor:seating", kwargs=kwargs))
    plan.refresh_from_db()
    assert "un-2023" in page.text
    assert plan.first_country.name in page.text
    svg = client.get(reverse("floor:seating_svg", kwargs=kwargs))
    assert svg["Content-Type"] == "image/svg+xml"
    assert 'width="420mm" height="297mm"' in svg.content.decode()
    assert "Pakistan" in svg.content.decode()


def test_custom_order_naming_an_unknown_delegation_is_refused_on_the_field(client):
    plan = seating_plan()
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("floor:seating_custom", kwargs={"conference": plan.conference.slug, "pk": plan.pk}),
        {"custom_order": "Ghana\nAtlantis"},
    )

    assert response.status_code == 400
    assert "Atlantis" in str(response.context["custom_form"].errors["custom_order"])


def test_floor_plan_and_seating_page_show_the_head_table_and_the_seats_reserved_on_the_floor(
    client,
):
    plan = seating_plan()
    ReservedSeat.objects.create(plan=plan, reserved_for=ReservedFor.CHAIR, order=1)
    ReservedSeat.objects.create(
        plan=plan,
        reserved_for=ReservedFor.DELEGATION,
        delegation=plan.conference.delegations.get(country="PK"),
        order=2,
    )
    ReservedSeat.objects.create(
        plan=plan, reserved_for=ReservedFor.SECRETARIAT, at_head_table=False, band=1, seat=1
    )
    client.force_login(StaffUserFactory())
    kwargs = {"conference": plan.conference.slug, "pk": plan.pk}
    client.post(reverse("floor:seating_draw", kwargs=kwargs), {"seed": "un-2023"})

    page = client.get(reverse("floor:seating", kwargs=kwargs)).text
    svg = client.get(reverse("floor:seating_svg", kwargs=kwargs)).content.decode()

    assert "head table, place 2 from the left" in page
    assert "row of delegations 1, seat 1" in page
    assert svg.count('class="head-table-place"') == 2
    assert ">Chair</text>" in svg
    assert ">Pakistan</text>" in svg
    assert svg.count('class="reserved"') == 1
    assert ">Secretariat</text>" in svg
    assert not plan.seats.filter(delegation__country="PK").exists()
    assert not plan.seats.filter(row=1, seat=1).exists()
