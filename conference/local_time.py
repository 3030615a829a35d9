"""Moments as the meeting reads them: in the conference's time zone, with the zone named.

Every page, e-mail, document, message, export and admin column that shows a moment writes it
here (templates through `{% load local_time %}{{ moment|local_time:conference }}`), so none
shows UTC or the server's zone and all of them name the zone the same way.
"""

import datetime
import zoneinfo
from collections.abc import Callable
from contextvars import ContextVar

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from conference import date_formats

# Pages, e-mails and documents spell the month out; the admin's columns and exports, short of
# room, abbreviate it; a message about a moment just now gives the time of day. Each language
# writes them in its own formats (conference.date_formats).
LONG = date_formats.MOMENT
SHORT = date_formats.MOMENT_SHORT
TIME_OF_DAY = date_formats.TIME_OF_DAY


# The zone a list's column header names (zone_in_header): its cells go without it.
_zone_in_header: ContextVar[zoneinfo.ZoneInfo | None] = ContextVar("zone_in_header", default=None)


def _with_zone(text: str, zone: zoneinfo.ZoneInfo) -> str:
    if zone == _zone_in_header.get():
        return text
    return _("%(time)s (%(zone)s)") % {"time": text, "zone": zone.key}


def moment_column(column: Callable) -> Callable:
    """Marks an admin column whose cells are moments written here, in their conference's zone:
    when a list shows one conference, its header names the zone once (zone_in_header)."""
    column.moment_column = True
    return column


def zone_in_header(column: Callable, zone: zoneinfo.ZoneInfo) -> Callable:
    """`column`, a moment_column of a list whose rows are all in `zone`, with the zone named
    in its header, "registered (Asia/Karachi)", and not repeated in each cell."""

    def cells(obj) -> str:
        token = _zone_in_header.set(zone)
        try:
            return column(obj)
        finally:
            _zone_in_header.reset(token)

    cells.__name__ = column.__name__
    cells.short_description = _with_zone(str(column.short_description), zone)
    cells.admin_order_field = getattr(column, "admin_order_field", None)
    return cells


def local_time(
    value: datetime.datetime | None, zone: zoneinfo.ZoneInfo, *, format: str = LONG
) -> str:
    """`value` in `zone`, written in `format`, the zone named after it; empty for None.

    E.g. "30 August 2023, 09:00 (Asia/Karachi)".
    """
    if value is None:
        return ""
    return _with_zone(formats.date_format(timezone.localtime(value, zone), format), zone)


def local_time_range(
    start: datetime.datetime, end: datetime.datetime, zone: zoneinfo.ZoneInfo
) -> str:
    """`start` to `end` in `zone`, short, the day written once when both fall on it.

    E.g. "30 Aug 2023 09:00-10:00 (Asia/Karachi)".
    """
    local_start, local_end = timezone.localtime(start, zone), timezone.localtime(end, zone)
    if local_start.date() != local_end.date():
        return f"{local_time(start, zone, format=SHORT)} - {local_time(end, zone, format=SHORT)}"
    start_text = formats.date_format(local_start, SHORT)
    end_text = formats.date_format(local_end, TIME_OF_DAY)
    return _with_zone(f"{start_text}-{end_text}", zone)
