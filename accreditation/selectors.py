"""Reads of who takes part, for the public pages."""

import datetime
import itertools
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch
from django.utils.translation import get_language

from conference.models import Conference
from delegations.models import SECTION_HEADINGS, Delegation, DelegationStatus, Participant


@dataclass(frozen=True)
class DelegationGroup:
    kind: str
    label: str
    delegations: list[Delegation]


def delegations_public(*, conference: Conference) -> list[DelegationGroup]:
    """Accredited delegations in protocol order, grouped under the List of Participants'
    headings, each with `public_participants`: its approved members who agreed to be listed.

    Countries are named, and ordered, in the active language."""
    listed = (
        Participant.objects.approved().filter(consents_to_public_listing=True).in_protocol_order()
    )
    delegations = (
        Delegation.objects.filter(conference=conference, status=DelegationStatus.ACCREDITED)
        .in_protocol_order(language=get_language())
        .prefetch_related(Prefetch("participants", queryset=listed, to_attr="public_participants"))
    )
    return [
        DelegationGroup(kind, SECTION_HEADINGS[kind], list(members))
        for kind, members in itertools.groupby(delegations, key=lambda delegation: delegation.kind)
    ]


def delegations_version(*, conference: Conference) -> tuple[datetime.datetime, str]:
    """When the delegations page last changed, and a version of it for ETags and cache keys.

    Built from `updated_at` (so changes must go through save(), as services and the admin do)
    and from counts, which catch deletions; the conference's own stamp covers its header.
    """
    delegations = Delegation.objects.filter(conference=conference).aggregate(
        count=Count("pk"), changed_at=Max("updated_at")
    )
    participants = Participant.objects.filter(conference=conference).aggregate(
        count=Count("pk"), changed_at=Max("updated_at")
    )
    changed_at = max(
        stamp
        for stamp in (
            conference.programme_changed_at,
            delegations["changed_at"],
            participants["changed_at"],
        )
        if stamp is not None
    )
    version = f"{changed_at.isoformat()}/{delegations['count']}/{participants['count']}"
    return changed_at, version
