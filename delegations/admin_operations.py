"""Admin actions for the week of the meeting, and admin classes for the operations models.

Wired in by delegations/admin.py (see docs/operations.md): badge printing on participants
and delegations, List of Participants downloads and the dashboard on conferences.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conference.models import Conference
from delegations.badges import badges_print
from delegations.models import CategoryColour, CheckIn, Delegation, Participant
from delegations.operations_views import file_response


def badges_response(
    modeladmin: admin.ModelAdmin, request: HttpRequest, participants: QuerySet[Participant]
) -> HttpResponse | None:
    conferences = Conference.objects.filter(participants__in=participants).distinct()
    if len(conferences) != 1:
        modeladmin.message_user(
            request, _("Select participants of one conference at a time."), messages.ERROR
        )
        return None
    [conference] = conferences
    try:
        pdf = badges_print(conference=conference, participants=participants)
    except ValidationError as error:
        modeladmin.message_user(request, error.message, messages.ERROR)
        return None
    return file_response(
        pdf, content_type="application/pdf", filename=f"badges-{conference.slug}.pdf"
    )


@admin.action(
    description=gettext_lazy("Print badges of the selected participants"), permissions=["change"]
)
def print_participant_badges(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Participant]
) -> HttpResponse | None:
    return badges_response(modeladmin, request, queryset)


@admin.action(
    description=gettext_lazy("Print badges of the selected delegations"), permissions=["change"]
)
def print_delegation_badges(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Delegation]
) -> HttpResponse | None:
    return badges_response(modeladmin, request, Participant.objects.filter(delegation__in=queryset))


def conference_page_action(name: str, description: str, url_name: str, *args: str):
    """An action on one selected conference that opens one of its staff pages."""

    @admin.action(description=description, permissions=["view"])
    def action(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Conference]
    ) -> HttpResponse | None:
        if queryset.count() != 1:
            modeladmin.message_user(request, _("Select one conference."), messages.ERROR)
            return None
        return HttpResponseRedirect(reverse(url_name, args=[queryset.get().slug, *args]))

    action.__name__ = name
    return action


open_dashboard = conference_page_action(
    "open_dashboard", gettext_lazy("Open the dashboard"), "operations:dashboard"
)
open_check_in = conference_page_action(
    "open_check_in", gettext_lazy("Open check-in"), "operations:check_in"
)
download_participant_list_pdf = conference_page_action(
    "download_participant_list_pdf",
    gettext_lazy("Download the List of Participants (PDF)"),
    "operations:participant_list",
    "pdf",
)
download_participant_list_xlsx = conference_page_action(
    "download_participant_list_xlsx",
    gettext_lazy("Download the List of Participants (XLSX)"),
    "operations:participant_list",
    "xlsx",
)
download_participant_list_csv = conference_page_action(
    "download_participant_list_csv",
    gettext_lazy("Download the List of Participants (CSV)"),
    "operations:participant_list",
    "csv",
)


class CategoryColourInline(admin.TabularInline):
    """Badge band colours, on the conference's page."""

    model = CategoryColour
    extra = 0


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["participant", "delegation", "checked_in_at", "checked_in_by"]
    list_filter = ["participant__conference"]
    search_fields = ["participant__family_name", "participant__given_name"]
    list_select_related = ["participant__delegation", "checked_in_by"]
    readonly_fields = ["participant", "checked_in_at", "checked_in_by"]

    @admin.display(description=gettext_lazy("delegation"))
    def delegation(self, check_in: CheckIn) -> str:
        return check_in.participant.delegation.name

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Arrivals are recorded at the door (one row per participant), never typed in here.
        return False
