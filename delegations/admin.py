from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.functions import Collate
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conference.admin_extensions import admin_extend
from conference.models import Conference
from conference.spreadsheets import yes_no
from conference.workspace import ConferenceScopedAdmin, ConferenceScopedInline, Job
from delegations.admin_email_templates import EmailTemplateAdmin  # noqa: F401
from delegations.admin_invitations import InvitationInline, revoke_invitations, send_invitations

# Importing it replaces django-mailer's admin with one that hides the links' secrets.
from delegations.admin_mail import QueuedMessageAdmin  # noqa: F401

# Importing it also registers the participants' admin, the accreditation review queue.
from delegations.admin_participants import participants_url
from delegations.admin_quota import QuotaRequestAdmin  # noqa: F401

# Importing it also registers the list of exports asked for.
from delegations.export_admin import csv_export_action
from delegations.glance import STATES, delegation_states
from delegations.models import (
    ACTIVE_STATES,
    PROTOCOL_COLLATION,
    CategoryAllowance,
    Delegation,
    FocalPoint,
    Participant,
    State,
    delegation_protocol_order,
)
from delegations.private_files import private_file_response
from delegations.selectors import participant_count
from delegations.services import delegations_accredit


class CategoryAllowanceInline(admin.TabularInline):
    """On the conference's page: what focal points may register members as, by kind."""

    model = CategoryAllowance
    extra = 0
    verbose_name_plural = _(
        "categories focal points may register (by delegation kind; a kind without any gets "
        "the default: Delegate or Expert for States and organisations, UN Secretariat or "
        "Expert for the UN)"
    )


class FocalPointInline(ConferenceScopedInline, admin.TabularInline):
    model = FocalPoint
    fields = ["name", "email", "phone", "preferred_language"]
    extra = 1


class MemberInline(ConferenceScopedInline, admin.TabularInline):
    """The members at a glance; each is registered and reviewed on its own page."""

    model = Participant
    verbose_name = _("member")
    verbose_name_plural = _("members")
    fields = ["name", "role", "category", "email", "state"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    extra = 0

    @admin.display(description=_("name"))
    def name(self, participant: Participant) -> str:
        return participant.display_name

    def get_queryset(self, request):
        return super().get_queryset(request).in_protocol_order()

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Each conference's delegations (the newest conference first, its own order) in protocol order.
DELEGATION_ORDER = ["conference", *delegation_protocol_order()]


def with_member_counts(delegations: QuerySet[Delegation]) -> QuerySet[Delegation]:
    """Each delegation's active and approved members, counted by subqueries, not by joining
    and grouping every participant of every conference before the list's page is cut:
    PostgreSQL evaluates the subqueries after the LIMIT, and the list's COUNT(*) leaves them
    out."""
    return delegations.annotate(
        member_count=participant_count(state__in=ACTIVE_STATES),
        approved_count=participant_count(state=State.APPROVED),
    )


delegations_csv = csv_export_action(
    model=Delegation,
    columns=[
        (_("conference"), lambda delegation: delegation.conference),
        (_("delegation"), lambda delegation: delegation.name),
        (_("kind"), lambda delegation: delegation.get_kind_display()),
        (_("country code"), lambda delegation: delegation.country.code),
        (_("protocol sort key"), lambda delegation: delegation.protocol_sort_key),
        (_("status"), lambda delegation: delegation.get_status_display()),
        (_("quota"), lambda delegation: delegation.quota),
        (_("active members"), lambda delegation: delegation.member_count),
        (_("approved members"), lambda delegation: delegation.approved_count),
        (
            _("focal points"),
            lambda delegation: "; ".join(str(focal) for focal in delegation.focal_points.all()),
        ),
        (_("nomination letter"), lambda delegation: yes_no(bool(delegation.nomination_letter))),
    ],
    arrange=lambda queryset: (
        with_member_counts(queryset)
        .select_related("conference")
        .prefetch_related("focal_points")
        .order_by(*DELEGATION_ORDER)
    ),
)


@admin.action(description=_("Accredit selected delegations"), permissions=["change"])
def accredit_selected(modeladmin, request, queryset) -> None:
    accredited, skipped = delegations_accredit(delegations=queryset, by=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d delegation accredited.", "%(count)d delegations accredited.", accredited
        )
        % {"count": accredited},
        messages.SUCCESS,
    )
    if skipped:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d delegation had declined and was left as it is.",
                "%(count)d delegations had declined and were left as they are.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )


class DelegationStateFilter(admin.SimpleListFilter):
    """The delegations in one state at a glance (delegations.glance), as the dashboard counts
    them."""

    title = _("state at a glance")
    parameter_name = "response"

    def lookups(self, request, model_admin):
        return [(state.key, state.label) for state in delegation_states()]

    def queryset(self, request, queryset):
        state = STATES.get(self.value() or "")
        return queryset.filter(state.condition()) if state else queryset


@admin.register(Delegation)
class DelegationAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS

    # No kind column: the protocol order the list keeps already groups Member States,
    # observers and organisations, the filter selects one kind, and with the diplomatic
    # workflow's columns the list would not fit a 1366 px screen across all conferences.
    list_display = [
        "delegation_name",
        "conference",
        "status",
        "representation_level",
        "members",
        "has_nomination_letter",
    ]
    list_filter = ["conference", DelegationStateFilter, "kind", "status", "representation_level"]
    list_select_related = ["conference"]
    ordering = DELEGATION_ORDER
    show_full_result_count = False
    search_fields = ["protocol_sort_key", "organisation_name", "country"]
    autocomplete_fields = ["conference"]
    # The letter is confidential: staff download it through a checked view, never a media URL.
    readonly_fields = ["member_links", "nomination_letter_link", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["conference", "kind", "country", "organisation_name"]}),
        (
            _("Protocol"),
            {
                "fields": [
                    "protocol_sort_key",
                    "representation_level",
                    "status",
                    "nomination_letter_link",
                ]
            },
        ),
        (_("Members"), {"fields": ["quota", "member_links"]}),
        (_("Internal"), {"fields": ["notes", "created_at", "updated_at"]}),
    ]
    inlines = [FocalPointInline, InvitationInline, MemberInline]
    # A list, so that feature apps may add to it (conference.admin_extensions).
    list_select_related = ["conference"]
    actions = [
        accredit_selected,
        send_invitations,
        revoke_invitations,
        delegations_csv,
    ]

    def get_urls(self):
        letter = path(
            "<int:pk>/letter/",
            self.admin_site.admin_view(self.letter_view),
            name="delegations_delegation_letter",
        )
        return [letter, *super().get_urls()]

    def letter_view(self, request: HttpRequest, pk: int) -> FileResponse:
        """The nomination letter, for staff allowed to view the delegation; never cached."""
        delegation = get_object_or_404(Delegation, pk=pk)
        if not self.has_view_permission(request, delegation):
            raise PermissionDenied
        return private_file_response(
            delegation.nomination_letter,
            content_type="application/pdf",
            download_name=f"nomination-letter-{delegation.pk}.pdf",
        )

    def get_queryset(self, request):
        return with_member_counts(super().get_queryset(request))

    @admin.display(
        description=_("delegation"), ordering=Collate("protocol_sort_key", PROTOCOL_COLLATION)
    )
    def delegation_name(self, delegation: Delegation) -> str:
        return delegation.name

    # One column for both: side by side they made the list wider than a 1366 px screen.
    @admin.display(description=_("active members / quota"), ordering="member_count")
    def members(self, delegation: Delegation) -> str:
        # The whole "3 / 5" is the link: a link beside plain text in a cell must stand out by
        # more than its colour (axe's link-in-text-block).
        return format_html(
            '<a href="{}">{} / {}</a>',
            participants_url(delegation__id__exact=delegation.pk),
            delegation.member_count,
            delegation.quota,
        )

    @admin.display(description=_("nomination letter"), boolean=True)
    def has_nomination_letter(self, delegation: Delegation) -> bool:
        return bool(delegation.nomination_letter)

    @admin.display(description=_("nomination letter"))
    def nomination_letter_link(self, delegation: Delegation) -> str:
        if not delegation.nomination_letter:
            return _("Not uploaded yet.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:delegations_delegation_letter", args=[delegation.pk]),
            _("Download the nomination letter"),
        )

    @admin.display(description=_("members"))
    def member_links(self, delegation: Delegation) -> str:
        if delegation.pk is None:
            return _("Save the delegation first, then add its members.")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            participants_url(delegation__id__exact=delegation.pk),
            _("Review its members"),
            f"{reverse('admin:delegations_participant_add')}?delegation={delegation.pk}",
            _("Add a member"),
        )


@admin.register(FocalPoint)
class FocalPointAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS
    conference_path = "delegation__conference"

    list_display = ["name", "email", "phone", "delegation", "conference"]
    list_filter = ["delegation__conference"]
    list_select_related = ["delegation__conference"]
    search_fields = ["name", "email", "delegation__protocol_sort_key"]
    autocomplete_fields = ["delegation"]

    @admin.display(description=_("conference"), ordering="delegation__conference")
    def conference(self, focal_point: FocalPoint) -> Conference:
        return focal_point.delegation.conference


admin_extend(Conference, inlines=[CategoryAllowanceInline])
