"""The accreditation review queue: participants and the log of their state changes."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Window
from django.db.models.fields.files import FieldFile
from django.db.models.functions import RowNumber
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from conference.admin_csv import field_columns
from conference.admin_timezone import LocalTimeZoneAdminMixin
from conference.local_time import SHORT, local_time, moment_column
from conference.models import Conference
from conference.row_ids import row_id
from conference.spreadsheets import field_text
from conference.workspace import (
    ConferenceScopedAdmin,
    ConferenceScopedInline,
    Job,
    WorkspaceRelatedFieldListFilter,
    workspace_queryset,
)
from delegations.admin_actions import (
    approve_selected,
    make_head,
    reject_selected,
    reset_selected,
    withdraw_selected,
)
from delegations.export_admin import csv_export_action
from delegations.models import (
    ACTIVE_STATES,
    PARTICIPANT_PROTOCOL_ORDER,
    REGISTERED_AT,
    Participant,
    ParticipantStateChange,
    State,
    declared_order,
)
from delegations.participant_fields import (
    CONTACT_FIELDS,
    MEDIA_FIELDS,
    NAME_FIELDS,
    NEEDS_FIELDS,
    PARTICIPANT_DETAILS,
    PLACE_FIELDS,
)
from delegations.private_files import photo_response
from delegations.services import delegation_check_quota, delegation_lock
from delegations.storage import file_delete_on_commit, file_replace_on_commit
from delegations.uploads import photo_resized, validate_photo

# What the registration itself records, shown read-only: only services and the door write it.
REGISTRATION_RECORD = [
    "state",
    "state_reason",
    "state_changed_at",
    "badge_token",
    "badge_printed_at",
    "registered_at",
    "updated_at",
]
READONLY_PHOTO = {"photo": "photo_link"}
# Pending registrations first, then the other states in the order they are declared.
STATE_RANK = declared_order("state", State)


def participants_url(**filters: object) -> str:
    """The participant list, filtered."""
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return f"{reverse('admin:delegations_participant_changelist')}?{query}"


class PrivatePhotoInput(AdminFileWidget):
    """The admin's file input, linking the current photo to the view that checks access.

    Private files have no media URL, so Django's own widget cannot link to them.
    """

    template_name = "admin/widgets/private_photo_input.html"

    def is_initial(self, value) -> bool:
        return isinstance(value, FieldFile) and bool(value)

    def get_context(self, name, value, attrs) -> dict:
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["photo_url"] = reverse(
                "admin:delegations_participant_photo", args=[value.instance.pk]
            )
        return context


class ParticipantAdminForm(forms.ModelForm):
    """Keeps the participant's conference that of its delegation; the admin supplies Meta."""

    def clean(self):
        cleaned_data = super().clean()
        if delegation := cleaned_data.get("delegation"):
            # The conference always follows the delegation.
            self.instance.conference = delegation.conference
            joining = self.instance.pk is None or "delegation" in self.changed_data
            if joining and self.instance.state in ACTIVE_STATES:
                try:
                    # The admin validates and saves in one transaction (changeform_view is
                    # atomic): the lock holds until the participant is saved, so two
                    # concurrent adds cannot both take the last place.
                    delegation_check_quota(delegation=delegation_lock(delegation_id=delegation.pk))
                except ValidationError as error:
                    self.add_error("delegation", error)
        return cleaned_data

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            # As in the portal: checked, upright, at most PHOTO_MAX_SIDE pixels, and without
            # the camera's metadata (which can hold where the picture was taken).
            validate_photo(photo)
            return photo_resized(photo)
        return photo

    def _get_validation_exclusions(self):
        # Django skips the constraints on fields that are not typed into the form; the
        # conference (set in clean) and the read-only state are in the unique constraints, so
        # check them here rather than fail on save.
        exclude = super()._get_validation_exclusions()
        exclude.discard("state")
        if self.instance.conference_id:
            exclude.discard("conference")
        return exclude


class SharedEmailFilter(admin.SimpleListFilter):
    """Active registrations whose address is also active in another delegation
    (`ParticipantQuerySet.sharing_an_address`), where the dashboard's notice leads."""

    title = _("e-mail address")
    parameter_name = "shared_email"

    def lookups(self, request, model_admin):
        return [("yes", _("Registered in more than one delegation"))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        return queryset.sharing_an_address()


class ParticipantStateChangeInline(ConferenceScopedInline, admin.TabularInline):
    """The participant's registration history, read-only: only the services write it."""

    model = ParticipantStateChange
    fields = ["from_state", "to_state", "reason", "changed_by", "changed_at"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


participants_csv = csv_export_action(
    model=Participant,
    columns=[
        (_("conference"), lambda participant: participant.conference),
        (_("delegation"), lambda participant: participant.delegation.name),
        (_("delegation kind"), lambda participant: field_text(participant.delegation, "kind")),
        *field_columns(Participant, [*PARTICIPANT_DETAILS, "state"]),
        (
            REGISTERED_AT,
            lambda participant: local_time(
                participant.registered_at, participant.conference.tzinfo, format=SHORT
            ),
        ),
    ],
    arrange=lambda queryset: queryset.select_related("delegation", "conference").order_by(
        "conference", *PARTICIPANT_PROTOCOL_ORDER
    ),
)


class DelegationFilter(WorkspaceRelatedFieldListFilter):
    """By delegation: those of the conference the list shows (the workspace's, or the one
    chosen in the conference filter), else those of the workspace. Django's "related only"
    filter asked which delegations have participants in the list, a scan of every participant
    (100,000 at a COP) on each page."""

    def field_choices(self, field, request, model_admin):
        conference_id = row_id(request.GET.get("conference__id__exact"))
        if conference_id is None:
            return super().field_choices(field, request, model_admin)
        delegations = workspace_queryset(
            field.related_model._default_manager.filter(conference_id=conference_id), request
        )
        if ordering := self.field_admin_ordering(field, request, model_admin):
            delegations = delegations.order_by(*ordering)
        return [(delegation.pk, str(delegation)) for delegation in delegations]


@admin.register(Participant)
class ParticipantAdmin(ConferenceScopedAdmin, LocalTimeZoneAdminMixin, admin.ModelAdmin):
    """The accreditation review queue: pending registrations first, oldest first."""

    job = Job.ACCREDITATION

    form = ParticipantAdminForm
    formfield_overrides = {models.ImageField: {"widget": PrivatePhotoInput}}
    radio_fields = {"name_order": admin.HORIZONTAL}
    list_display = [
        "__str__",
        "delegation_link",
        "conference",
        "role",
        "category",
        "registration_state",
        "registered",
    ]
    # Registration dates as ranges (today, the past 7 days, this month, this year), not
    # Django's date drill-down: that read every participant's registration time twice on each
    # page (its first and last, then each distinct month or day: 30-390 ms at a COP's 100,000),
    # where this filter costs no query. Organisers ask who registered lately, not on which
    # day of August (docs/performance.md, "COP scale").
    list_filter = [
        "state",
        ("registered_at", admin.DateFieldListFilter),
        SharedEmailFilter,
        "conference",
        "delegation__kind",
        ("delegation", DelegationFilter),
        "category",
        "role",
    ]
    list_select_related = ["delegation", "conference"]
    search_fields = [
        "given_name",
        "family_name",
        "own_script_name",
        "email",
        "functional_title",
        "delegation__protocol_sort_key",
        "delegation__organisation_name",
    ]
    # Read from the participant_review_order_idx index (with the -pk the admin adds).
    ordering = [STATE_RANK.asc(), "registered_at"]
    show_full_result_count = False
    autocomplete_fields = ["delegation"]
    readonly_fields = ["conference", *REGISTRATION_RECORD]
    fieldsets = [
        (None, {"fields": [*NAME_FIELDS, "nationality", "photo"]}),
        (_("Delegation"), {"fields": ["delegation", "conference", *PLACE_FIELDS]}),
        (_("Contact"), {"fields": CONTACT_FIELDS}),
        (_("Needs"), {"fields": NEEDS_FIELDS}),
        (_("Media"), {"fields": MEDIA_FIELDS}),
        (_("Privacy"), {"fields": ["consents_to_public_listing"]}),
        (
            _("Registration"),
            {
                "description": _(
                    "The state changes only through the actions of the participant list."
                ),
                "fields": REGISTRATION_RECORD,
            },
        ),
    ]
    inlines = [ParticipantStateChangeInline]
    actions = [
        approve_selected,
        reject_selected,
        withdraw_selected,
        reset_selected,
        make_head,
        participants_csv,
    ]

    def get_fieldsets(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return super().get_fieldsets(request, obj)
        # Read-only, the admin would link the photo by its media URL, which a private file
        # lacks: show the link to the view that checks access instead.
        return [
            (name, {**options, "fields": [READONLY_PHOTO.get(f, f) for f in options["fields"]]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description=_("photo"))
    def photo_link(self, participant: Participant) -> str:
        if not participant.photo:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:delegations_participant_photo", args=[participant.pk]),
            _("View the photo"),
        )

    def get_urls(self):
        photo = path(
            "<int:pk>/photo/",
            self.admin_site.admin_view(self.photo_view),
            name="delegations_participant_photo",
        )
        return [photo, *super().get_urls()]

    def photo_view(self, request: HttpRequest, pk: int) -> FileResponse:
        """The participant's private photo, for staff allowed to view the participant."""
        participant = get_object_or_404(Participant, pk=pk)
        if not self.has_view_permission(request, participant):
            raise PermissionDenied
        return photo_response(participant.photo)

    def save_model(self, request, obj, form, change) -> None:
        if "photo" in form.changed_data:
            # As in the portal, files follow the database: the new photo is written, and the
            # one it replaces (personal data nothing links to any more) deleted, on commit.
            old_name = getattr(form.initial.get("photo"), "name", None) or ""
            obj.photo = old_name
            if photo := form.cleaned_data["photo"]:
                file_replace_on_commit(field_file=obj.photo, content=photo)
            else:
                obj.photo = ""
                file_delete_on_commit(storage=obj.photo.storage, name=old_name)
        super().save_model(request, obj, form, change)

    def form_time_zone(self, request, object_id):
        if participant := row_id(object_id):
            conference = Conference.objects.filter(participants=participant).first()
            return conference.tzinfo if conference else None
        return None

    # A column sorts by one expression, the protocol order takes several: the position in
    # it stands in for them. An expression of the column, not an alias of every query: the
    # join to delegations it needs is made only when the list is sorted by this column.
    @admin.display(
        description=_("delegation"),
        ordering=Window(RowNumber(), order_by=PARTICIPANT_PROTOCOL_ORDER),
    )
    def delegation_link(self, participant: Participant) -> str:
        # Filters the queue down to the delegation, as an autocomplete filter would.
        return format_html(
            '<a href="{}">{}</a>',
            participants_url(delegation__id__exact=participant.delegation_id),
            participant.delegation.name,
        )

    @admin.display(description=_("registration state"), ordering=STATE_RANK)
    def registration_state(self, participant: Participant) -> str:
        return participant.get_state_display()

    @moment_column
    @admin.display(description=REGISTERED_AT, ordering="registered_at")
    def registered(self, participant: Participant) -> str:
        return local_time(participant.registered_at, participant.conference.tzinfo, format=SHORT)


@admin.register(ParticipantStateChange)
class ParticipantStateChangeAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    """The log of registration state changes; written only by the services."""

    job = Job.ACCREDITATION
    conference_path = "participant__conference"

    list_display = ["participant", "from_state", "to_state", "reason", "changed_by", "changed"]
    # Dates as ranges, as on the participant list: the drill-down read every change.
    list_filter = [
        "to_state",
        ("changed_at", admin.DateFieldListFilter),
        "participant__conference",
    ]
    list_select_related = ["participant__conference", "changed_by"]
    search_fields = [
        "participant__given_name",
        "participant__family_name",
        "participant__own_script_name",
        "reason",
    ]
    # Newest first, from an index: the model's own order (by participant, for their history)
    # would sort every change of every conference.
    ordering = ["-changed_at", "-pk"]
    # One count of the rows on the list, not another of the whole table as well.
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @moment_column
    @admin.display(description=_("changed at"), ordering="changed_at")
    def changed(self, change: ParticipantStateChange) -> str:
        return local_time(change.changed_at, change.participant.conference.tzinfo, format=SHORT)
