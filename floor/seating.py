"""Seating by lot: the organiser draws the Member State that takes the first seat, and the others
follow in English alphabetical order from it, wrapping round to A; then observer States, the UN
system, intergovernmental and other organisations (shared/reference/protocol.md). Or a custom
order. Each delegation sits in one column of the room's layout: its Head in front, the others
in the rows behind.

Reserved seats (ReservedSeat: the chair, the host country, the Secretariat) are left out:
a delegation with one is not in the order, and the columns reserved on the floor are skipped,
so the others sit around them.

The draw is reproducible: `random.Random(seed)` picks among the Member States in English
alphabetical order, so the seed shown on the plan and the same list give the same country.
"""

import random
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from delegations.models import Delegation, DelegationKind, DelegationStatus
from floor.models import RoomLayout, Seat, SeatingOrder, SeatingPlan

# Who is seated, in the order of the sections after the Member States. The host's own team and
# the experts' group have no national seat.
SEATED_AFTER_MEMBER_STATES = (
    DelegationKind.OBSERVER_STATE,
    DelegationKind.UN_SECRETARIAT,
    DelegationKind.IGO,
    DelegationKind.NGO,
)


def _taking_part(plan: SeatingPlan):
    return plan.conference.delegations.exclude(status=DelegationStatus.DECLINED)


def _seated(plan: SeatingPlan):
    """The delegations the order seats: those taking part, but for their reserved seats."""
    return _taking_part(plan).exclude(
        pk__in=plan.reserved_seats.exclude(delegation=None).values("delegation")
    )


def member_states_alphabetical(plan: SeatingPlan) -> list[Delegation]:
    return list(_seated(plan).filter(kind=DelegationKind.MEMBER_STATE).in_protocol_order())


def draw_first_country(*, seed: str, countries: list[str]) -> str:
    """The country the seed draws among `countries` (codes, in English alphabetical order)."""
    return countries[random.Random(seed).randrange(len(countries))]


def seating_order(plan: SeatingPlan) -> list[Delegation]:
    """The delegations in the order they take their seats."""
    if plan.order == SeatingOrder.CUSTOM:
        return custom_order_delegations(plan)
    members = member_states_alphabetical(plan)
    codes = [delegation.country.code for delegation in members]
    start = codes.index(plan.first_country.code) if plan.first_country.code in codes else 0
    others = list(_seated(plan).filter(kind__in=SEATED_AFTER_MEMBER_STATES).in_protocol_order())
    return [*members[start:], *members[:start], *others]


def custom_order_delegations(plan: SeatingPlan) -> list[Delegation]:
    """The delegations named in the plan's custom order, one per line, by name or sort key;
    those with a reserved seat are left out, wherever named."""
    delegations = list(_taking_part(plan))
    reserved = set(
        plan.reserved_seats.exclude(delegation=None).values_list("delegation", flat=True)
    )
    by_name = {}
    for delegation in delegations:
        by_name[delegation.name.casefold()] = delegation
        by_name[delegation.protocol_sort_key.casefold()] = delegation
    ordered, unknown = [], []
    for line in plan.custom_order.splitlines():
        name = line.strip()
        if not name:
            continue
        delegation = by_name.get(name.casefold())
        if delegation is None:
            unknown.append(name)
        elif delegation not in ordered and delegation.pk not in reserved:
            ordered.append(delegation)
    if unknown:
        raise ValidationError(
            {
                "custom_order": _("No delegation of this meeting is called: %(names)s.")
                % {"names": ", ".join(unknown)}
            }
        )
    return ordered


def free_places(*, layout: RoomLayout, seats_per_delegation: int, reserved: set) -> list:
    """The (row of delegations, seat) places left for the order: front row of delegations
    first, left to right, around the `reserved` ones; each place is a column
    `seats_per_delegation` deep."""
    bands = layout.rows // seats_per_delegation
    return [
        (band, seat)
        for band in range(1, bands + 1)
        for seat in range(1, layout.seats_per_row + 1)
        if (band, seat) not in reserved
    ]


def _reserved_places(plan: SeatingPlan, layout: RoomLayout) -> set[tuple[int, int]]:
    """The places reserved on the floor; refused when one falls outside the layout."""
    bands = layout.rows // plan.seats_per_delegation
    places = set()
    for reserved in plan.reserved_seats.filter(at_head_table=False).select_related("delegation"):
        if reserved.band > bands or reserved.seat > layout.seats_per_row:
            raise ValidationError(
                _(
                    "The seat reserved for %(name)s is outside the room: it has %(bands)s rows "
                    "of delegations of %(seats)s seats."
                )
                % {"name": reserved.label(), "bands": bands, "seats": layout.seats_per_row}
            )
        places.add((reserved.band, reserved.seat))
    return places


def _layout(plan: SeatingPlan) -> RoomLayout:
    layout = RoomLayout.objects.filter(room=plan.room_id).first()
    if layout is None:
        raise ValidationError(
            {"room": _("Give the room its seating layout (rows and seats per row) first.")}
        )
    return layout


@transaction.atomic
def seats_assign(*, plan: SeatingPlan) -> list[Seat]:
    """Seat the delegations in `plan`'s order: front band left to right, then the next band."""
    layout = _layout(plan)
    order = seating_order(plan)
    depth = plan.seats_per_delegation
    places = free_places(
        layout=layout, seats_per_delegation=depth, reserved=_reserved_places(plan, layout)
    )
    if len(order) > len(places):
        raise ValidationError(
            _(
                "The room seats %(available)s delegations of %(depth)s; %(count)s are to be "
                "seated. Enlarge the layout or give each delegation fewer seats."
            )
            % {"available": len(places), "depth": depth, "count": len(order)}
        )
    plan.seats.all().delete()
    seats = [
        Seat(
            plan=plan,
            delegation=delegation,
            order=index + 1,
            row=(band - 1) * depth + 1,
            seat=seat,
        )
        for index, (delegation, (band, seat)) in enumerate(zip(order, places, strict=False))
    ]
    return Seat.objects.bulk_create(seats)


@transaction.atomic
def seating_draw(
    *, plan: SeatingPlan, by: AbstractBaseUser | None, seed: str | None = None
) -> SeatingPlan:
    """Draw the first Member State by lot with `seed` (a new random one when None), record the
    draw and seat everyone from it."""
    plan = SeatingPlan.objects.select_for_update().select_related("conference").get(pk=plan.pk)
    codes = [delegation.country.code for delegation in member_states_alphabetical(plan)]
    if not codes:
        raise ValidationError(_("No Member State takes part: there is nobody to draw."))
    plan.seed = seed or secrets.token_hex(8)
    plan.first_country = draw_first_country(seed=plan.seed, countries=codes)
    plan.order = SeatingOrder.LOT
    plan.drawn_at = timezone.now()
    plan.drawn_by = by if by is not None and by.is_authenticated else None
    plan.save()
    seats_assign(plan=plan)
    return plan


@transaction.atomic
def seating_custom(*, plan: SeatingPlan, custom_order: str) -> SeatingPlan:
    """Seat the delegations in the order the organiser wrote, one name per line."""
    plan.order = SeatingOrder.CUSTOM
    plan.custom_order = custom_order
    seats_assign(plan=plan)
    plan.save(update_fields=["order", "custom_order"])
    return plan
