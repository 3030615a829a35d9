"""The floor plan of a seating plan as SVG, A3 landscape (420 by 297 mm), ready to print.

The chair's table is at the top; rows run from the front. Each delegation's seats form one
column: its Head in front, the others behind, labelled with its name in English.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from delegations.models import PROTOCOL_LANGUAGE
from floor.models import RoomLayout, SeatingOrder, SeatingPlan

WIDTH, HEIGHT = 420, 297  # mm
MARGIN = 12
TOP = 40  # below the title and the chair's table


def floor_plan_svg(*, plan: SeatingPlan) -> str:
    layout = RoomLayout.objects.get(room=plan.room_id)
    cell_width = (WIDTH - 2 * MARGIN) / layout.seats_per_row
    cell_height = min((HEIGHT - TOP - MARGIN) / layout.rows, cell_width * 0.6)
    # Every seat of the room, faintly, so that the plan shows the empty ones too.
    empty = [
        (MARGIN + column * cell_width, TOP + row * cell_height)
        for row in range(layout.rows)
        for column in range(layout.seats_per_row)
    ]
    depth = plan.seats_per_delegation
    font = max(1.6, min(cell_width / 7, 5))
    with translation.override(PROTOCOL_LANGUAGE):
        blocks = [
            {
                "x": MARGIN + (seat.seat - 1) * cell_width,
                "y": TOP + (seat.row - 1) * cell_height,
                "width": cell_width,
                "height": cell_height * depth,
                "seat_height": cell_height,
                "x2": MARGIN + seat.seat * cell_width,
                "behind": [TOP + (seat.row - 1 + n) * cell_height for n in range(1, depth)],
                "name": seat.delegation.name,
                "order": seat.order,
                "text_x": MARGIN + (seat.seat - 0.5) * cell_width,
                "text_y": TOP + (seat.row - 0.5) * cell_height,
            }
            for seat in plan.seats.select_related("delegation").order_by("order")
        ]
        first_country = plan.first_country.name if plan.first_country else ""
    drawn = ""
    if plan.drawn_at and plan.order == SeatingOrder.LOT:
        drawn = _("First seat drawn by lot: %(country)s (seed %(seed)s)") % {
            "country": first_country,
            "seed": plan.seed,
        }
    # Names in English, as protocol orders them; the labels in the organiser's language.
    return render_to_string(
        "floor/floor_plan.svg",
        {
            "plan": plan,
            "blocks": blocks,
            "empty": empty,
            "cell_width": cell_width,
            "cell_height": cell_height,
            "drawn": drawn,
            "chair_label": _("Chair and podium"),
            "width": WIDTH,
            "height": HEIGHT,
            "margin": MARGIN,
            "font": font,
            "chair_x": WIDTH / 2 - 60,
        },
    )
