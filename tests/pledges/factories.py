"""Factories of the pledge register (kept apart from tests/factories.py, which every app
shares)."""

import datetime

import factory
from django.utils import timezone

from pledges.capabilities import standard_capabilities_ensure
from pledges.models import Capability, Pledge, PledgeRegister, PledgeSeries, PledgeState, Unit
from tests.factories import DelegationFactory, InvitationFactory, OpenConferenceFactory


class PledgeSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PledgeSeries

    name = factory.Sequence(lambda n: f"Peacekeeping Ministerial {n}")


class PledgeRegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PledgeRegister

    conference = factory.SubFactory(OpenConferenceFactory)
    is_active = True


def capability(code: str = "formed-police-unit") -> Capability:
    """One of the standard capabilities. The migrations add them, but a transactional test
    empties every table when it ends."""
    standard_capabilities_ensure()
    return Capability.objects.get(code=code)


class PledgeFactory(factory.django.DjangoModelFactory):
    """A draft pledge of a Member State at a conference that runs a register."""

    class Meta:
        model = Pledge

    delegation = factory.SubFactory(
        DelegationFactory,
        conference=factory.LazyFunction(lambda: PledgeRegisterFactory().conference),
    )
    capability = factory.LazyFunction(capability)
    quantity = 160
    unit = Unit.PERSONNEL
    deployable_from = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=90)
    )
    contact_name = "Col. A. Example"
    contact_email = "pledges@mission.example.org"
    may_be_announced = True
    state = PledgeState.DRAFT


def portal_delegation(token: str, **register_fields):
    """A Member State's delegation, with an invitation link `token`, at a conference that runs
    a pledge register."""
    standard_capabilities_ensure()
    invitation = InvitationFactory(token=token)
    PledgeRegisterFactory(conference=invitation.delegation.conference, **register_fields)
    return invitation.delegation
