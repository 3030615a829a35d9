"""Admin list of individual applications, confirmed or still waiting for their e-mail link."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from conference.workspace import ConferenceScopedAdmin, Job
from registration.models import Application


@admin.register(Application)
class ApplicationAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS

    list_display = ["email", "kind", "conference", "created_at", "confirmed_at", "participant"]
    list_filter = ["conference", "kind", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    list_select_related = ["conference", "participant"]
    readonly_fields = [
        "conference",
        "kind",
        "email",
        "data",
        "photo_link",
        "created_at",
        "confirmed_at",
        "participant",
    ]
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        # Applications come only from the public form.
        return False

    @admin.display(description=_("photo"))
    def photo_link(self, application: Application) -> str:
        # Private files have no media URL: the link goes to the view that checks access.
        if not application.photo:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("registration:application_photo", args=[application.pk]),
            _("View the photo"),
        )
