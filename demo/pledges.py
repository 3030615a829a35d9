"""The pledge register of the reference meeting: 25 pledges of several types, as if made during
the meeting and reviewed afterwards. All invented: the source says only that a briefing
explained the system of pledging. Written once: a rerun leaves the pledges (and any review an
organiser did while trying the demo) as they are.
"""

import datetime
import zoneinfo

from django.db import transaction

from conference.models import Conference
from delegations.models import Delegation, DelegationKind
from pledges.capabilities import standard_capabilities_ensure
from pledges.models import (
    Capability,
    Pledge,
    PledgeRegister,
    PledgeSeries,
    PledgeState,
    PledgeStateChange,
    Unit,
)

SERIES = "United Nations Peacekeeping Ministerial 2023 (Islamabad preparatory meeting, Accra)"
KARACHI = zoneinfo.ZoneInfo("Asia/Karachi")
MADE_AT = datetime.datetime(2023, 8, 31, 11, 0, tzinfo=KARACHI)
REVIEWED_AT = datetime.datetime(2023, 9, 15, 10, 0, tzinfo=KARACHI)
ANNOUNCED_AT = datetime.datetime(2023, 12, 5, 9, 0, tzinfo=KARACHI)

S, A, N, W = (
    PledgeState.SUBMITTED,
    PledgeState.ACKNOWLEDGED,
    PledgeState.ANNOUNCED,
    PledgeState.WITHDRAWN,
)
# country, capability, quantity, unit, state, may be announced, deployable from (2023-24)
PLEDGES = [
    ("PK", "formed-police-unit", 140, Unit.PERSONNEL, N, True, "2024-01-15"),
    ("PK", "infantry-battalion", 850, Unit.PERSONNEL, N, True, "2024-03-01"),
    ("PK", "level-2-hospital", 1, Unit.UNITS, A, True, "2024-02-01"),
    ("JP", "engineering-company", 180, Unit.PERSONNEL, N, True, "2024-04-01"),
    ("JP", "training-course", 60, Unit.TRAINING_PLACES, N, True, "2023-11-01"),
    ("JP", "funding", 5_000_000, Unit.USD, N, True, "2023-10-01"),
    ("GH", "infantry-battalion", 750, Unit.PERSONNEL, N, True, "2024-02-15"),
    ("GH", "formed-police-unit", 160, Unit.PERSONNEL, A, True, "2024-05-01"),
    ("BD", "utility-helicopter-unit", 3, Unit.AIRCRAFT, N, True, "2024-01-10"),
    ("BD", "formed-police-unit", 140, Unit.PERSONNEL, S, True, "2024-06-01"),
    ("IN", "level-2-hospital", 1, Unit.UNITS, N, True, "2024-03-15"),
    ("IN", "training-course", 40, Unit.TRAINING_PLACES, A, False, "2023-12-01"),
    ("NP", "infantry-battalion", 800, Unit.PERSONNEL, N, True, "2024-04-15"),
    ("RW", "formed-police-unit", 160, Unit.PERSONNEL, N, True, "2024-02-01"),
    ("RW", "utility-helicopter-unit", 2, Unit.AIRCRAFT, S, False, "2024-07-01"),
    ("EG", "engineering-company", 200, Unit.PERSONNEL, A, True, "2024-05-15"),
    ("ID", "engineering-company", 175, Unit.PERSONNEL, N, True, "2024-03-01"),
    ("UY", "utility-helicopter-unit", 2, Unit.AIRCRAFT, N, True, "2024-01-20"),
    ("BR", "training-course", 30, Unit.TRAINING_PLACES, S, True, "2023-11-15"),
    ("FR", "equipment", 20, Unit.ITEMS, N, True, "2023-12-01"),
    ("DE", "funding", 3_000_000, Unit.USD, N, True, "2023-10-15"),
    ("NL", "funding", 1_500_000, Unit.USD, A, False, "2023-10-15"),
    ("CN", "engineering-company", 200, Unit.PERSONNEL, A, True, "2024-06-15"),
    ("SN", "formed-police-unit", 140, Unit.PERSONNEL, W, True, "2024-04-01"),
]
# The 25th: Rwanda entered its formed police unit twice; the organisers merged the duplicate.
PATH = {
    S: [S],
    A: [S, A],
    N: [S, A, N],
    W: [S],  # then withdrawn, with its reason
}


def _log(pledge: Pledge, path: list[str]) -> list[PledgeStateChange]:
    times = [MADE_AT, REVIEWED_AT, ANNOUNCED_AT]
    changes, state = [], PledgeState.DRAFT
    for when, to_state in zip(times, path, strict=False):
        changes.append(
            PledgeStateChange(
                pledge=pledge,
                from_state=state,
                to_state=to_state,
                by_focal_point=to_state == S,
                changed_at=when,
            )
        )
        state = to_state
    return changes


@transaction.atomic
def pledges_load(*, conference: Conference) -> int:
    """The register, its series and the pledges, unless the conference has pledges already.
    Returns how many pledges were written."""
    series, _ = PledgeSeries.objects.get_or_create(name=SERIES)
    PledgeRegister.objects.update_or_create(
        conference=conference, defaults={"is_active": True, "series": series}
    )
    if Pledge.objects.filter(delegation__conference=conference).exists():
        return 0
    standard_capabilities_ensure()
    capabilities = {capability.code: capability for capability in Capability.objects.all()}
    delegations = {
        delegation.country.code: delegation
        for delegation in Delegation.objects.filter(
            conference=conference, kind=DelegationKind.MEMBER_STATE
        )
    }
    changes = []
    written = {}
    for country, code, quantity, unit, state, announceable, deployable in PLEDGES:
        delegation = delegations.get(country)
        if delegation is None:
            continue
        pledge = Pledge.objects.create(
            delegation=delegation,
            capability=capabilities[code],
            quantity=quantity,
            unit=unit,
            deployable_from=datetime.date.fromisoformat(deployable),
            caveats="" if state != A else "Subject to national parliamentary approval.",
            contact_name=f"Pledging officer, Permanent Mission of {delegation.name}",
            contact_email=f"pledges.{country.lower()}@mission.example.org",
            may_be_announced=announceable,
            state=state,
            created_at=MADE_AT,
        )
        written[country, code] = pledge
        changes += _log(pledge, PATH[state])
        if state == W:
            changes.append(
                PledgeStateChange(
                    pledge=pledge,
                    from_state=S,
                    to_state=W,
                    reason="The unit is committed elsewhere until 2025.",
                    by_focal_point=True,
                    changed_at=REVIEWED_AT,
                )
            )
    kept = written.get(("RW", "formed-police-unit"))
    if kept is not None:
        duplicate = Pledge.objects.create(
            delegation=kept.delegation,
            capability=kept.capability,
            quantity=kept.quantity,
            unit=kept.unit,
            deployable_from=kept.deployable_from,
            contact_name=kept.contact_name,
            contact_email=kept.contact_email,
            may_be_announced=True,
            state=W,
            duplicate_of=kept,
            created_at=MADE_AT + datetime.timedelta(minutes=5),
        )
        written["duplicate"] = duplicate
        changes += _log(duplicate, [S])
        changes.append(
            PledgeStateChange(
                pledge=duplicate,
                from_state=S,
                to_state=W,
                reason=f"Duplicate of pledge {kept.pk}.",
                changed_at=REVIEWED_AT,
            )
        )
    PledgeStateChange.objects.bulk_create(changes)
    return len(written)


def ministerial_register_load(*, conference: Conference) -> PledgeRegister:
    """The upcoming Ministerial (demo/ministerial.py) runs a register in the same series: its
    focal points find the pledges their State made at the preparatory meeting and confirm or
    update them there."""
    series, _ = PledgeSeries.objects.get_or_create(name=SERIES)
    register, _ = PledgeRegister.objects.update_or_create(
        conference=conference, defaults={"is_active": True, "series": series}
    )
    return register
