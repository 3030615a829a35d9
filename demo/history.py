"""Registration states for participants written in bulk, by the rules of the service.

participant_transition takes several queries and queues an e-mail per participant; the demo
loaders instead insert each participant in its final state together with the log the service
would have kept.
The transition rules are the service's own tables, so the two cannot drift apart.
"""

from django.utils import timezone

from delegations.models import Participant, ParticipantStateChange, State
from delegations.services import ALLOWED_TRANSITIONS, REASON_REQUIRED

# A registration's path from pending, as (to_state, reason) steps taken in order.
Path = tuple[tuple[str, str], ...]
STAY_PENDING: Path = ()
APPROVE: Path = ((State.APPROVED, ""),)


def reject(reason: str) -> Path:
    return ((State.REJECTED, reason),)


def withdraw(reason: str) -> Path:
    return (*APPROVE, (State.WITHDRAWN, reason))


def participant_set_final_state(*, participant: Participant, path: Path) -> None:
    """Put an unsaved participant in the state that `path` ends in."""
    if path:
        participant.state, participant.state_reason = path[-1]
        participant.state_changed_at = timezone.now()


def participant_history(*, participant: Participant, path: Path) -> list[ParticipantStateChange]:
    """The log participant_transition would have written; refuses a path it would refuse."""
    changes, state = [], State.PENDING
    for to_state, reason in path:
        if to_state not in ALLOWED_TRANSITIONS[state] or (
            to_state in REASON_REQUIRED and not reason
        ):
            raise ValueError(f"{participant.email}: {state} → {to_state} is not allowed.")
        changes.append(
            ParticipantStateChange(
                participant=participant, from_state=state, to_state=to_state, reason=reason
            )
        )
        state = to_state
    return changes
