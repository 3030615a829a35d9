from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import LoginFailures, RecoveryCodes


@admin.register(LoginFailures)
class LoginFailuresAdmin(admin.ModelAdmin):
    """Who is locked out, or near it; deleting a row lifts that lockout at once."""

    list_display = ["key", "scope", "failures", "last_failure_at"]
    list_filter = ["scope"]
    search_fields = ["key"]
    readonly_fields = ["scope", "key", "failures", "last_failure_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Counted by the log-in only (accounts.lockout).
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(RecoveryCodes)
class RecoveryCodesAdmin(admin.ModelAdmin):
    """Each person's set of recovery codes: how many are left, never the codes (only their
    digests exist). Deleting a set leaves that person with their other factors."""

    list_display = ["user", "codes_left", "created_at", "last_used_at"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "name", "created_at", "last_used_at"]
    fields = readonly_fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[RecoveryCodes]:
        return super().get_queryset(request).select_related("user").annotate(left=Count("codes"))

    @admin.display(description=_("codes left"), ordering="left")
    def codes_left(self, device: RecoveryCodes) -> int:
        return device.left

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Made by their owner, who alone sees them once (accounts.views).
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
