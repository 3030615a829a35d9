"""Whether a participant may have a badge: besides being approved, what features check.

A feature that must clear people before they get a badge (security clearance) registers a
checker in its AppConfig.ready(); accreditation asks `badge_holds` before it prints badges,
attaches one to the approval e-mail or lets someone through the door, and the check-in card
shows each check's label. The core knows no feature's rules: only that a badge may wait.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from delegations.models import Participant


@dataclass(frozen=True)
class BadgeCheck:
    """What a feature says of one participant's badge, e.g. "Security clearance: cleared"."""

    label: str
    # True: no badge printed or e-mailed, and no entry at the door, until this changes.
    holds: bool


# Given participants (all of one conference or not), a check for each the feature concerns,
# by participant id; in a constant number of queries, however many it is given.
BadgeChecker = Callable[[Sequence[Participant]], dict[int, BadgeCheck]]

_checkers: list[BadgeChecker] = []


def badge_checker_register(checker: BadgeChecker) -> None:
    """Ask `checker` about every badge; call it from the feature's AppConfig.ready()."""
    if checker not in _checkers:
        _checkers.append(checker)


def badge_checks(participants: Sequence[Participant]) -> dict[int, list[BadgeCheck]]:
    """Every feature's checks of each participant's badge, by participant id."""
    checks: dict[int, list[BadgeCheck]] = {participant.pk: [] for participant in participants}
    for checker in _checkers:
        for pk, check in checker(participants).items():
            checks[pk].append(check)
    return checks


def badge_holds(participants: Sequence[Participant]) -> dict[int, str]:
    """For each participant whose badge must wait, why (the holding checks' labels)."""
    return {
        pk: "; ".join(check.label for check in checks if check.holds)
        for pk, checks in badge_checks(participants).items()
        if any(check.holds for check in checks)
    }
