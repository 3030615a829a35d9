"""Visa support letters in the admin: the requests (filter by state and mission), bulk approval
(numbers the letters, queues their making and sending), refusal with a reason, and the summary
by mission: who asked, who received a letter."""

from collections import defaultdict

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from conference.workspace import ConferenceScopedAdmin, Job
from diplomacy.forms import VisaRefuseForm
from diplomacy.models import VisaLetterRequest, VisaState
from diplomacy.visas import visa_requests_approve, visa_requests_refuse


@admin.action(description=gettext_lazy("Approve and send the letters"), permissions=["change"])
def approve_visa_letters(modeladmin, request: HttpRequest, queryset: QuerySet[VisaLetterRequest]):
    try:
        count, job = visa_requests_approve(visa_requests=queryset, by=request.user)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None
    if job is None:
        modeladmin.message_user(
            request, _("None of these requests waits for approval."), messages.WARNING
        )
        return None
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d request approved: its letter is being made and sent.",
            "%(count)d requests approved: their letters are being made and sent.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )
    return HttpResponseRedirect(job.get_absolute_url())


@admin.action(description=gettext_lazy("Refuse…"), permissions=["change"])
def refuse_visa_letters(modeladmin, request: HttpRequest, queryset: QuerySet[VisaLetterRequest]):
    form = VisaRefuseForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        count = visa_requests_refuse(
            visa_requests=queryset, reason=form.cleaned_data["reason"], by=request.user
        )
        modeladmin.message_user(
            request,
            ngettext("%(count)d request refused.", "%(count)d requests refused.", count)
            % {"count": count},
            messages.SUCCESS,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Refuse visa support letters"),
        "opts": modeladmin.model._meta,
        "form": form,
        "visa_requests": queryset.select_related("participant"),
        "action": "refuse_visa_letters",
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/diplomacy/visa_refuse.html", context)


@admin.register(VisaLetterRequest)
class VisaLetterRequestAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS
    conference_path = "conference"
    change_list_template = "admin/diplomacy/visaletterrequest/change_list.html"

    list_display = [
        "participant",
        "delegation",
        "mission",
        "state",
        "reference",
        "requested_at",
        "sent_at",
        "letter",
    ]
    list_filter = ["state", "mission_country", "mission_city", "mission_kind", "conference"]
    list_select_related = ["participant__delegation"]
    search_fields = [
        "participant__family_name",
        "participant__given_name",
        "reference",
        "mission_city",
    ]
    actions = [approve_visa_letters, refuse_visa_letters]
    fields = [
        "conference",
        "participant",
        ("mission_kind", "mission_city", "mission_country"),
        ("passport_number", "nationality", "date_of_birth"),
        ("passport_issued_on", "passport_expires_on"),
        ("arrival_on", "departure_on"),
        "state",
        "refusal_reason",
        "by_applicant",
        "language",
        ("requested_at", "decided_at", "decided_by"),
        "reference",
        "letter",
        "sent_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        # Requests are the requesters' to correct (after a refusal saying why); the letters'
        # states change through the actions only.
        return [
            name
            for entry in self.fields
            for name in (entry if isinstance(entry, tuple) else (entry,))
        ]

    def has_add_permission(self, request, *args) -> bool:
        return False

    @admin.display(description=gettext_lazy("delegation"), ordering="participant__delegation")
    def delegation(self, visa_request: VisaLetterRequest) -> str:
        return visa_request.participant.delegation.name

    @admin.display(description=gettext_lazy("mission"), ordering="mission_country")
    def mission(self, visa_request: VisaLetterRequest) -> str:
        return visa_request.mission_label

    @admin.display(description=gettext_lazy("letter (PDF)"))
    def letter(self, visa_request: VisaLetterRequest) -> str:
        if not visa_request.file:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("diplomacy:visa_letter_file", args=[visa_request.pk]),
            _("Download"),
        )

    def get_urls(self):
        summary = path(
            "by-mission/",
            self.admin_site.admin_view(self.by_mission_view),
            name="diplomacy_visaletterrequest_by_mission",
        )
        return [summary, *super().get_urls()]

    def by_mission_view(self, request: HttpRequest):
        """Per mission: who asked for a letter, and who received one (the workspace's)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = self.get_queryset(request).select_related("participant__delegation", "conference")
        missions = defaultdict(list)
        for visa_request in rows.order_by(
            "mission_country", "mission_city", "mission_kind", "participant__family_name", "pk"
        ):
            missions[visa_request.mission_label].append(visa_request)
        summary = [
            {
                "mission": mission,
                "requests": requests,
                "sent": sum(row.state == VisaState.SENT for row in requests),
                "waiting": sum(row.state == VisaState.REQUESTED for row in requests),
            }
            for mission, requests in missions.items()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Visa support letters by mission"),
            "opts": self.model._meta,
            "summary": summary,
            "states": VisaState,
        }
        return TemplateResponse(request, "admin/diplomacy/visa_by_mission.html", context)
