"""The protocol workflow in the admin: its own models, and what it adds to the delegations'
and conferences' pages (notes verbales, response, credentials, reminders, portal links)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.reauthentication import reauthentication_redirect
from accounts.session_limits import authenticated_recently
from conference.admin_extensions import admin_extend
from conference.admin_translations import TranslationsAdminMixin, translations_form_setup
from conference.local_time import SHORT, local_time, moment_column
from conference.models import Conference
from conference.workspace import ConferenceScopedAdmin, ConferenceScopedInline, Job
from delegations.models import Delegation
from delegations.task_document_admin import DOCUMENT_PROGRESS_FIELDS, TaskDocumentAdminMixin
from diplomacy import services
from diplomacy.admin_visas import VisaLetterRequestAdmin  # noqa: F401  (registers it)
from diplomacy.forms import CredentialsRecordForm, NotesForm, ReminderForm
from diplomacy.imports import focal_point_rows_read, focal_points_import
from diplomacy.models import (
    Credentials,
    CredentialsStatus,
    JobKind,
    MemberChange,
    NoteVerbale,
    ProtocolJob,
    ProtocolSettings,
    Reminder,
    ResponseStep,
)


def _intermediate(modeladmin, request, queryset, *, form, action: str, title: str, **extra):
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.model._meta,
        "form": form,
        "delegations": queryset,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        **extra,
    }
    return TemplateResponse(request, "admin/diplomacy/delegation_action.html", context)


def _submitted(request: HttpRequest) -> dict | None:
    return request.POST if "apply" in request.POST else None


@admin.action(description=gettext_lazy("Make notes verbales…"), permissions=["change"])
def make_notes(modeladmin, request: HttpRequest, queryset: QuerySet[Delegation]):
    form = NotesForm(_submitted(request))
    if form.is_valid():
        try:
            job = services.notes_request(
                delegations=queryset.select_related("conference"),
                send=form.cleaned_data["send"],
                site_url=request.build_absolute_uri("/"),
                by=request.user,
            )
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        return HttpResponseRedirect(job.get_absolute_url())
    return _intermediate(
        modeladmin,
        request,
        queryset,
        form=form,
        action="make_notes",
        title=_("Make notes verbales"),
        warning=_(
            "Each note carries a new portal link: the delegation's earlier link (in an e-mail "
            "or an earlier note) stops working. Reference numbers already given are kept."
        ),
    )


@admin.action(description=gettext_lazy("Send a reminder…"), permissions=["change"])
def send_reminders(modeladmin, request: HttpRequest, queryset: QuerySet[Delegation]):
    form = ReminderForm(_submitted(request))
    if form.is_valid():
        send_at = form.cleaned_data["send_at"]
        reminders = services.reminders_schedule(
            delegations=queryset,
            send_at=send_at,
            message=form.cleaned_data["message"],
            by=request.user,
        )
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d reminder scheduled.", "%(count)d reminders scheduled.", len(reminders)
            )
            % {"count": len(reminders)},
            messages.SUCCESS,
        )
        return None
    return _intermediate(
        modeladmin,
        request,
        queryset,
        form=form,
        action="send_reminders",
        title=_("Send a reminder"),
    )


@admin.action(description=gettext_lazy("Record credentials…"), permissions=["change"])
def record_credentials(modeladmin, request: HttpRequest, queryset: QuerySet[Delegation]):
    form = CredentialsRecordForm(_submitted(request))
    if form.is_valid():
        recorded = 0
        for delegation in queryset:
            try:
                services.credentials_record(
                    by=request.user, delegation=delegation, **form.cleaned_data
                )
            except ValidationError as error:
                modeladmin.message_user(
                    request, f"{delegation}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                recorded += 1
        modeladmin.message_user(
            request,
            ngettext(
                "Credentials recorded for %(count)d delegation.",
                "Credentials recorded for %(count)d delegations.",
                recorded,
            )
            % {"count": recorded},
            messages.SUCCESS,
        )
        return None
    return _intermediate(
        modeladmin,
        request,
        queryset,
        form=form,
        action="record_credentials",
        title=_("Record credentials"),
    )


@admin.action(
    description=gettext_lazy("Record acknowledgement of the invitation"), permissions=["change"]
)
def record_acknowledged(modeladmin, request: HttpRequest, queryset: QuerySet[Delegation]) -> None:
    for delegation in queryset:
        try:
            services.response_acknowledge(delegation=delegation, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.WARNING)
    modeladmin.message_user(request, _("Acknowledgements recorded."), messages.SUCCESS)


@admin.action(
    description=gettext_lazy("Record that the delegation declined"), permissions=["change"]
)
def record_declined(modeladmin, request: HttpRequest, queryset: QuerySet[Delegation]) -> None:
    for delegation in queryset:
        try:
            services.response_decline(delegation=delegation, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.WARNING)
    modeladmin.message_user(request, _("Declines recorded."), messages.SUCCESS)


@admin.action(
    description=gettext_lazy("Issue new portal links and show them…"), permissions=["change"]
)
def show_portal_links(modeladmin, request: HttpRequest, queryset: QuerySet[Delegation]):
    """Only a hash of a link is kept, so a link can be shown only when it is made: this makes
    new ones (the old ones, and those in notes verbales, stop working) and shows them once."""
    if "apply" not in request.POST:
        return _intermediate(
            modeladmin,
            request,
            queryset,
            form=None,
            action="show_portal_links",
            title=_("Issue new portal links"),
            warning=_(
                "Plenary keeps no copy of a portal link, only a fingerprint of it, so that a "
                "leaked database opens no delegation's registration. A link can therefore be "
                "shown only when it is made. Continuing makes a new link for each delegation "
                "and shows it once, to copy: the old link, and the one printed in its note "
                "verbale, stop working."
            ),
        )
    links = services.portal_links_reissue(
        delegations=queryset.select_related("conference"),
        site_url=request.build_absolute_uri("/"),
        by=request.user,
    )
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("New portal links"),
        "opts": modeladmin.model._meta,
        "links": links,
    }
    response = TemplateResponse(request, "admin/diplomacy/portal_links.html", context)
    response["Cache-Control"] = "no-store, private"
    return response


@admin.display(description=gettext_lazy("note verbale"))
def note_reference(delegation: Delegation) -> str:
    note = getattr(delegation, "note_verbale", None)
    return note.reference if note else ""


@admin.display(description=gettext_lazy("credentials"))
def credentials_status(delegation: Delegation) -> str:
    credentials = getattr(delegation, "credentials", None)
    return credentials.get_status_display() if credentials else CredentialsStatus.NONE.label


class ReadOnlyInline(ConferenceScopedInline, admin.TabularInline):
    extra = 0
    max_num = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class NoteVerbaleInline(ReadOnlyInline):
    model = NoteVerbale
    fields = ["reference", "language", "generated_at", "sent_at", "link_current", "pdf"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("its portal link works"), boolean=True)
    def link_current(self, note: NoteVerbale) -> bool:
        return note.link_is_current()

    @admin.display(description=gettext_lazy("PDF"))
    def pdf(self, note: NoteVerbale) -> str:
        if not note.file:
            return ""
        return format_html(
            '<a href="{}">{}</a>', reverse("diplomacy:note_file", args=[note.pk]), _("Download")
        )


class CredentialsInline(ReadOnlyInline):
    model = Credentials
    # Credentials have no admin of their own: their job lets roles read them (and their scans).
    job = Job.DELEGATIONS
    conference_path = "delegation__conference"
    fields = ["status", "issued_by", "scan", "uploaded_at", "recorded_by", "recorded_at", "remarks"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("credentials (record them with the list's action)")

    @admin.display(description=gettext_lazy("scan (PDF)"))
    def scan(self, credentials: Credentials) -> str:
        if not credentials.file:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("diplomacy:credentials_file", args=[credentials.pk]),
            _("Download"),
        )


class ResponseStepInline(ReadOnlyInline):
    """The delegation's timeline: each step of its response, when and by whom."""

    model = ResponseStep
    fields = ["step", "when", "by_whom", "note"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("response (timeline)")

    @moment_column
    @admin.display(description=gettext_lazy("when"))
    def when(self, step: ResponseStep) -> str:
        return local_time(step.at, step.delegation.conference.tzinfo, format=SHORT)

    @admin.display(description=gettext_lazy("by"))
    def by_whom(self, step: ResponseStep) -> str:
        return step.by_whom

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by", "delegation__conference")


class ReminderInline(ReadOnlyInline):
    model = Reminder
    fields = ["send_at", "sent_at", "requested_by", "message"]
    readonly_fields = fields


PROTOCOL_SETTINGS_FIELDS = [
    ("letterhead", "letterhead_translations"),
    ("sender", "sender_translations"),
    ("place", "place_translations"),
    "reference_prefix",
    "note_date",
    "reply_by",
    "additional_paragraph",
    "secretariat_email",
]


class ProtocolSettingsInline(ConferenceScopedInline, admin.StackedInline):
    model = ProtocolSettings
    extra = 0
    max_num = 1
    fields = PROTOCOL_SETTINGS_FIELDS

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        translations_form_setup(formset.form, languages=obj.languages if obj else None)
        return formset


class FocalPointImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy(
            "First row: mission, name, email, language. Mission: the country's name in English "
            "or its two-letter code, or the organisation's name; language: en, fr, es, ru, ar "
            "or zh-hans."
        ),
    )


@admin.action(description=gettext_lazy("Import focal points…"), permissions=["change"])
def import_focal_points(modeladmin, request: HttpRequest, queryset: QuerySet[Conference]):
    """All rows or none; every error of every row shown at once, next to its line."""
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Select one conference."), messages.ERROR)
        return None
    conference = queryset.get()
    form = FocalPointImportForm(
        request.POST if "apply" in request.POST else None,
        request.FILES if "apply" in request.POST else None,
    )
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = focal_point_rows_read(name=upload.name, content=upload.read())
        except ValidationError as error:
            form.add_error("file", error)
        else:
            added, errors = focal_points_import(conference=conference, rows=rows)
            if not errors:
                modeladmin.message_user(
                    request,
                    ngettext(
                        "%(count)d focal point imported.",
                        "%(count)d focal points imported.",
                        added,
                    )
                    % {"count": added},
                    messages.SUCCESS,
                )
                return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Import focal points"),
        "opts": modeladmin.model._meta,
        "form": form,
        "conference": conference,
        "row_errors": errors,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/diplomacy/focal_point_import.html", context)


def report_action(kind: str, description: str):
    @admin.action(description=description, permissions=["view"])
    def action(modeladmin, request: HttpRequest, queryset: QuerySet[Conference]):
        if not authenticated_recently(request.session):
            return reauthentication_redirect(request, next_url=request.get_full_path())
        if queryset.count() != 1:
            modeladmin.message_user(request, _("Select one conference."), messages.ERROR)
            return None
        job = services.report_request(conference=queryset.get(), kind=kind, by=request.user)
        return HttpResponseRedirect(job.get_absolute_url())

    action.__name__ = f"report_{kind}"
    return action


@admin.register(ProtocolSettings)
class ProtocolSettingsAdmin(TranslationsAdminMixin, ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.SETTINGS
    list_display = ["conference", "sender", "reference_prefix", "secretariat_email"]
    fields = ["conference", *PROTOCOL_SETTINGS_FIELDS]

    def form_languages(self, request, obj) -> list[str] | None:
        return obj.conference.languages if obj else None


@admin.register(NoteVerbale)
class NoteVerbaleAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS
    list_display = ["reference", "delegation", "language", "generated_at", "sent_at"]
    list_filter = ["conference", "language", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["delegation"]
    search_fields = ["reference", "delegation__protocol_sort_key", "delegation__organisation_name"]
    readonly_fields = [
        "conference",
        "delegation",
        "number",
        "reference",
        "language",
        "generated_at",
        "sent_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ResponseStep)
class ResponseStepAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS
    conference_path = "delegation__conference"
    list_display = ["delegation", "step", "at", "by", "by_focal_point"]
    list_filter = ["delegation__conference", "step"]
    list_select_related = ["delegation", "by"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS
    conference_path = "delegation__conference"
    list_display = ["delegation", "send_at", "sent_at", "requested_by"]
    list_filter = ["delegation__conference", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["delegation", "requested_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MemberChange)
class MemberChangeAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS
    conference_path = "delegation__conference"
    list_display = ["delegation", "member_name", "kind", "at", "digested_at"]
    list_filter = ["delegation__conference", "kind", ("digested_at", admin.EmptyFieldListFilter)]
    list_select_related = ["delegation"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProtocolJob)
class ProtocolJobAdmin(TaskDocumentAdminMixin, ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.REPORTS
    list_display = [
        "kind",
        "conference",
        "status",
        "progress",
        "requested_by",
        "requested",
        "page",
    ]
    fields = readonly_fields = ["conference", "kind", "send", *DOCUMENT_PROGRESS_FIELDS]


admin_extend(
    Delegation,
    actions=[
        make_notes,
        send_reminders,
        record_acknowledged,
        record_declined,
        record_credentials,
        show_portal_links,
    ],
    inlines=[NoteVerbaleInline, ResponseStepInline, ReminderInline, CredentialsInline],
    list_display=[note_reference, credentials_status],
    list_select_related=["note_verbale", "credentials"],
)
admin_extend(
    Conference,
    actions=[
        import_focal_points,
        report_action(JobKind.CREDENTIALS_PDF, gettext_lazy("Make the credentials report (PDF)")),
        report_action(JobKind.CREDENTIALS_XLSX, gettext_lazy("Make the credentials report (XLSX)")),
    ],
    inlines=[ProtocolSettingsInline],
)
