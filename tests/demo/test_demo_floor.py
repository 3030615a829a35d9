"""The demo's floor: a swap agreed between focal points, one awaiting an answer, and the head
table of the Main Auditorium."""

import pytest

from floor.models import ListChange, ListChangeKind, SwapRequest, SwapStatus

pytestmark = pytest.mark.django_db


def test_demo_list_shows_an_agreed_swap_and_a_request_awaiting_an_answer(demo):
    requests = SwapRequest.objects.filter(
        proposer__speakers_list__session__conference=demo
    ).order_by("pk")

    assert [swap.status for swap in requests] == [SwapStatus.ACCEPTED, SwapStatus.PENDING]
    assert (
        ListChange.objects.filter(kind=ListChangeKind.SWAPPED, swap_request=requests[0]).count()
        == 2
    )


def test_demo_main_auditorium_has_a_head_table_and_seats_nobody_twice(demo):
    plan = demo.seating_plans.get()
    head_table = [place.label() for place in plan.reserved_seats.filter(at_head_table=True)]

    assert head_table == ["Chair", "Pakistan", "Secretariat"]
    assert not plan.seats.filter(delegation__country="PK").exists()
    assert plan.seats.exists()
