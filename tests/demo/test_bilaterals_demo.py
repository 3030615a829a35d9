from collections import Counter

import pytest

from bilaterals.models import Bilateral, BilateralNotice, BilateralSlot

pytestmark = pytest.mark.django_db


def test_demo_has_sixty_bilaterals_in_mixed_states_over_two_days_and_three_rooms(demo):
    bilaterals = Bilateral.objects.filter(conference=demo)
    states = Counter(bilaterals.values_list("state", flat=True))

    assert bilaterals.count() == 60
    assert set(states) == {"requested", "counter_proposed", "accepted", "declined", "cancelled"}
    slots = BilateralSlot.objects.filter(conference=demo)
    assert slots.values("room").distinct().count() == 3
    days = {slot.starts_at.astimezone(demo.tzinfo).date() for slot in slots}
    assert days == set(demo.days)
    assert not BilateralNotice.objects.filter(sent_at__isnull=True).exists()
