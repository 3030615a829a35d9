"""Admin list of individual applications, confirmed or still waiting for their e-mail link."""

from django.contrib import admin

from delegations.models import Application


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "conference", "created_at", "confirmed_at", "participant"]
    list_filter = ["conference", "kind", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    list_select_related = ["conference", "participant"]
    readonly_fields = [
        "conference",
        "kind",
        "email",
        "data",
        "photo",
        "created_at",
        "confirmed_at",
        "participant",
    ]
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        # Applications come only from the public form.
        return False
