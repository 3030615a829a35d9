"""The pledge register in the admin: which conferences run one, the capabilities, and the
review of pledges (acknowledge, announce, merge duplicates). Pledges themselves are the
delegations' words: organisers change their state, never their content."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from conference.admin_translations import TranslationsAdminMixin
from conference.workspace import ConferenceScopedAdmin, ConferenceScopedInline, Job
from pledges import services
from pledges.models import (
    Capability,
    Pledge,
    PledgeRegister,
    PledgeSeries,
    PledgeState,
    PledgeStateChange,
)


@admin.register(PledgeSeries)
class PledgeSeriesAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(PledgeRegister)
class PledgeRegisterAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.SETTINGS
    list_display = ["conference", "is_active", "series", "summary_link"]
    list_filter = ["is_active", "series"]
    autocomplete_fields = ["series"]
    fields = ["conference", "is_active", "series"]

    @admin.display(description=gettext_lazy("Summary"))
    def summary_link(self, register: PledgeRegister) -> str:
        url = reverse("pledges:summary", kwargs={"conference": register.conference.slug})
        return format_html('<a href="{}">{}</a>', url, _("Totals for the ministerial"))


@admin.register(Capability)
class CapabilityAdmin(TranslationsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "default_unit", "order", "is_active"]
    list_editable = ["order", "is_active"]
    fields = ["code", ("name", "name_translations"), "default_unit", "order", "is_active"]
    prepopulated_fields = {"code": ["name"]}

    def form_languages(self, request, obj) -> list[str] | None:
        return None  # every offered language: capabilities serve every conference


class StateChangeInline(ConferenceScopedInline, admin.TabularInline):
    model = PledgeStateChange
    job = Job.DELEGATIONS
    conference_path = "pledge__delegation__conference"
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_state", "to_state", "reason", "changed_by", "by_focal_point"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _move(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, to_state: str
) -> None:
    moved, refused = 0, []
    for pledge in queryset:
        try:
            services.pledge_transition(pledge=pledge, to_state=to_state, by=request.user)
        except ValidationError as error:
            refused.append(f"{pledge.pk}: {' '.join(error.messages)}")
        else:
            moved += 1
    if moved:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d pledge moved to “%(state)s”.",
                "%(count)d pledges moved to “%(state)s”.",
                moved,
            )
            % {"count": moved, "state": PledgeState(to_state).label},
            messages.SUCCESS,
        )
    for message in refused:
        modeladmin.message_user(request, message, messages.ERROR)


@admin.action(description=gettext_lazy("Acknowledge the selected pledges"), permissions=["change"])
def acknowledge(modeladmin, request, queryset) -> None:
    _move(modeladmin, request, queryset, PledgeState.ACKNOWLEDGED)


@admin.action(description=gettext_lazy("Announce the selected pledges"), permissions=["change"])
def announce(modeladmin, request, queryset) -> None:
    _move(modeladmin, request, queryset, PledgeState.ANNOUNCED)


@admin.action(
    description=gettext_lazy("Merge the selected duplicates into the oldest"),
    permissions=["change"],
)
def merge_duplicates(modeladmin, request, queryset) -> None:
    selected = list(queryset.order_by("created_at", "pk"))
    if len(selected) < 2:
        modeladmin.message_user(request, _("Select at least two pledges."), messages.ERROR)
        return
    keep, *duplicates = selected
    try:
        services.pledges_merge(keep=keep, duplicates=duplicates, by=request.user)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d duplicate withdrawn; pledge %(number)s kept.",
            "%(count)d duplicates withdrawn; pledge %(number)s kept.",
            len(duplicates),
        )
        % {"count": len(duplicates), "number": keep.pk},
        messages.SUCCESS,
    )


@admin.register(Pledge)
class PledgeAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS
    conference_path = "delegation__conference"
    list_display = [
        "pk",
        "delegation",
        "capability",
        "quantity",
        "unit",
        "deployable_from",
        "may_be_announced",
        "state",
        "previous_version",
    ]
    list_filter = ["delegation__conference", "state", "capability", "may_be_announced"]
    search_fields = ["delegation__protocol_sort_key", "capability__name"]
    list_select_related = ["delegation", "capability"]
    actions = [acknowledge, announce, merge_duplicates]
    inlines = [StateChangeInline]
    readonly_fields = [
        "delegation",
        *services.CONTENT_FIELDS,
        "state",
        "previous",
        "duplicate_of",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False  # focal points make pledges, in their portal

    @admin.display(description=gettext_lazy("previous version"), ordering="previous")
    def previous_version(self, pledge: Pledge) -> str:
        return str(pledge.previous_id or "")
