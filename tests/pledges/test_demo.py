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


def test_ministerial_portal_offers_the_preparatory_meetings_pledges(demo):
    from delegations.models import Delegation
    from demo.ministerial import ministerial_load
    from demo.pledges import ministerial_register_load
    from pledges.services import earlier_pledges

    ministerial = ministerial_load()
    ministerial_register_load(conference=ministerial)
    pakistan = Delegation.objects.get(conference=ministerial, country="PK")

    earlier = earlier_pledges(delegation=pakistan)

    assert {pledge.capability.code for pledge in earlier} == {
        "formed-police-unit",
        "infantry-battalion",
        "level-2-hospital",
    }
