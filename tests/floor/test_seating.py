import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from delegations.models import DelegationKind, DelegationStatus
from floor.models import ReservedFor, ReservedSeat, RoomLayout, Seat, SeatingOrder, SeatingPlan
from floor.seating import draw_first_country, free_places, seating_custom, seating_draw
from tests.factories import (
    ConferenceFactory,
    DelegationFactory,
    OrganisationDelegationFactory,
    RoomFactory,
    StaffUserFactory,
)

COUNTRIES = [
    "BR",
    "FR",
    "GH",
    "JP",
    "PK",
    "NP",
]  # English order: Brazil, France, Ghana, Japan, Nepal, Pakistan


def plan_with_delegations(*, rows=12, seats_per_row=5, depth=3) -> SeatingPlan:
    conference = ConferenceFactory()
    room = RoomFactory(venue=conference.venue)
    RoomLayout.objects.create(room=room, rows=rows, seats_per_row=seats_per_row)
    for country in COUNTRIES:
        DelegationFactory(conference=conference, country=country)
    DelegationFactory(conference=conference, country="VA", kind=DelegationKind.OBSERVER_STATE)
    OrganisationDelegationFactory(
        conference=conference, organisation_name="African Union", kind=DelegationKind.IGO
    )
    OrganisationDelegationFactory(conference=conference, organisation_name="DPO")
    DelegationFactory(conference=conference, country="CA", status=DelegationStatus.DECLINED)
    return SeatingPlan.objects.create(conference=conference, room=room, seats_per_delegation=depth)


def seated(plan) -> list[str]:
    return [
        seat.delegation.country.code or seat.delegation.organisation_name
        for seat in plan.seats.select_related("delegation").order_by("order")
    ]


@pytest.mark.django_db
def test_draw_seats_member_states_alphabetically_from_the_country_drawn_then_the_others():
    plan = plan_with_delegations()

    plan = seating_draw(plan=plan, by=StaffUserFactory(), seed="2023-islamabad")

    first = plan.first_country.code
    members = ["BR", "FR", "GH", "JP", "NP", "PK"]
    start = members.index(first)
    assert seated(plan) == [*members[start:], *members[:start], "VA", "DPO", "African Union"]
    assert plan.seed == "2023-islamabad"
    assert plan.drawn_at is not None


@pytest.mark.django_db
def test_the_same_seed_draws_the_same_country():
    plan = plan_with_delegations()
    drawn = {seating_draw(plan=plan, by=None, seed="abc123").first_country.code for _ in range(3)}

    assert len(drawn) == 1
    assert (
        draw_first_country(seed="abc123", countries=["BR", "FR", "GH", "JP", "NP", "PK"]) in drawn
    )


@pytest.mark.django_db
def test_different_seeds_draw_different_countries():
    countries = ["BR", "FR", "GH", "JP", "NP", "PK"]

    drawn = {draw_first_country(seed=str(seed), countries=countries) for seed in range(50)}

    assert drawn == set(countries)


@pytest.mark.django_db
def test_a_random_draw_records_a_seed_that_repeats_it():
    plan = plan_with_delegations()
    plan = seating_draw(plan=plan, by=None)
    first, seed = plan.first_country.code, plan.seed

    again = seating_draw(plan=plan, by=None, seed=seed)

    assert len(seed) == 16
    assert again.first_country.code == first


@pytest.mark.django_db
def test_each_delegation_sits_in_a_column_its_head_in_front():
    plan = plan_with_delegations(rows=9, seats_per_row=4, depth=3)

    seating_draw(plan=plan, by=None, seed="x")

    places = [(seat.row, seat.seat) for seat in plan.seats.order_by("order")]
    assert places == [(1, 1), (1, 2), (1, 3), (1, 4), (4, 1), (4, 2), (4, 3), (4, 4), (7, 1)]


@pytest.mark.django_db
def test_a_room_too_small_is_refused_and_keeps_its_seats():
    plan = plan_with_delegations(rows=6, seats_per_row=4, depth=3)  # seats 8 delegations of 9
    assert len(free_places(layout=plan.room.layout, seats_per_delegation=3, reserved=set())) == 8

    with pytest.raises(ValidationError, match="seats 8 delegations"):
        seating_draw(plan=plan, by=None, seed="x")

    assert not Seat.objects.exists()


@pytest.mark.django_db
def test_a_room_without_layout_is_refused():
    plan = plan_with_delegations()
    RoomLayout.objects.all().delete()

    with pytest.raises(ValidationError) as refusal:
        seating_draw(plan=plan, by=None, seed="x")

    assert "room" in refusal.value.error_dict


@pytest.mark.django_db
def test_custom_order_seats_by_the_names_given_and_names_the_unknown():
    plan = plan_with_delegations()

    seating_custom(plan=plan, custom_order="Pakistan\nJapan\n\nAfrican Union")
    assert seated(plan) == ["PK", "JP", "African Union"]
    assert plan.order == SeatingOrder.CUSTOM

    with pytest.raises(ValidationError) as refusal:
        seating_custom(plan=plan, custom_order="Pakistan\nAtlantis")
    assert "Atlantis" in str(refusal.value.error_dict["custom_order"])
    assert seated(plan) == ["PK", "JP", "African Union"]


@pytest.mark.django_db
def test_database_refuses_two_delegations_on_one_seat():
    plan = plan_with_delegations()
    seating_draw(plan=plan, by=None, seed="x")
    first, second = plan.seats.order_by("order")[:2]

    with pytest.raises(IntegrityError), transaction.atomic():
        Seat.objects.filter(pk=second.pk).update(row=first.row, seat=first.seat)


@pytest.mark.django_db
def test_database_refuses_a_draw_without_its_seed():
    plan = plan_with_delegations()
    seating_draw(plan=plan, by=None, seed="x")

    with pytest.raises(IntegrityError), transaction.atomic():
        SeatingPlan.objects.filter(pk=plan.pk).update(seed="")


@pytest.mark.django_db
def test_database_refuses_an_empty_layout():
    room = RoomFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        RoomLayout.objects.create(room=room, rows=0, seats_per_row=10)


def reserve(plan, reserved_for=ReservedFor.DELEGATION, country=None, **fields):
    delegation = plan.conference.delegations.get(country=country) if country else None
    return ReservedSeat.objects.create(
        plan=plan, reserved_for=reserved_for, delegation=delegation, **fields
    )


@pytest.mark.django_db
def test_delegation_at_the_head_table_is_left_out_of_the_draw_and_the_order():
    plan = plan_with_delegations()
    reserve(plan, country="PK", order=2)
    reserve(plan, ReservedFor.CHAIR, order=1)

    plan = seating_draw(plan=plan, by=None, seed="2023-islamabad")

    assert "PK" not in seated(plan)
    assert plan.first_country.code != "PK"
    assert len(seated(plan)) == 8


@pytest.mark.django_db
def test_delegations_are_seated_around_seats_reserved_on_the_floor():
    plan = plan_with_delegations(rows=9, seats_per_row=4, depth=3)
    reserve(plan, ReservedFor.SECRETARIAT, at_head_table=False, band=1, seat=2)
    reserve(plan, country="PK", at_head_table=False, band=1, seat=3)

    seating_draw(plan=plan, by=None, seed="x")

    places = [(seat.row, seat.seat) for seat in plan.seats.order_by("order")]
    assert places == [(1, 1), (1, 4), (4, 1), (4, 2), (4, 3), (4, 4), (7, 1), (7, 2)]


@pytest.mark.django_db
def test_custom_order_leaves_out_a_delegation_with_a_reserved_seat():
    plan = plan_with_delegations()
    reserve(plan, country="PK")

    seating_custom(plan=plan, custom_order="Pakistan\nGhana")

    assert seated(plan) == ["GH"]


@pytest.mark.django_db
def test_reserved_seats_count_against_the_room_and_must_fit_in_it():
    plan = plan_with_delegations(rows=6, seats_per_row=5, depth=3)  # 10 places for 9
    reserve(plan, ReservedFor.SECRETARIAT, at_head_table=False, band=1, seat=1)
    seating_draw(plan=plan, by=None, seed="x")  # 9 places left: just enough
    reserve(plan, ReservedFor.CHAIR, at_head_table=False, band=2, seat=5)

    with pytest.raises(ValidationError, match="seats 8 delegations"):
        seating_draw(plan=plan, by=None, seed="x")
    reserve(plan, ReservedFor.CHAIR, at_head_table=False, band=3, seat=1)
    with pytest.raises(ValidationError, match="outside the room"):
        seating_draw(plan=plan, by=None, seed="x")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"reserved_for": ReservedFor.DELEGATION},  # no delegation named
        {"reserved_for": ReservedFor.CHAIR, "at_head_table": False},  # nowhere on the floor
        {"reserved_for": ReservedFor.CHAIR, "band": 1, "seat": 1},  # both
    ],
)
def test_database_refuses_a_reserved_seat_that_says_not_where_or_for_whom(fields):
    plan = plan_with_delegations()

    with pytest.raises(IntegrityError), transaction.atomic():
        ReservedSeat.objects.create(plan=plan, **fields)


@pytest.mark.django_db
def test_reserved_seat_for_a_delegation_of_another_meeting_is_refused():
    plan = plan_with_delegations()
    stranger = DelegationFactory(country="GH")
    seat = ReservedSeat(plan=plan, reserved_for=ReservedFor.DELEGATION, delegation=stranger)

    with pytest.raises(ValidationError) as refused:
        seat.full_clean()

    assert "delegation" in refused.value.error_dict
