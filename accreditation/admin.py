"""Accreditation in the admin: its own models (check-ins, badge colours) and what it adds to
the core apps' admin pages: badge printing on participants and delegations, arrivals on a
participant's page, and the dashboard, check-in and List of Participants on conferences.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.badges import badges_print
from accreditation.models import CategoryColour, CheckIn
from conference.admin_csv import csv_export_action
from conference.admin_extensions import admin_extend
from conference.local_time import SHORT, local_time
from conference.models import Conference
from conference.staff import file_response
from delegations.models import Delegation, Participant


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
    "open_dashboard", gettext_lazy("Open the dashboard"), "accreditation:dashboard"
)
open_check_in = conference_page_action(
    "open_check_in", gettext_lazy("Open check-in"), "accreditation:check_in"
)
download_participant_list_pdf = conference_page_action(
    "download_participant_list_pdf",
    gettext_lazy("Download the List of Participants (PDF)"),
    "accreditation:participant_list",
    "pdf",
)
download_participant_list_xlsx = conference_page_action(
    "download_participant_list_xlsx",
    gettext_lazy("Download the List of Participants (XLSX)"),
    "accreditation:participant_list",
    "xlsx",
)
download_participant_list_csv = conference_page_action(
    "download_participant_list_csv",
    gettext_lazy("Download the List of Participants (CSV)"),
    "accreditation:participant_list",
    "csv",
)


class CategoryColourInline(admin.TabularInline):
    """Badge band colours, on the conference's page."""

    model = CategoryColour
    extra = 0


class CheckInInline(admin.TabularInline):
    """The participant's arrival, on the participant's page; recorded only at the door."""

    model = CheckIn
    fields = ["checked_in_at", "checked_in_by"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


check_ins_csv = csv_export_action(
    columns=[
        (gettext_lazy("conference"), lambda check_in: check_in.participant.conference),
        (gettext_lazy("delegation"), lambda check_in: check_in.participant.delegation.name),
        (gettext_lazy("given name"), lambda check_in: check_in.participant.given_name),
        (gettext_lazy("family name"), lambda check_in: check_in.participant.family_name),
        (
            gettext_lazy("name in own script"),
            lambda check_in: check_in.participant.own_script_name,
        ),
        (gettext_lazy("category"), lambda check_in: check_in.participant.get_category_display()),
        (
            gettext_lazy("checked in at"),
            lambda check_in: local_time(
                check_in.checked_in_at, check_in.participant.conference.tzinfo, format=SHORT
            ),
        ),
        (gettext_lazy("checked in by"), lambda check_in: check_in.checked_in_by or ""),
    ],
    arrange=lambda queryset: queryset.select_related(
        "participant__conference", "participant__delegation", "checked_in_by"
    ),
)


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["participant", "delegation", "checked_in_at", "checked_in_by"]
    list_filter = ["participant__conference"]
    search_fields = [
        "participant__family_name",
        "participant__given_name",
        "participant__own_script_name",
    ]
    list_select_related = ["participant__delegation", "checked_in_by"]
    readonly_fields = ["participant", "checked_in_at", "checked_in_by"]
    actions = [check_ins_csv]

    @admin.display(description=gettext_lazy("delegation"))
    def delegation(self, check_in: CheckIn) -> str:
        return check_in.participant.delegation.name

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Arrivals are recorded at the door (one row per participant), never typed in here.
        return False


admin_extend(
    Conference,
    actions=[
        open_dashboard,
        open_check_in,
        download_participant_list_pdf,
        download_participant_list_xlsx,
        download_participant_list_csv,
    ],
    inlines=[CategoryColourInline],
)
admin_extend(Participant, actions=[print_participant_badges], inlines=[CheckInInline])
admin_extend(Delegation, actions=[print_delegation_badges])
