"""The door sign of a bilateral room for one day: the meetings held there, by time, with the
two delegations' names, large enough to read from the corridor; never the topic."""

import datetime

from bilaterals.selectors import room_day_bilaterals
from conference.models import Conference, Room
from conference.pdf import pdf_render


def door_sign_pdf(*, conference: Conference, room: Room, day: datetime.date) -> bytes:
    """A4 landscape, in the active language, times in the conference's zone."""
    return pdf_render(
        template="bilaterals/door_sign_pdf.html",
        context={
            "conference": conference,
            "room": room,
            "day": day,
            "bilaterals": room_day_bilaterals(room=room, conference=conference, day=day),
            "tz": conference.tzinfo,
        },
        stylesheet="bilaterals/door_sign_pdf.css",
    )
