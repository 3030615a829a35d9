"""Each delegation's state at a glance: no note verbale yet, no answer, letter or credentials
missing, members pending, accredited, declined.

A state is a condition on Delegation in SQL, so a page marks every delegation with its states
in one query whatever the number of delegations, and the admin filters by it. The core names
the states it knows; a feature adds its own from its apps.py (diplomacy: no note verbale, no
answer, credentials missing) with `delegation_state_register`. The organisers' dashboard
shows them, and the delegations' admin filters by them (`?response=<key>`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from delegations.models import Delegation, DelegationStatus, Participant, State
from delegations.selectors import participant_count


@dataclass(frozen=True)
class DelegationState:
    key: str
    label: str | Promise
    # The delegations in this state, as a condition on Delegation (built when asked, as it may
    # hold subqueries).
    condition: Callable[[], Q]
    # Where it comes in the delegation's progress, from invited to accredited.
    order: int


STATES: dict[str, DelegationState] = {}


def delegation_state_register(state: DelegationState) -> None:
    STATES[state.key] = state


def delegation_states() -> list[DelegationState]:
    """The registered states, in the order of a delegation's progress."""
    return sorted(STATES.values(), key=lambda state: state.order)


def _members_pending() -> Q:
    pending = Participant.objects.filter(delegation=OuterRef("pk"), state=State.PENDING)
    return Q(Exists(pending))


for _state in [
    DelegationState(
        key="letter_missing",
        label=_("nominated, nomination letter missing"),
        condition=lambda: Q(status=DelegationStatus.NOMINATED, nomination_letter=""),
        order=30,
    ),
    DelegationState(
        key="members_pending", label=_("members pending"), condition=_members_pending, order=50
    ),
    DelegationState(
        key="accredited",
        label=_("accredited"),
        condition=lambda: Q(status=DelegationStatus.ACCREDITED),
        order=60,
    ),
    DelegationState(
        key="declined",
        label=_("declined"),
        condition=lambda: Q(status=DelegationStatus.DECLINED),
        order=70,
    ),
]:
    delegation_state_register(_state)


def delegations_with_states(*, delegations: QuerySet[Delegation]) -> list[Delegation]:
    """`delegations`, each with `states` (the states it is in, in order) and its `approved`
    and `pending` members counted: one query."""
    states = delegation_states()
    flags = {
        f"in_{state.key}": ExpressionWrapper(state.condition(), output_field=BooleanField())
        for state in states
    }
    rows = list(
        delegations.annotate(
            **flags,
            approved=participant_count(state=State.APPROVED),
            pending=participant_count(state=State.PENDING),
        )
    )
    for delegation in rows:
        delegation.states = [state for state in states if getattr(delegation, f"in_{state.key}")]
    return rows
