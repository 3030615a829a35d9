"""The database refuses what must never be stored, whatever code writes it."""

import datetime

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.utils import timezone

from pledges.models import Pledge, PledgeState
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def refused(**changes) -> None:
    pledge = PledgeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(**changes)


@pytest.mark.parametrize("quantity", [0, -1, 10**12])
def test_quantity_out_of_range_is_refused(quantity):
    refused(quantity=quantity)


def test_announcing_what_may_not_be_announced_is_refused():
    refused(state=PledgeState.ANNOUNCED, may_be_announced=False)


def test_deployable_before_the_pledge_was_made_is_refused():
    refused(deployable_from=timezone.localdate() - datetime.timedelta(days=5))


def test_unknown_state_is_refused():
    refused(state="promised")


def test_a_duplicate_must_be_withdrawn():
    other = PledgeFactory()
    refused(duplicate_of=other)


def test_a_submitted_pledge_content_is_frozen():
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)

    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(quantity=999)


def test_a_submitted_pledge_cannot_go_back_to_draft():
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)

    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(state=PledgeState.DRAFT)


def test_a_submitted_pledge_state_may_change():
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)

    Pledge.objects.filter(pk=pledge.pk).update(state=PledgeState.ACKNOWLEDGED)

    assert Pledge.objects.get(pk=pledge.pk).state == PledgeState.ACKNOWLEDGED


def test_a_draft_can_change():
    pledge = PledgeFactory()

    Pledge.objects.filter(pk=pledge.pk).update(quantity=999)

    assert Pledge.objects.get(pk=pledge.pk).quantity == 999


def test_a_submitted_pledge_contact_may_only_be_erased():
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)

    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(contact_email="someone@example.org")
    Pledge.objects.filter(pk=pledge.pk).update(contact_name="", contact_email="", contact_phone="")

    assert Pledge.objects.get(pk=pledge.pk).contact_email == ""
