"""The retention purge in the admin: what a purge of the workspace's conference would remove
(the dry run), and the purge itself once the conference's retention period is over."""

import datetime

from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.retention import personal_data_purge, personal_data_report
from conference.workspace import current_conference

PERMISSION = "conference.change_conference"


def retention_view(request: HttpRequest) -> HttpResponse:
    conference = current_conference(request)
    if conference is None:
        messages.info(request, _("Choose a conference first."))
        return HttpResponseRedirect(reverse("admin:index"))
    user = request.user
    if not (user.has_perm(PERMISSION) or user.has_perm(PERMISSION, conference)):
        raise PermissionDenied
    purge_from = conference.end_date + datetime.timedelta(days=conference.retention_days + 1)
    due = timezone.localdate() >= purge_from
    if request.method == "POST":
        if not due:
            raise PermissionDenied
        with transaction.atomic():
            report = personal_data_purge(conference=conference)
        messages.success(
            request,
            _("Personal data of %(conference)s removed.") % {"conference": report.conference},
        )
        return HttpResponseRedirect(request.path)
    context = {
        **site.each_context(request),
        "title": _("Retention of personal data"),
        "subtitle": str(conference),
        "conference": conference,
        "report": personal_data_report(conference=conference),
        "due": due,
        "purge_from": purge_from,
    }
    return TemplateResponse(request, "admin/retention.html", context)
