"""The pledge register's staff pages (the summary, its files, a Member State's record over a
series) and its public page (announced pledges by capability)."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.models import Conference
from conference.public import cached_response, conference_page, render_in_conference_zone
from conference.staff import staff_permission_required
from delegations.regional_groups import RegionalGroup
from delegations.task_document_views import TaskDocumentView
from pledges.charts import bar_chart
from pledges.documents import summary_xlsx
from pledges.models import PledgeRegister, PledgeSeries, SummaryDocument
from pledges.selectors import pledges_summary, public_version, region_choice, series_pledges
from pledges.tasks import summary_make

VIEW_PLEDGES = "pledges.view_pledge"


def _regions() -> list[tuple[str, str]]:
    return [(group.value, group.label) for group in RegionalGroup]


def _register_or_404(slug: str) -> PledgeRegister:
    return get_object_or_404(
        PledgeRegister.objects.select_related("conference", "series"), conference__slug=slug
    )


@staff_permission_required(VIEW_PLEDGES)
def summary(request: HttpRequest, conference: str) -> HttpResponse:
    """Totals by capability and by region of what the ministerial may announce."""
    register = _register_or_404(conference)
    region = region_choice(request.GET.get("region"))
    result = pledges_summary(conference=register.conference, announced_only=False, region=region)
    context = {
        "register": register,
        "conference": register.conference,
        "summary": result,
        "regions": _regions(),
        "region": region,
        "groups": [group.label for group in RegionalGroup],
        "documents": SummaryDocument.objects.filter(conference=register.conference)[:5],
    }
    return render(request, "pledges/summary.html", context)


@staff_permission_required(VIEW_PLEDGES)
def summary_spreadsheet(request: HttpRequest, conference: str) -> HttpResponse:
    register = _register_or_404(conference)
    region = region_choice(request.GET.get("region"))
    result = pledges_summary(conference=register.conference, announced_only=False, region=region)
    response = HttpResponse(
        summary_xlsx(conference=register.conference, summary=result),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="pledges-{conference}.xlsx"'
    return response


@require_POST
@staff_permission_required(VIEW_PLEDGES)
def summary_pdf_request(request: HttpRequest, conference: str) -> HttpResponse:
    """Record the PDF to make and queue it, then follow it on its page."""
    register = _register_or_404(conference)
    with transaction.atomic():
        document = SummaryDocument.objects.create(
            conference=register.conference,
            language=translation.get_language(),
            region=region_choice(request.POST.get("region")),
            requested_by=request.user,
        )
        summary_make.enqueue(document_id=document.pk)
    return redirect(document)


class SummaryDocumentView(TaskDocumentView):
    model = SummaryDocument
    permissions = (VIEW_PLEDGES,)
    base_template = "pledges/_staff_base.html"

    def back_link(self, document: SummaryDocument) -> tuple[str, str]:
        url = reverse("pledges:summary", kwargs={"conference": document.conference.slug})
        return url, _("Back to the summary")


@staff_permission_required(VIEW_PLEDGES)
def series_record(request: HttpRequest, series: int, country: str) -> HttpResponse:
    """One Member State's pledges at every meeting of a series, for organisers."""
    found = get_object_or_404(PledgeSeries, pk=series)
    pledges = series_pledges(series_id=found.pk, country=country.upper())
    return render(
        request,
        "pledges/series_staff.html",
        {"series": found, "pledges": pledges, "country": country.upper()},
    )


@conference_page
def public_pledges(request: HttpRequest, conference: Conference, *, preview: bool) -> HttpResponse:
    """Announced pledges by capability with their totals, optionally for one regional group."""
    register = get_object_or_404(PledgeRegister.objects.active(), conference=conference)
    changed_at, version = public_version(conference=conference)
    region = region_choice(request.GET.get("region"))

    def render_page() -> HttpResponse:
        result = pledges_summary(conference=conference, announced_only=True, region=region)
        context = {
            "register": register,
            "summary": result,
            "charts": bar_chart(result.totals, rtl=translation.get_language_bidi()),
            "regions": _regions(),
            "region": region,
            "region_label": RegionalGroup(region).label if region else "",
        }
        return render_in_conference_zone(
            request, "pledges/public.html", context, conference=conference, preview=preview
        )

    return cached_response(
        request=request,
        version=version,
        last_modified=changed_at,
        render=render_page,
        public=not preview,
        parameters=["region"],
    )
