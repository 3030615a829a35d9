"""Accreditation in the admin: its own models (zones, entries, badge colours) and what it adds to
the core apps' admin pages: badge printing on participants and delegations, arrivals on a
participant's page, filters by badge printed and checked in, and the dashboard, check-in and
List of Participants on conferences.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.reauthentication import reauthentication_redirect
from accounts.session_limits import authenticated_recently
from accreditation.documents import badges_request, participant_list_request
from accreditation.models import CategoryColour, Document, Entry, PreRegistrationDay, Zone
from conference.admin_extensions import admin_extend
from conference.admin_translations import TranslationsAdminMixin
from conference.local_time import SHORT, local_time, moment_column
from conference.models import Conference
from conference.row_ids import row_id
from conference.spreadsheets import field_text
from conference.workspace import ConferenceScopedAdmin, ConferenceScopedInline, Job
from delegations.export_admin import csv_export_action
from delegations.models import PROTOCOL_LANGUAGE, Category, Delegation, Participant, Role
from delegations.task_document_admin import DOCUMENT_PAGE_FIELDS, TaskDocumentAdminMixin


def badges_response(
    modeladmin: admin.ModelAdmin, request: HttpRequest, participants: QuerySet[Participant]
) -> HttpResponse | None:
    """Ask for the badge sheets and follow them on their page; refusals come back as errors."""
    try:
        document = badges_request(participants=participants, by=request.user)
    except ValidationError as error:
        modeladmin.message_user(request, error.message, messages.ERROR)
        return None
    return HttpResponseRedirect(document.get_absolute_url())


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


def one_conference(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Conference]
) -> Conference | None:
    """The one conference selected, or None after telling the user to select one."""
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Select one conference."), messages.ERROR)
        return None
    return queryset.get()


def conference_page_action(name: str, description: str, url_name: str):
    """An action on one selected conference that opens one of its staff pages."""

    @admin.action(description=description, permissions=["view"])
    def action(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Conference]
    ) -> HttpResponse | None:
        conference = one_conference(modeladmin, request, queryset)
        if conference is None:
            return None
        return HttpResponseRedirect(reverse(url_name, args=[conference.slug]))

    action.__name__ = name
    return action


def participant_list_action(format: str, description: str):
    """An action on one selected conference that asks for its List of Participants in
    `format`, in English, and opens the page that follows it."""

    @admin.action(description=description, permissions=["view"])
    def action(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Conference]
    ) -> HttpResponse | None:
        # The selection is a POST that cannot be replayed: back to the list to ask again.
        if not authenticated_recently(request.session):
            return reauthentication_redirect(request, next_url=request.get_full_path())
        conference = one_conference(modeladmin, request, queryset)
        if conference is None:
            return None
        document = participant_list_request(
            conference=conference, format=format, language=PROTOCOL_LANGUAGE, by=request.user
        )
        return HttpResponseRedirect(document.get_absolute_url())

    action.__name__ = f"participant_list_{format}"
    return action


open_dashboard = conference_page_action(
    "open_dashboard", gettext_lazy("Open the dashboard"), "accreditation:dashboard"
)
open_check_in = conference_page_action(
    "open_check_in", gettext_lazy("Open check-in"), "accreditation:check_in"
)
open_attendance = conference_page_action(
    "open_attendance", gettext_lazy("Open the attendance report"), "accreditation:attendance"
)
participant_list_pdf = participant_list_action(
    "pdf", gettext_lazy("Make the List of Participants (PDF)")
)
participant_list_xlsx = participant_list_action(
    "xlsx", gettext_lazy("Make the List of Participants (XLSX)")
)
participant_list_csv = participant_list_action(
    "csv", gettext_lazy("Make the List of Participants (CSV)")
)


class CategoryColourInline(ConferenceScopedInline, admin.TabularInline):
    """Badge band colours, on the conference's page."""

    job = Job.ACCREDITATION

    model = CategoryColour
    extra = 0


class PreRegistrationDayInline(admin.TabularInline):
    """Days outside the meeting's on which the door lets people in, on the conference's page."""

    model = PreRegistrationDay
    extra = 0


class EntryInline(admin.TabularInline):
    """The participant's entries, zone by zone and day by day; recorded only at the door."""

    model = Entry
    fields = ["day", "zone", "entered_at", "entered_by"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("zone", "entered_by")


entries_csv = csv_export_action(
    model=Entry,
    columns=[
        (gettext_lazy("conference"), lambda entry: entry.participant.conference),
        (gettext_lazy("day"), lambda entry: entry.day.isoformat()),
        (gettext_lazy("zone"), lambda entry: entry.zone),
        (gettext_lazy("delegation"), lambda entry: entry.participant.delegation.name),
        (gettext_lazy("given name"), lambda entry: entry.participant.given_name),
        (gettext_lazy("family name"), lambda entry: entry.participant.family_name),
        (gettext_lazy("name in own script"), lambda entry: entry.participant.own_script_name),
        (gettext_lazy("category"), lambda entry: field_text(entry.participant, "category")),
        (
            gettext_lazy("entered at"),
            lambda entry: local_time(
                entry.entered_at, entry.participant.conference.tzinfo, format=SHORT
            ),
        ),
        (gettext_lazy("let in by"), lambda entry: entry.entered_by or ""),
    ],
    arrange=lambda queryset: queryset.select_related(
        "participant__conference", "participant__delegation", "zone", "entered_by"
    ),
)


@admin.register(Entry)
class EntryAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DOOR
    conference_path = "participant__conference"

    list_display = ["participant", "delegation", "zone", "day", "entered", "entered_by"]
    list_filter = ["participant__conference", "day", "zone"]
    search_fields = [
        "participant__family_name",
        "participant__given_name",
        "participant__own_script_name",
    ]
    list_select_related = [
        "participant__delegation",
        "participant__conference",
        "zone",
        "entered_by",
    ]
    # One count of the rows on the list, not another of every entry as well.
    show_full_result_count = False
    readonly_fields = ["participant", "zone", "day", "entered_at", "entered_by"]
    actions = [entries_csv]

    @admin.display(description=gettext_lazy("delegation"))
    def delegation(self, entry: Entry) -> str:
        return entry.participant.delegation.name

    @moment_column
    @admin.display(description=gettext_lazy("entered at"), ordering="entered_at")
    def entered(self, entry: Entry) -> str:
        return local_time(entry.entered_at, entry.participant.conference.tzinfo, format=SHORT)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Entries are recorded at the door (one per participant, zone and day), never typed in.
        return False


class ZoneForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=gettext_lazy("categories that may enter"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("roles that may enter"),
        help_text=Zone._meta.get_field("roles").help_text,
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Zone
        fields = [
            "conference",
            "name",
            "name_translations",
            "code",
            "colour",
            "categories",
            "roles",
            "confirm_each_entry",
            "order",
        ]


@admin.register(Zone)
class ZoneAdmin(ConferenceScopedAdmin, TranslationsAdminMixin, admin.ModelAdmin):
    # Who may enter where is the organisers' decision, not the door's.
    job = Job.SETTINGS

    form = ZoneForm
    list_display = ["code", "name", "conference", "colour", "confirm_each_entry", "order"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    search_fields = ["name", "code"]
    fields = [
        "conference",
        ("name", "name_translations"),
        "code",
        "colour",
        "categories",
        "roles",
        "confirm_each_entry",
        "order",
    ]

    def form_languages(self, request, obj) -> list[str] | None:
        chosen = row_id(request.POST.get("conference") or request.GET.get("conference") or "")
        if chosen:
            conference = Conference.objects.filter(pk=chosen).first()
        else:
            conference = obj.conference if obj is not None else None
        return conference.languages if conference else None


@admin.register(Document)
class DocumentAdmin(TaskDocumentAdminMixin, ConferenceScopedAdmin, admin.ModelAdmin):
    """Documents made by the task worker: what was asked for, by whom, and how it went.

    Read-only; deleting one deletes its file. The attempts themselves, with tracebacks, are
    under Task results.
    """

    job = Job.REPORTS

    list_display = [
        "kind",
        "conference",
        "language",
        "status",
        "progress",
        "requested_by",
        "requested",
        # Why one failed, rather than when each finished (on its page): the list fits a
        # 1366 px screen with one of the two.
        "error",
        "page",
    ]
    fields = readonly_fields = DOCUMENT_PAGE_FIELDS


admin_extend(
    Conference,
    actions=[
        open_dashboard,
        open_check_in,
        open_attendance,
        participant_list_pdf,
        participant_list_xlsx,
        participant_list_csv,
    ],
    inlines=[CategoryColourInline, PreRegistrationDayInline],
)


class CheckedInFilter(admin.SimpleListFilter):
    """Participants who entered at least one zone, or none (the dashboard's "checked in")."""

    title = gettext_lazy("checked in")
    parameter_name = "checked_in"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        entered = Exists(Entry.objects.filter(participant=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(entered)
        if self.value() == "no":
            return queryset.exclude(entered)
        return queryset


admin_extend(
    Participant,
    actions=[print_participant_badges],
    inlines=[EntryInline],
    list_filter=[("badge_printed_at", admin.EmptyFieldListFilter), CheckedInFilter],
)
admin_extend(Delegation, actions=[print_delegation_badges])
