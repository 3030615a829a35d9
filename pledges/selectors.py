"""Reads of the pledge register: the summary the ministerial announces, the public totals and
a Member State's pledges across a series."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils.formats import number_format

from conference.models import Conference
from delegations.regional_groups import GROUP_OF_COUNTRY, REGIONAL_GROUP_MEMBERS, RegionalGroup
from pledges.models import Capability, Pledge, PledgeRegister, PledgeState, Unit


@dataclass
class Total:
    """One capability in one unit: its total, and how many pledges and States make it."""

    capability: Capability
    unit: str
    quantity: int = 0
    pledges: int = 0
    states: set[str] = field(default_factory=set)
    by_region: dict[str, int] = field(default_factory=dict)

    @property
    def quantity_text(self) -> str:
        """The total with the reader's thousands separator."""
        return number_format(self.quantity, force_grouping=True)

    @property
    def unit_label(self) -> str:
        return Unit(self.unit).label

    @property
    def state_count(self) -> int:
        return len(self.states)

    def region_totals(self) -> list[tuple[str, int]]:
        """(group label, quantity) for every regional group, in the groups' order."""
        return [(group.label, self.by_region.get(group.value, 0)) for group in RegionalGroup]


@dataclass
class Summary:
    totals: list[Total]
    region: str

    @property
    def pledge_count(self) -> int:
        return sum(total.pledges for total in self.totals)

    @property
    def state_count(self) -> int:
        return len(set().union(*(total.states for total in self.totals))) if self.totals else 0


def region_choice(value: str | None) -> str:
    """The regional group `value` names, or "" (all regions) for anything else."""
    return value if value in RegionalGroup.values else ""


def pledges_summary(*, conference: Conference, announced_only: bool, region: str = "") -> Summary:
    """Totals by capability and unit, with each regional group's share, counting only what may
    be announced (acknowledged or announced pledges whose State agreed), or with
    `announced_only` only announced ones. Two queries."""
    pledges = Pledge.objects.filter(delegation__conference=conference)
    pledges = pledges.announced() if announced_only else pledges.for_summary()
    if region:
        pledges = pledges.filter(delegation__country__in=REGIONAL_GROUP_MEMBERS[region])
    rows = pledges.values("capability_id", "unit", "delegation__country").annotate(
        quantity=Sum("quantity"), pledges=Count("pk")
    )
    capabilities = Capability.objects.in_bulk([row["capability_id"] for row in rows])
    totals: dict[tuple[int, str], Total] = {}
    for row in rows:
        key = (row["capability_id"], row["unit"])
        total = totals.setdefault(key, Total(capability=capabilities[key[0]], unit=key[1]))
        total.quantity += row["quantity"]
        total.pledges += row["pledges"]
        country = row["delegation__country"]
        total.states.add(country)
        group = GROUP_OF_COUNTRY.get(country)
        if group:
            total.by_region[group] = total.by_region.get(group, 0) + row["quantity"]
    ordered = sorted(
        totals.values(),
        key=lambda total: (total.capability.order, total.capability.translated_name, total.unit),
    )
    return Summary(totals=ordered, region=region)


def public_version(*, conference: Conference) -> tuple[object, str]:
    """(last change, version) of what the public pledges page shows; one query."""
    register = PledgeRegister.objects.filter(conference=conference).values("changed_at")
    changed = Capability.objects.aggregate(
        capabilities=Max("updated_at"), register=Max(register[:1])
    )
    latest = max(filter(None, changed.values()), default=None)
    return latest, "|".join(str(value) for value in changed.values())


def series_pledges(*, series_id: int, country: str) -> QuerySet[Pledge]:
    """A Member State's pledges at every meeting of a series, oldest meeting first, drafts
    left out: its record over time."""
    return (
        Pledge.objects.filter(
            delegation__conference__pledge_register__series_id=series_id,
            delegation__country=country,
        )
        .filter(~Q(state=PledgeState.DRAFT))
        .select_related("capability", "delegation__conference", "previous")
        .order_by("delegation__conference__start_date", "capability__order", "created_at", "pk")
    )
