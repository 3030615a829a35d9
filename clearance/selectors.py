"""What security clearance reads: each badge's check, the people to send for vetting, the
counts by state."""

from collections.abc import Sequence

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from clearance.models import ClearancePolicy, ClearanceState, SecurityRecord
from conference.models import Conference
from delegations.badge_checks import BadgeCheck
from delegations.models import ACTIVE_STATES, Participant


def clearance_badge_checks(participants: Sequence[Participant]) -> dict[int, BadgeCheck]:
    """For participants of conferences that require clearance: their clearance, holding the
    badge unless cleared. Two queries, however many participants."""
    conference_ids = {participant.conference_id for participant in participants}
    requiring = set(
        ClearancePolicy.objects.filter(
            conference_id__in=conference_ids, requires_clearance=True
        ).values_list("conference_id", flat=True)
    )
    concerned = [p.pk for p in participants if p.conference_id in requiring]
    if not concerned:
        return {}
    states = dict(
        SecurityRecord.objects.filter(participant_id__in=concerned).values_list(
            "participant_id", "state"
        )
    )
    checks = {}
    for pk in concerned:
        state = ClearanceState(states.get(pk, ClearanceState.NOT_SUBMITTED))
        label = _("Security clearance: %(state)s") % {"state": state.label}
        checks[pk] = BadgeCheck(label=label, holds=state != ClearanceState.CLEARED)
    return checks


def records_of(conference: Conference) -> QuerySet[SecurityRecord]:
    return SecurityRecord.objects.filter(participant__conference=conference)


def records_to_vet(conference: Conference) -> QuerySet[SecurityRecord]:
    """The submitted people of active registrations, for the vetting authority, by name."""
    return (
        records_of(conference)
        .filter(state=ClearanceState.SUBMITTED, participant__state__in=ACTIVE_STATES)
        .select_related("participant__delegation")
        .order_by("participant__family_name", "participant__given_name", "pk")
    )


def state_counts(conference: Conference) -> dict[str, int]:
    """How many participants (active registrations) are in each clearance state; those with
    no data yet count as not submitted."""
    active = Participant.objects.filter(conference=conference).active()
    counts = dict.fromkeys(ClearanceState.values, 0)
    rows = list(
        SecurityRecord.objects.filter(participant__in=active)
        .values("state")
        .annotate(count=Count("pk"))
    )
    for row in rows:
        counts[row["state"]] += row["count"]
    counts[ClearanceState.NOT_SUBMITTED] += active.count() - sum(row["count"] for row in rows)
    return counts
