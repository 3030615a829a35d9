"""The demo meeting's diplomatic workflow: notes verbales to every State with reference numbers,
a spread of responses, credentials for most."""

import pytest

from delegations.models import STATE_KINDS, DelegationStatus
from diplomacy.models import Credentials, NoteVerbale, ResponseStep, Step
from diplomacy.services import response_stage

pytestmark = pytest.mark.django_db


def test_every_state_has_a_numbered_note_verbale(demo):
    states = demo.delegations.filter(kind__in=STATE_KINDS)
    references = list(
        NoteVerbale.objects.filter(conference=demo)
        .order_by("number")
        .values_list("reference", flat=True)
    )

    assert len(references) == states.count() > 150
    assert references[0] == "PKMPM/2023/001"
    assert len(set(references)) == len(references)


def test_responses_are_spread_over_the_steps(demo):
    stages = {}
    for delegation in demo.delegations.filter(kind__in=STATE_KINDS).prefetch_related(
        "response_steps"
    ):
        stage = response_stage(delegation.response_steps.all())
        stages[stage] = stages.get(stage, 0) + 1

    assert set(stages) >= {Step.INVITED, Step.ACKNOWLEDGED, Step.ACCREDITED, Step.DECLINED}


def test_most_nominated_delegations_have_credentials(demo):
    answered = demo.delegations.filter(
        kind__in=STATE_KINDS,
        status__in=[DelegationStatus.NOMINATED, DelegationStatus.ACCREDITED],
    )
    with_credentials = Credentials.objects.filter(delegation__in=answered).count()

    assert with_credentials > 0.8 * answered.count()
    assert (
        ResponseStep.objects.filter(
            delegation__conference=demo, step=Step.CREDENTIALS_RECEIVED
        ).count()
        == with_credentials
    )


def test_heads_give_their_delegations_a_level_of_representation(demo):
    assert demo.delegations.exclude(representation_level="").count() > 50
