"""The floor in the admin: lists' settings, room layouts, seating plans, and
"Open a list of speakers" on sessions. The day-to-day work is on the staff pages (floor/views.py),
linked from here."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conference.admin_extensions import admin_extend
from conference.workspace import ConferenceScopedAdmin, ConferenceScopedInline, Job
from floor import speakers
from floor.models import (
    ListChange,
    ReservedSeat,
    RoomLayout,
    SeatingPlan,
    SpeakersList,
    SwapRequest,
)
from sessions.models import Session


@admin.action(
    description=_("Open a list of speakers for the selected sessions"), permissions=["change"]
)
def open_speakers_lists(modeladmin, request, queryset):
    for session in queryset:
        speakers.speakers_list_open(session=session)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d session takes inscriptions.",
            "%(count)d sessions take inscriptions.",
            queryset.count(),
        )
        % {"count": queryset.count()},
        messages.SUCCESS,
    )


admin_extend(Session, actions=[open_speakers_lists])


@admin.register(SpeakersList)
class SpeakersListAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.PROGRAMME
    conference_path = "session__conference"
    list_display = ["session", "closes_at", "time_limit", "is_published", "staff_page"]
    list_filter = ["session__conference", "is_published"]
    # The inscriptions themselves (move, swap, change of speaker, withdrawal) are worked on
    # the list's own page, which the form links to.
    fields = ["session", "staff_page", "closes_at", "time_limit", "is_published"]
    readonly_fields = ["session", "staff_page"]

    def has_add_permission(self, request):
        return False  # lists are opened from the sessions

    @admin.display(description=_("list"))
    def staff_page(self, obj: SpeakersList) -> str:
        url = reverse(
            "floor:manage",
            kwargs={"conference": obj.session.conference.slug, "session": obj.session_id},
        )
        return format_html('<a href="{}">{}</a>', url, _("Manage the list"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        speakers.speakers_list_changed(speakers_list=obj)


@admin.register(ListChange)
class ListChangeAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.PROGRAMME
    conference_path = "inscription__speakers_list__session__conference"
    list_display = ["changed_at", "inscription", "kind", "from_position", "to_position", "reason"]
    list_filter = ["kind", "inscription__speakers_list__session__conference"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SwapRequest)
class SwapRequestAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    """Requests to exchange places, as focal points made and answered them: read-only."""

    job = Job.PROGRAMME
    conference_path = "proposer__speakers_list__session__conference"
    list_display = ["requested_at", "proposer", "partner", "reason", "status", "answered_at"]
    list_filter = ["status"]
    list_select_related = ["proposer__delegation", "partner__delegation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoomLayout)
class RoomLayoutAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    """The small per-room form: rows and seats per row for delegations. Its own page rather
    than an inline on the room, so that the room's form stays the core's alone."""

    job = Job.SETTINGS
    # A room, hence its layout, serves every conference at its venue.
    conference_path = "room__venue__conferences"
    conference_path_many = True

    list_display = ["room", "rows", "seats_per_row"]
    list_select_related = ["room__venue"]
    fields = ["room", "rows", "seats_per_row"]


class ReservedSeatInline(ConferenceScopedInline, admin.TabularInline):
    """The head table's places and the seats reserved on the floor, which the draw leaves out."""

    model = ReservedSeat
    job = Job.PROGRAMME
    conference_path = "plan__conference"
    extra = 0
    fields = ["reserved_for", "delegation", "at_head_table", "order", "band", "seat"]
    autocomplete_fields = ["delegation"]


@admin.register(SeatingPlan)
class SeatingPlanAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.PROGRAMME
    list_display = ["room", "conference", "order", "first_country", "seed", "staff_page"]
    list_filter = ["conference"]
    fields = ["conference", "room", "seats_per_delegation"]
    inlines = [ReservedSeatInline]

    @admin.display(description=_("plan"))
    def staff_page(self, obj: SeatingPlan) -> str:
        url = reverse("floor:seating", kwargs={"conference": obj.conference.slug, "pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Draw and print"))
