"""Requests for more places (the waiting list): organisers grant or refuse them in the admin."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from delegations.models import Delegation, QuotaRequest, QuotaRequestState
from delegations.services import quota_request_decide


def _decide(request: HttpRequest, quota_requests, *, grant: bool) -> None:
    decided, refusals = 0, []
    for quota_request in quota_requests:
        try:
            quota_request_decide(request=quota_request, grant=grant, by=request.user)
        except ValidationError as error:
            refusals.append(f"{quota_request.delegation}: {' '.join(error.messages)}")
        else:
            decided += 1
    if decided:
        messages.success(
            request,
            ngettext("%(count)d request decided.", "%(count)d requests decided.", decided)
            % {"count": decided},
        )
    if refusals:
        messages.error(request, " ".join(refusals))


@admin.action(
    description=_("Grant the selected requests (raise the quotas)"), permissions=["change"]
)
def grant_selected(modeladmin, request, queryset):
    _decide(request, queryset.select_related("delegation"), grant=True)


@admin.action(description=_("Refuse the selected requests"), permissions=["change"])
def refuse_selected(modeladmin, request, queryset):
    _decide(request, queryset.select_related("delegation"), grant=False)


@admin.register(QuotaRequest)
class QuotaRequestAdmin(admin.ModelAdmin):
    list_display = ["delegation", "places", "reason", "state", "requested_at", "decided_at"]
    list_filter = ["state", "delegation__conference"]
    list_select_related = ["delegation__conference"]
    search_fields = ["delegation__organisation_name", "delegation__country", "reason"]
    actions = [grant_selected, refuse_selected]
    readonly_fields = [
        "delegation",
        "places",
        "reason",
        "state",
        "requested_at",
        "decided_at",
        "decided_by",
    ]
    fields = [*readonly_fields, "answer"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Focal points ask from the portal; an organiser raises a quota on the delegation.
        return False

    def response_change(self, request: HttpRequest, obj: QuotaRequest):
        """The change form's "Grant" and "Refuse" buttons decide, with the answer typed."""
        grant = "_grant" in request.POST
        if grant or "_refuse" in request.POST:
            try:
                quota_request_decide(request=obj, grant=grant, by=request.user, answer=obj.answer)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Granted: the quota is now %(quota)d.")
                    % {"quota": Delegation.objects.get(pk=obj.delegation_id).quota}
                    if grant
                    else _("Refused."),
                    messages.SUCCESS,
                )
        return super().response_change(request, obj)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["decidable"] = obj is not None and obj.state == QuotaRequestState.REQUESTED
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
