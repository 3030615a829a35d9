"""Reads about conferences as a whole."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from conference.models import Conference
from delegations.models import Delegation, Participant, State
from sessions.models import Session


@dataclass(frozen=True)
class ConferenceCounts:
    conference: Conference
    delegations: int
    participants_by_state: list[tuple[State, int]]
    sessions_published: int
    sessions_total: int


def _count_per_conference(queryset: QuerySet) -> Coalesce:
    # A correlated subquery per count: joining delegations, participants and sessions in
    # one query would multiply their rows.
    counts = (
        queryset.filter(conference=OuterRef("pk"))
        .order_by()
        .values("conference")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def conference_counts() -> list[ConferenceCounts]:
    """Every conference, newest first, with its delegations, participants and sessions counted.

    One query, whatever the number of conferences.
    """
    conferences = Conference.objects.annotate(
        delegation_count=_count_per_conference(Delegation.objects.all()),
        session_count=_count_per_conference(Session.objects.all()),
        published_session_count=_count_per_conference(Session.objects.filter(is_published=True)),
        **{
            f"participant_count_{state}": _count_per_conference(
                Participant.objects.filter(state=state)
            )
            for state in State.values
        },
    )
    return [
        ConferenceCounts(
            conference=conference,
            delegations=conference.delegation_count,
            participants_by_state=[
                (state, getattr(conference, f"participant_count_{state.value}")) for state in State
            ],
            sessions_published=conference.published_session_count,
            sessions_total=conference.session_count,
        )
        for conference in conferences
    ]
