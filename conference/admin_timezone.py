"""Admin change forms that read and show times in a conference's own time zone, never in UTC.

Lists and exports write their times with conference.local_time.
"""

import zoneinfo

from django.template.response import TemplateResponse
from django.utils import timezone


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
