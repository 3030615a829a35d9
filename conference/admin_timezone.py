"""Admin pages that read and show times in a conference's own time zone, never in UTC."""

import datetime
import zoneinfo

from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _


def local_time(value: datetime.datetime | None, zone: zoneinfo.ZoneInfo) -> str:
    """`value` as a date and time in `zone`, with the zone named; empty for None."""
    if value is None:
        return ""
    local = timezone.localtime(value, zone)
    return _("%(date)s %(time)s (%(zone)s)") % {
        "date": formats.date_format(local, "j M Y"),
        "time": formats.time_format(local, "H:i"),
        "zone": zone.key,
    }


def local_time_range(
    start: datetime.datetime, end: datetime.datetime, zone: zoneinfo.ZoneInfo
) -> str:
    """`start` to `end` in `zone`, the day written once when both fall on it."""
    local_start, local_end = timezone.localtime(start, zone), timezone.localtime(end, zone)
    if local_start.date() != local_end.date():
        return f"{local_time(start, zone)} - {local_time(end, zone)}"
    return _("%(date)s %(start)s-%(end)s (%(zone)s)") % {
        "date": formats.date_format(local_start, "j M Y"),
        "start": formats.time_format(local_start, "H:i"),
        "end": formats.time_format(local_end, "H:i"),
        "zone": zone.key,
    }


class LocalTimeZoneAdminMixin:
    """Activates the zone from `form_time_zone()` while the change form is read and shown.

    The form's note names the zone, so organisers know which clock they type times in.
    """

    change_form_template = "admin/local_time_change_form.html"

    def form_time_zone(self, request, object_id: str | None) -> zoneinfo.ZoneInfo | None:
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        zone = self.form_time_zone(request, object_id)
        if zone is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        extra_context = {**(extra_context or {}), "form_time_zone": zone.key}
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # A TemplateResponse renders lazily, after this block would have restored UTC.
            if isinstance(response, TemplateResponse):
                response.render()
        return response
