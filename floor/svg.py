"""The floor plan of a seating plan as SVG, A3 landscape (420 by 297 mm), ready to print.

The head table is at the top, with its reserved places (the chair, the host country, the
Secretariat) from the left; rows run from the front. Each delegation's seats form one column:
its Head in front, the others behind, labelled with its name in English. Columns reserved on
the floor are shaded and labelled too.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from delegations.models import PROTOCOL_LANGUAGE
from floor.models import RoomLayout, SeatingOrder, SeatingPlan

WIDTH, HEIGHT = 420, 297  # mm
MARGIN = 12
TOP = 40  # below the title and the head table
HEAD_TABLE_WIDTH, HEAD_TABLE_X, HEAD_TABLE_Y, HEAD_TABLE_HEIGHT = 160, WIDTH / 2 - 80, 24, 9


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
            _block(
                row=seat.row,
                column=seat.seat,
                name=seat.delegation.name,
                depth=depth,
                cell_width=cell_width,
                cell_height=cell_height,
            )
            for seat in plan.seats.select_related("delegation").order_by("order")
        ]
        reserved = list(plan.reserved_seats.select_related("delegation"))
        blocks += [
            _block(
                row=(place.band - 1) * depth + 1,
                column=place.seat,
                name=place.label(),
                depth=depth,
                cell_width=cell_width,
                cell_height=cell_height,
                reserved=True,
            )
            for place in reserved
            if not place.at_head_table
        ]
        head_table = [place.label() for place in reserved if place.at_head_table]
        first_country = plan.first_country.name if plan.first_country else ""
    place_width = HEAD_TABLE_WIDTH / max(len(head_table), 1)
    head_places = [
        {
            "x": HEAD_TABLE_X + index * place_width,
            "text_x": HEAD_TABLE_X + (index + 0.5) * place_width,
            "name": name,
        }
        for index, name in enumerate(head_table)
    ]
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
            "chair_label": _("Head table"),
            "head_places": head_places,
            "place_width": place_width,
            "head_font": max(1.6, min(place_width / 8, 3.5)),
            "width": WIDTH,
            "height": HEIGHT,
            "margin": MARGIN,
            "font": font,
            "head_x": HEAD_TABLE_X,
            "head_y": HEAD_TABLE_Y,
            "head_width": HEAD_TABLE_WIDTH,
            "head_height": HEAD_TABLE_HEIGHT,
        },
    )


def _block(
    *,
    row: int,
    column: int,
    name: str,
    depth: int,
    cell_width: float,
    cell_height: float,
    reserved: bool = False,
) -> dict:
    """A delegation's column of seats on the plan: its Head's seat in front, `depth` deep."""
    return {
        "x": MARGIN + (column - 1) * cell_width,
        "y": TOP + (row - 1) * cell_height,
        "width": cell_width,
        "height": cell_height * depth,
        "seat_height": cell_height,
        "x2": MARGIN + column * cell_width,
        "behind": [TOP + (row - 1 + n) * cell_height for n in range(1, depth)],
        "name": name,
        "text_x": MARGIN + (column - 0.5) * cell_width,
        "text_y": TOP + (row - 0.5) * cell_height,
        "reserved": reserved,
    }
