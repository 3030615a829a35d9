"""The diplomatic workflow's states of a delegation at a glance (delegations.glance):
registered from apps.py, counted on the organisers' dashboard and filtered by in the
delegations' admin."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from delegations.glance import DelegationState, delegation_state_register
from delegations.models import DelegationStatus
from diplomacy.models import Credentials, CredentialsStatus, NoteVerbale, ResponseStep, Step


def _no_note_verbale() -> Q:
    return ~Q(Exists(NoteVerbale.objects.filter(delegation=OuterRef("pk"))))


def _not_answered() -> Q:
    steps = ResponseStep.objects.filter(delegation=OuterRef("pk"))
    answered = steps.filter(
        step__in=[Step.ACKNOWLEDGED, Step.NOMINATED, Step.DECLINED, Step.ACCREDITED]
    )
    return Q(Exists(steps.filter(step=Step.INVITED))) & ~Q(Exists(answered))


def _lacking_credentials() -> Q:
    received = Credentials.objects.filter(delegation=OuterRef("pk")).exclude(
        status=CredentialsStatus.NONE
    )
    return ~Q(status=DelegationStatus.DECLINED) & ~Q(Exists(received))


def states_register() -> None:
    for state in [
        DelegationState(
            key="not_invited", label=_("no note verbale yet"), condition=_no_note_verbale, order=10
        ),
        DelegationState(
            key="not_answered", label=_("invited, not answered"), condition=_not_answered, order=20
        ),
        DelegationState(
            key="no_credentials",
            label=_("lacking credentials"),
            condition=_lacking_credentials,
            order=40,
        ),
    ]:
        delegation_state_register(state)
