"""Reads for the registration pages."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from conference.one_row import OneRowRead
from delegations.models import Delegation, Invitation, Participant, token_hash


def invitation_for_token(*, token: str) -> Invitation | None:
    """The invitation whose link carries `token`, revoked or not, with its delegation and
    conference. Every request of a registration link starts here: its SQL is compiled once
    per process (conference.one_row)."""
    return _invitation_read(token_hash(token))


_invitation_read = OneRowRead(Invitation.objects.for_token_hash)


def participant_count(**filters) -> Coalesce:
    """The number of the delegation's participants matching `filters`, as a subquery of a
    query on delegations."""
    matching = (
        Participant.objects.filter(delegation=OuterRef("pk"), **filters)
        .order_by()
        .values("delegation")
        # Counting a column of the (delegation, state) index: read from the index alone.
        .annotate(count=Count("delegation"))
        .values("count")
    )
    return Coalesce(Subquery(matching), 0)


def delegation_members(*, delegation: Delegation) -> QuerySet[Participant]:
    """Everyone the delegation has registered, in protocol order within the delegation."""
    return delegation.participants.in_protocol_order()


def organiser_changes(*, participant_ids: list[int]) -> dict[int, LogEntry]:
    """The latest change an organiser made in the admin to each of these participants, so
    that their focal point sees what was changed (field names, not values); one query."""
    entries = (
        LogEntry.objects.filter(
            content_type__app_label="delegations",
            content_type__model="participant",
            action_flag=CHANGE,
            object_id__in=[str(pk) for pk in participant_ids],
        )
        .order_by("object_id", "-action_time")
        .distinct("object_id")
    )
    return {int(entry.object_id): entry for entry in entries}
