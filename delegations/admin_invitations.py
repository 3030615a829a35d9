"""Admin for invitations: send, re-send and revoke delegations' registration links.

`send_invitations` and `revoke_invitations` are actions for DelegationAdmin and
`InvitationInline` an inline for it; the invitation list itself is registered here.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conference.workspace import ConferenceScopedAdmin, ConferenceScopedInline, Job
from delegations.invitations import invitation_revoke, invitation_send
from delegations.models import Delegation, Invitation


@admin.action(description=_("Send (or re-send) invitations"), permissions=["change"])
def send_invitations(modeladmin, request: HttpRequest, queryset: QuerySet[Delegation]) -> None:
    sent = 0
    for delegation in queryset.select_related("conference"):
        try:
            invitation_send(
                delegation=delegation, site_url=request.build_absolute_uri("/"), by=request.user
            )
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.WARNING)
        else:
            sent += 1
    modeladmin.message_user(
        request,
        ngettext("Sending %(count)d invitation.", "Sending %(count)d invitations.", sent)
        % {"count": sent},
        messages.SUCCESS,
    )


@admin.action(description=_("Revoke invitations"), permissions=["change"])
def revoke_invitations(modeladmin, request: HttpRequest, queryset: QuerySet[Delegation]) -> None:
    revoked = sum(invitation_revoke(delegation=delegation) for delegation in queryset)
    modeladmin.message_user(
        request,
        ngettext("Revoked %(count)d invitation.", "Revoked %(count)d invitations.", revoked)
        % {"count": revoked},
        messages.SUCCESS,
    )


class InvitationInline(ConferenceScopedInline, admin.TabularInline):
    model = Invitation
    fields = ["sent_at", "sent_by", "send_count", "opened_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False


@admin.register(Invitation)
class InvitationAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS
    conference_path = "delegation__conference"

    list_display = [
        "delegation",
        "conference",
        "sent_at",
        "sent_by",
        "send_count",
        "opened_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["delegation__conference", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["delegation__organisation_name", "delegation__protocol_sort_key"]
    list_select_related = ["delegation__conference", "sent_by"]
    readonly_fields = [
        "delegation",
        "sent_at",
        "sent_by",
        "send_count",
        "opened_at",
        "last_used_at",
        "revoked_at",
    ]
    fields = readonly_fields
    actions = ["resend", "revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Invitations are made by sending them from the delegation list.
        return False

    @admin.display(description=_("conference"), ordering="delegation__conference")
    def conference(self, invitation: Invitation) -> str:
        return str(invitation.delegation.conference)

    @admin.action(description=_("Re-send (the old link stops working)"), permissions=["change"])
    def resend(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        send_invitations(self, request, Delegation.objects.filter(invitation__in=queryset))

    @admin.action(description=_("Revoke"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        revoke_invitations(self, request, Delegation.objects.filter(invitation__in=queryset))
