"""Security clearance in the admin: the records (security's job: no other role sees them),
their decisions and purge, the log of accesses, and the conference's switches (settings)."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from clearance.forms import RefusalForm
from clearance.models import (
    DATA_FIELDS,
    AccessKind,
    ClearanceChange,
    ClearancePolicy,
    ClearanceState,
    SecurityDataAccess,
    SecurityRecord,
)
from clearance.services import access_record, clearance_decide, security_data_purge
from conference.admin_extensions import admin_extend
from conference.models import Conference
from conference.workspace import ConferenceScopedAdmin, ConferenceScopedInline, Job


class ClearancePolicyInline(ConferenceScopedInline, admin.StackedInline):
    """The switches, on the conference's page."""

    model = ClearancePolicy
    job = Job.SETTINGS
    extra = 0
    max_num = 1
    can_delete = False


class ClearanceChangeInline(admin.TabularInline):
    model = ClearanceChange
    fields = ["state", "reason", "at", "by", "by_label"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def _decide(modeladmin, request, queryset, *, state: str, reason: str = "") -> None:
    decided, errors = 0, []
    for record in queryset.select_related("participant"):
        try:
            clearance_decide(record=record, state=state, reason=reason, by=request.user)
        except ValidationError as error:
            errors.append(f"{record}: {' '.join(error.messages)}")
        else:
            decided += 1
    if decided:
        modeladmin.message_user(
            request,
            ngettext("%(count)d person decided.", "%(count)d people decided.", decided)
            % {"count": decided},
            messages.SUCCESS,
        )
    for error in errors:
        modeladmin.message_user(request, error, messages.ERROR)


@admin.action(description=gettext_lazy("Clear the selected people"), permissions=["change"])
def clear_selected(modeladmin, request: HttpRequest, queryset: QuerySet[SecurityRecord]) -> None:
    _decide(modeladmin, request, queryset, state=ClearanceState.CLEARED)


@admin.action(description=gettext_lazy("Refuse the selected people…"), permissions=["change"])
def refuse_selected(modeladmin, request: HttpRequest, queryset: QuerySet[SecurityRecord]):
    form = RefusalForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        _decide(
            modeladmin,
            request,
            queryset,
            state=ClearanceState.REFUSED,
            reason=form.cleaned_data["reason"],
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Refuse clearance"),
        "opts": modeladmin.model._meta,
        "form": form,
        "records": queryset.select_related("participant"),
        "action": "refuse_selected",
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/clearance/refuse.html", context)


@admin.action(
    description=gettext_lazy("Purge the selected people's security data"), permissions=["change"]
)
def purge_security_data(
    modeladmin, request: HttpRequest, queryset: QuerySet[SecurityRecord]
) -> None:
    purged = security_data_purge(records=list(queryset), by=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "The security data of %(count)d person is purged; the clearance stays.",
            "The security data of %(count)d people is purged; their clearance stays.",
            purged,
        )
        % {"count": purged},
        messages.SUCCESS,
    )


@admin.register(SecurityRecord)
class SecurityRecordAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    """Read-only data: the focal point or applicant gives it, security decides. Opening a
    person's page is logged as a view of their passport data."""

    job = Job.SECURITY
    conference_path = "participant__conference"
    list_display = ["participant", "delegation", "state", "submitted_at", "decided_at"]
    list_filter = ["state", "armed", "protected_status"]
    list_select_related = ["participant__delegation"]
    search_fields = ["participant__family_name", "participant__given_name"]
    # One count of the rows on the list, not another of every record as well.
    show_full_result_count = False
    actions = [clear_selected, refuse_selected, purge_security_data]
    fields = [
        "participant",
        "birth_date",
        "birth_place",
        "nationality",
        "document_number",
        "issuing_country",
        "document_expiry",
        "scan",
        "armed",
        "protected_status",
        "state",
        "reason",
        "submitted_at",
        "decided_at",
        "decided_by",
        "data_purged_at",
    ]
    readonly_fields = fields
    inlines = [ClearanceChangeInline]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The list's rows show none of the passport data: it is neither read nor decrypted (a
        # hundred rows' worth on each page). Actions and the record's page read it all.
        changelist.result_list = changelist.result_list.defer(*DATA_FIELDS)
        return changelist

    @admin.display(description=gettext_lazy("delegation"))
    def delegation(self, record: SecurityRecord) -> str:
        return record.participant.delegation.name

    @admin.display(description=gettext_lazy("passport data page"))
    def scan(self, record: SecurityRecord) -> str:
        if not record.data_page:
            return "—"
        url = reverse("clearance:data_page", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the scan"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            record = self.get_object(request, object_id)
            if record is not None and record.data_purged_at is None:
                access_record(
                    participants=[record.participant], by=request.user, kind=AccessKind.VIEWED
                )
        return response


@admin.register(SecurityDataAccess)
class SecurityDataAccessAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.SECURITY
    list_display = ["at", "by_label", "kind", "participant"]
    list_filter = ["kind"]
    list_select_related = ["participant"]
    search_fields = ["by_label", "participant__family_name", "participant__given_name"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


admin_extend(Conference, inlines=[ClearancePolicyInline])
