"""Organisers reword the e-mails Plenary sends: per conference and language, with the
placeholders listed beside the editor, a preview for a real recipient and a test e-mail."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from conference.workspace import ConferenceScopedAdmin, Job
from delegations.email_templates import (
    email_kind_choices,
    email_kinds,
    email_template_sample,
    placeholders_fill,
)
from delegations.models import EmailTemplate
from delegations.tasks import email_template_test_email


class EmailTemplateForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("e-mail"), choices=email_kind_choices)
    language = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)

    class Meta:
        model = EmailTemplate
        fields = ["conference", "kind", "language", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16, "dir": "auto"})}


@admin.register(EmailTemplate)
class EmailTemplateAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS

    form = EmailTemplateForm
    list_display = ["kind_label", "language", "conference", "subject", "updated_at"]
    list_filter = ["conference", "language"]
    list_select_related = ["conference"]
    readonly_fields = ["placeholders"]
    fields = ["conference", "kind", "language", "subject", "body", "placeholders"]

    @admin.display(description=_("e-mail"))
    def kind_label(self, written: EmailTemplate) -> str:
        return written.kind_label

    @admin.display(description=_("placeholders"))
    def placeholders(self, written: EmailTemplate | None) -> str:
        """Each e-mail's placeholders (the chosen one's alone once saved), to copy as written."""
        kinds = email_kinds()
        shown = [kinds[written.kind]] if written and written.kind in kinds else kinds.values()
        return format_html_join(
            "",
            "<p><strong>{}</strong></p><ul>{}</ul>",
            (
                (
                    kind.label,
                    format_html_join(
                        "",
                        "<li><code>{{{{ {} }}}}</code>: {}</li>",
                        ((name, meaning) for name, meaning in kind.placeholders.items()),
                    ),
                )
                for kind in shown
            ),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="delegations_emailtemplate_preview",
            ),
            path(
                "<int:pk>/test-email/",
                self.admin_site.admin_view(self.test_email_view),
                name="delegations_emailtemplate_test_email",
            ),
            *super().get_urls(),
        ]

    def _written(self, request: HttpRequest, pk: int) -> EmailTemplate:
        written = get_object_or_404(EmailTemplate.objects.select_related("conference"), pk=pk)
        if not self.has_view_permission(request, written):
            raise PermissionDenied
        return written

    def preview_view(self, request: HttpRequest, pk: int) -> TemplateResponse:
        """The e-mail as a real recipient of the conference would read it."""
        written = self._written(request, pk)
        with translation.override(written.language):
            values = email_template_sample(written)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": written,
            "title": _("Preview: %(email)s") % {"email": written},
            "values": values,
            "subject": placeholders_fill(written.subject, values or {}),
            "body": placeholders_fill(written.body, values or {}),
        }
        return TemplateResponse(request, "admin/delegations/emailtemplate/preview.html", context)

    def test_email_view(self, request: HttpRequest, pk: int) -> HttpResponseRedirect:
        """POST: queue the preview, sent to the organiser's own address."""
        written = self._written(request, pk)
        change = reverse("admin:delegations_emailtemplate_change", args=[pk])
        if request.method != "POST":
            return HttpResponseRedirect(change)
        if not request.user.email:
            messages.error(request, _("Your account has no e-mail address to send the test to."))
        else:
            email_template_test_email.enqueue(email_template_id=written.pk, user_id=request.user.pk)
            messages.success(
                request,
                _("A test e-mail is on its way to %(address)s.") % {"address": request.user.email},
            )
        return HttpResponseRedirect(change)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["preview_url"] = reverse(
                "admin:delegations_emailtemplate_preview", args=[obj.pk]
            )
            context["test_email_url"] = reverse(
                "admin:delegations_emailtemplate_test_email", args=[obj.pk]
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
