import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pledges import services
from pledges.models import Pledge, PledgeState
from tests.factories import DelegationFactory, StaffUserFactory
from tests.pledges.factories import PledgeFactory, PledgeRegisterFactory, PledgeSeriesFactory

pytestmark = pytest.mark.django_db


def submitted(**fields) -> Pledge:
    pledge = PledgeFactory(**fields)
    services.pledge_submit(delegation=pledge.delegation, pledge=pledge)
    pledge.refresh_from_db()
    return pledge


def test_submit_freezes_and_logs_the_focal_point():
    pledge = submitted()

    assert pledge.state == PledgeState.SUBMITTED
    [change] = pledge.state_changes.all()
    assert (change.from_state, change.to_state, change.by_focal_point) == (
        "draft",
        "submitted",
        True,
    )


def test_submitted_pledge_cannot_be_saved_as_a_draft_again():
    pledge = submitted()
    pledge.quantity = 999

    with pytest.raises(ValidationError, match="amend it as a new version"):
        services.pledge_save_draft(delegation=pledge.delegation, pledge=pledge)


def test_review_goes_submitted_acknowledged_announced_with_who_and_when():
    organiser = StaffUserFactory()
    pledge = submitted()

    services.pledge_transition(pledge=pledge, to_state=PledgeState.ACKNOWLEDGED, by=organiser)
    services.pledge_transition(pledge=pledge, to_state=PledgeState.ANNOUNCED, by=organiser)

    pledge.refresh_from_db()
    assert pledge.state == PledgeState.ANNOUNCED
    assert [c.changed_by for c in pledge.state_changes.all()][1:] == [organiser, organiser]


def test_cannot_announce_before_acknowledging():
    pledge = submitted()

    with pytest.raises(services.TransitionNotAllowed):
        services.pledge_transition(pledge=pledge, to_state=PledgeState.ANNOUNCED)


def test_focal_point_cannot_acknowledge_its_own_pledge():
    pledge = submitted()

    with pytest.raises(services.TransitionNotAllowed):
        services.pledge_transition(
            pledge=pledge, to_state=PledgeState.ACKNOWLEDGED, by_focal_point=True
        )


def test_pledge_not_allowed_to_be_announced_is_never_announced():
    pledge = submitted(may_be_announced=False)
    services.pledge_transition(pledge=pledge, to_state=PledgeState.ACKNOWLEDGED)

    with pytest.raises(services.TransitionNotAllowed):
        services.pledge_transition(pledge=pledge, to_state=PledgeState.ANNOUNCED)


def test_withdrawal_needs_a_reason_and_is_final():
    pledge = submitted()

    with pytest.raises(ValidationError) as refused:
        services.pledge_transition(
            pledge=pledge, to_state=PledgeState.WITHDRAWN, by_focal_point=True
        )
    assert "reason" in refused.value.message_dict

    services.pledge_transition(
        pledge=pledge, to_state=PledgeState.WITHDRAWN, by_focal_point=True, reason="Redeployed"
    )
    with pytest.raises(services.TransitionNotAllowed):
        services.pledge_transition(
            pledge=pledge, to_state=PledgeState.SUBMITTED, by_focal_point=True
        )
    assert pledge.state_changes.last().reason == "Redeployed"


def test_new_version_replaces_the_old_once_submitted():
    old = submitted(quantity=140)

    draft = services.pledge_amend(delegation=old.delegation, pledge=old)
    assert (draft.previous, draft.state, draft.quantity) == (old, PledgeState.DRAFT, 140)
    old.refresh_from_db()
    assert old.state == PledgeState.SUBMITTED  # until the new version is submitted

    draft.quantity = 180
    services.pledge_save_draft(delegation=old.delegation, pledge=draft)
    services.pledge_submit(delegation=old.delegation, pledge=draft)

    old.refresh_from_db()
    assert old.state == PledgeState.SUPERSEDED
    assert Pledge.objects.get(pk=draft.pk).quantity == 180


def test_a_version_is_amended_only_once():
    old = submitted()
    services.pledge_amend(delegation=old.delegation, pledge=old)

    with pytest.raises(ValidationError, match="newer version"):
        services.pledge_amend(delegation=old.delegation, pledge=old)


def test_deploy_date_in_the_past_is_a_field_error():
    pledge = PledgeFactory.build(
        delegation=DelegationFactory(conference=PledgeRegisterFactory().conference),
        deployable_from=timezone.localdate() - datetime.timedelta(days=2),
    )

    with pytest.raises(ValidationError) as refused:
        services.pledge_save_draft(delegation=pledge.delegation, pledge=pledge)

    assert "deployable_from" in refused.value.message_dict
    assert not Pledge.objects.exists()


@pytest.mark.parametrize("quantity", [0, -5, 10**12])
def test_quantity_out_of_range_is_a_field_error(quantity):
    pledge = PledgeFactory.build(
        delegation=DelegationFactory(conference=PledgeRegisterFactory().conference),
        quantity=quantity,
    )

    with pytest.raises(ValidationError) as refused:
        services.pledge_save_draft(delegation=pledge.delegation, pledge=pledge)

    assert "quantity" in refused.value.message_dict
    assert not Pledge.objects.exists()


def test_conference_without_register_takes_no_pledges():
    delegation = DelegationFactory()
    pledge = PledgeFactory.build(delegation=delegation)

    with pytest.raises(ValidationError, match="does not take pledges"):
        services.pledge_save_draft(delegation=delegation, pledge=pledge)


def test_merge_withdraws_duplicates_with_a_link_to_the_kept_one():
    organiser = StaffUserFactory()
    keep = submitted()
    duplicate = submitted(delegation=keep.delegation)

    services.pledges_merge(keep=keep, duplicates=[duplicate], by=organiser)

    duplicate.refresh_from_db()
    assert (duplicate.state, duplicate.duplicate_of) == (PledgeState.WITHDRAWN, keep)
    assert str(keep.pk) in duplicate.state_changes.last().reason


def test_merge_refuses_pledges_of_another_delegation():
    keep = submitted()
    other = submitted()

    with pytest.raises(ValidationError, match="one delegation"):
        services.pledges_merge(keep=keep, duplicates=[other], by=None)


def test_pledge_at_preparatory_meeting_is_confirmed_at_the_ministerial():
    series = PledgeSeriesFactory()
    preparatory = PledgeRegisterFactory(series=series).conference
    ministerial = PledgeRegisterFactory(
        series=series,
        conference__start_date=preparatory.start_date + datetime.timedelta(days=100),
        conference__end_date=preparatory.end_date + datetime.timedelta(days=100),
    ).conference
    earlier = submitted(delegation=DelegationFactory(conference=preparatory, country="GH"))
    here = DelegationFactory(conference=ministerial, country="GH")

    assert list(services.earlier_pledges(delegation=here)) == [earlier]
    draft = services.pledge_confirm(delegation=here, pledge=earlier)
    services.pledge_submit(delegation=here, pledge=draft)

    earlier.refresh_from_db()
    assert earlier.state == PledgeState.SUBMITTED  # the preparatory meeting's record stays
    assert draft.previous == earlier
    assert list(services.earlier_pledges(delegation=here)) == []


def test_another_states_pledge_cannot_be_confirmed():
    series = PledgeSeriesFactory()
    preparatory = PledgeRegisterFactory(series=series).conference
    ministerial = PledgeRegisterFactory(
        series=series,
        conference__start_date=preparatory.start_date + datetime.timedelta(days=100),
        conference__end_date=preparatory.end_date + datetime.timedelta(days=100),
    ).conference
    earlier = submitted(delegation=DelegationFactory(conference=preparatory, country="GH"))
    other = DelegationFactory(conference=ministerial, country="JP")

    with pytest.raises(ValidationError):
        services.pledge_confirm(delegation=other, pledge=earlier)
