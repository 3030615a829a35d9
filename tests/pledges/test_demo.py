import pytest

from pledges.models import Pledge, PledgeState
from pledges.selectors import pledges_summary

pytestmark = pytest.mark.django_db


def test_demo_meeting_has_25_pledges_of_several_types_some_announced(demo):
    pledges = Pledge.objects.filter(delegation__conference=demo)

    assert pledges.count() == 25
    assert pledges.values("capability").distinct().count() == 8
    assert pledges.filter(state=PledgeState.ANNOUNCED).count() >= 10
    assert pledges.filter(duplicate_of__isnull=False).count() == 1
    assert pledges_summary(conference=demo, announced_only=True).totals


def test_demo_pledges_are_written_once(demo):
    from demo.pledges import pledges_load

    assert pledges_load(conference=demo) == 0
    assert Pledge.objects.filter(delegation__conference=demo).count() == 25
