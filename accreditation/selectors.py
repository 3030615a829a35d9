"""Reads of who takes part, for the public pages."""

import datetime
import itertools
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from conference.models import Conference
from delegations.models import SECTION_HEADINGS, Delegation, DelegationStatus, Participant


@dataclass(frozen=True)
class DelegationGroup:
    kind: str
    label: str
    delegations: list[Delegation]


# Up to this many participants in a conference (all states), the delegations page names each
# delegation's listed members; above it (a Conference of the Parties has 100,000), it gives
# each delegation's number and a page of its own, so that no page carries tens of thousands
# of names (docs/public-pages.md).
NAMES_ON_THE_PAGE_MAX = 3000


def names_on_the_delegations_page(*, participants: int) -> bool:
    return participants <= NAMES_ON_THE_PAGE_MAX


def _listed() -> "QuerySet[Participant]":
    return Participant.objects.approved().filter(consents_to_public_listing=True)


def _accredited(conference: Conference):
    return Delegation.objects.filter(
        conference=conference, status=DelegationStatus.ACCREDITED
    ).in_protocol_order(language=get_language())


def delegations_public(*, conference: Conference, with_names: bool = True) -> list[DelegationGroup]:
    """Accredited delegations in protocol order, grouped under the List of Participants'
    headings. With names, each has `public_participants`: its approved members who agreed to
    be listed; without, `public_count`: how many they are.

    Countries are named, and ordered, in the active language."""
    if with_names:
        delegations = _accredited(conference).prefetch_related(
            Prefetch(
                "participants",
                queryset=_listed().in_protocol_order(),
                to_attr="public_participants",
            )
        )
    else:
        counted = (
            _listed()
            .filter(delegation=OuterRef("pk"))
            .order_by()
            .values("delegation")
            .annotate(count=Count("delegation"))
            .values("count")
        )
        delegations = _accredited(conference).annotate(public_count=Coalesce(Subquery(counted), 0))
    return [
        DelegationGroup(kind, SECTION_HEADINGS[kind], list(members))
        for kind, members in itertools.groupby(delegations, key=lambda delegation: delegation.kind)
    ]


def delegation_public(*, conference: Conference, pk: int) -> Delegation | None:
    """One accredited delegation with `public_participants`, as on the delegations page."""
    return (
        Delegation.objects.filter(conference=conference, status=DelegationStatus.ACCREDITED, pk=pk)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=_listed().in_protocol_order(),
                to_attr="public_participants",
            )
        )
        .first()
    )


def delegations_version(*, conference: Conference) -> tuple[datetime.datetime, str, int]:
    """When the delegations page last changed, a version of it for ETags and cache keys, and
    the number of the conference's participants (in any state).

    Built from `updated_at` (so changes must go through save(), as services and the admin do)
    and from counts, which catch deletions; the conference's own stamp covers its header.
    """
    return _members_version(conference=conference, stamp=conference.programme_changed_at)


def participant_list_version(*, conference: Conference) -> tuple[datetime.datetime, str, int]:
    """As delegations_version, for the public List of Participants (PDF): its header shows
    only the conference's own fields (title, dates, venue), so the conference's `updated_at`
    stands for them, and editing the programme leaves the stored list current."""
    return _members_version(conference=conference, stamp=conference.updated_at)


def participant_list_file_version(*, conference: Conference) -> str:
    """What the public List of Participants' file holds, as a string that changes whenever the
    file would: the listed participants (approved, consenting to be listed: their number and
    latest change), the delegations (the same) and the conference's own stamp for the header.

    Narrower than participant_list_version, which every participant's change moves (it keeps
    Last-Modified from going back when someone leaves the list): a registration still pending,
    or anyone unlisted changing, leaves the file as it is, so the worker does not make the
    whole list again (minutes at a COP) for changes the list does not show. Someone leaving
    the list lowers the count; someone joining it or changing is the latest change."""
    delegations = _count_and_latest_change(Delegation.objects.filter(conference=conference))
    listed = _count_and_latest_change(_listed().filter(conference=conference))
    return "/".join(
        str(value)
        for value in (
            conference.updated_at.isoformat(),
            delegations["count"],
            delegations["changed_at"] and delegations["changed_at"].isoformat(),
            listed["count"],
            listed["changed_at"] and listed["changed_at"].isoformat(),
        )
    )


def _count_and_latest_change(rows: QuerySet) -> dict:
    """{"count": …, "changed_at": …} of `rows`: with deletions caught by the count, what the
    public pages' versions are made of."""
    return rows.aggregate(count=Count("pk"), changed_at=Max("updated_at"))


def _members_version(
    *, conference: Conference, stamp: datetime.datetime
) -> tuple[datetime.datetime, str, int]:
    delegations = _count_and_latest_change(Delegation.objects.filter(conference=conference))
    participants = _count_and_latest_change(Participant.objects.filter(conference=conference))
    changed_at = max(
        changed
        for changed in (stamp, delegations["changed_at"], participants["changed_at"])
        if changed is not None
    )
    version = f"{changed_at.isoformat()}/{delegations['count']}/{participants['count']}"
    return changed_at, version, participants["count"]
