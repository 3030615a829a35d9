"""Figures for the organisers' dashboard, bar charts of them drawn as SVG on the server, and
each delegation's state at a glance, each count linking to the admin's list it counts."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate, TruncHour
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accreditation.models import Entry
from conference import date_formats
from conference.models import Conference
from delegations.glance import (
    DelegationState,
    delegation_states,
    delegations_with_states,
)
from delegations.models import (
    ACTIVE_STATES,
    Category,
    Delegation,
    DelegationStatus,
    Participant,
    State,
)

CHART_WIDTH = 480
LABEL_WIDTH = 170
BAR_HEIGHT = 18
BAR_GAP = 6
TOP_DELEGATIONS = 15


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH

    @property
    def value_x(self) -> int:
        return self.label_width + 4


def bar_chart(title: str, rows: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars scaled to the largest value, one row per (label, value)."""
    largest = max((value for _label, value in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 40
    bars = [
        Bar(
            label=label,
            value=value,
            y=index * (BAR_HEIGHT + BAR_GAP),
            width=max(1, round(room * value / largest)) if value else 0,
        )
        for index, (label, value) in enumerate(rows)
    ]
    return BarChart(title=title, bars=bars, height=max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP))


def dashboard_figures(*, conference: Conference) -> dict:
    """Totals and charts for one conference: six queries whatever the number of participants."""
    participants = Participant.objects.filter(conference=conference)
    totals = participants.aggregate(
        registered=Count("pk"),
        approved=Count("pk", filter=Q(state=State.APPROVED)),
        badges_printed=Count("pk", filter=Q(badge_printed_at__isnull=False)),
        checked_in=Count("pk", filter=Q(Exists(Entry.objects.filter(participant=OuterRef("pk"))))),
        sharing_an_address=Count(
            "pk", filter=Q(pk__in=participants.sharing_an_address().values("pk"))
        ),
    )
    by_state = dict(participants.values_list("state").annotate(n=Count("pk")).order_by())
    by_category = dict(participants.values_list("category").annotate(n=Count("pk")).order_by())
    largest_delegations = (
        Delegation.objects.filter(conference=conference)
        .annotate(members=Count("participants", filter=Q(participants__state__in=ACTIVE_STATES)))
        .filter(members__gt=0)
        .order_by("-members", "protocol_sort_key")[:TOP_DELEGATIONS]
    )
    per_day = (
        participants.annotate(day=TruncDate("registered_at", tzinfo=conference.tzinfo))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    per_hour = (
        Entry.objects.filter(participant__conference=conference)
        .annotate(hour=TruncHour("entered_at", tzinfo=conference.tzinfo))
        .values_list("hour")
        .annotate(n=Count("pk"))
        .order_by("hour")
    )
    charts = [
        bar_chart(_("Participants by state"), [(s.label, by_state.get(s, 0)) for s in State]),
        bar_chart(
            _("Participants by category"), [(c.label, by_category.get(c, 0)) for c in Category]
        ),
        bar_chart(
            _("Largest delegations (pending and approved members)"),
            [(delegation.name, delegation.members) for delegation in largest_delegations],
        ),
        bar_chart(
            _("Registrations per day"),
            [(date_format(day, date_formats.CHART_DAY), n) for day, n in per_day],
        ),
        bar_chart(
            _("Check-ins per hour (%(zone)s)") % {"zone": conference.time_zone},
            [(date_format(hour, date_formats.CHART_HOUR), n) for hour, n in per_hour],
        ),
    ]
    return {"totals": totals, "charts": charts}


def admin_list_url(model: str, **filters: str) -> str:
    """The admin's list of `model` ("delegations_delegation") filtered by `filters`. The
    dashboard makes its conference the admin's workspace, so the lists show that conference."""
    query = f"?{urlencode(filters)}" if filters else ""
    return f"{reverse(f'admin:{model}_changelist')}{query}"


def participant_links() -> dict[str, str]:
    """For each total of the dashboard, the admin's list of the participants it counts."""
    return {
        "registered": admin_list_url("delegations_participant"),
        "approved": admin_list_url("delegations_participant", state__exact=State.APPROVED),
        "badges_printed": admin_list_url("delegations_participant", badge_printed_at__isempty="0"),
        "checked_in": admin_list_url("delegations_participant", checked_in="yes"),
        "sharing_an_address": admin_list_url("delegations_participant", shared_email="yes"),
    }


@dataclass(frozen=True)
class StateCount:
    state: DelegationState
    count: int
    url: str


@dataclass(frozen=True)
class GlanceRow:
    """One delegation's line, its texts made once here: the page has one per delegation."""

    name: str
    url: str
    status: str
    approved: int
    pending: int
    # (key, label) of each state it is in.
    states: list[tuple[str, str]]


def glance_rows(delegations: list[Delegation]) -> list[GlanceRow]:
    labels = {state.key: str(state.label) for state in delegation_states()}
    statuses = {value: str(label) for value, label in DelegationStatus.choices}
    # The change page's address with the delegation's id put in, not reversed for each row.
    change_url = reverse("admin:delegations_delegation_change", args=[0]).replace("/0/", "/{}/")
    return [
        GlanceRow(
            name=delegation.name,
            url=change_url.format(delegation.pk),
            status=statuses[delegation.status],
            approved=delegation.approved,
            pending=delegation.pending,
            states=[(state.key, labels[state.key]) for state in delegation.states],
        )
        for delegation in delegations
    ]


def delegations_at_a_glance(*, conference: Conference) -> dict:
    """Every delegation of `conference` in protocol order with its states and members, and how
    many are in each state, linked to the delegations' list filtered by it: one query."""
    delegations = delegations_with_states(
        delegations=Delegation.objects.filter(conference=conference).in_protocol_order()
    )
    return {
        "delegation_count": len(delegations),
        "delegations_url": admin_list_url("delegations_delegation"),
        "state_counts": [
            StateCount(
                state=state,
                count=sum(state in delegation.states for delegation in delegations),
                url=admin_list_url("delegations_delegation", response=state.key),
            )
            for state in delegation_states()
        ],
        "delegations": glance_rows(delegations),
    }
