"""The e-mail queue in the admin (django-mailer's models), without the secrets it holds.

Queued messages keep their whole text until sent, invitation links included: organisers see
what will go out with the links' tokens masked, and the send log shows no text at all.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from mailer.models import Message, MessageLog

from delegations.link_secrets import without_link_secrets

admin.site.unregister([Message, MessageLog])


def _recipients(message: Message | MessageLog) -> str:
    return ", ".join(message.to_addresses) if message.email else ""


@admin.register(Message)
class QueuedMessageAdmin(admin.ModelAdmin):
    list_display = ["id", "recipients", "subject", "when_added", "priority", "retry_count"]
    date_hierarchy = "when_added"
    fields = ["recipients", "subject", "text", "when_added", "priority", "retry_count"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("recipients"))
    def recipients(self, message: Message) -> str:
        return _recipients(message)

    @admin.display(description=_("text"))
    def text(self, message: Message) -> str:
        return without_link_secrets(getattr(message.email, "body", ""))


@admin.register(MessageLog)
class MessageLogAdmin(admin.ModelAdmin):
    list_display = ["id", "recipients", "message_id", "when_attempted", "result"]
    # Dates as ranges: a date drill-down read the whole log (every e-mail ever sent) twice
    # on each page.
    list_filter = ["result", ("when_attempted", admin.DateFieldListFilter)]
    search_fields = ["message_id"]
    fields = ["recipients", "message_id", "when_added", "when_attempted", "result", "log_message"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("recipients"))
    def recipients(self, log: MessageLog) -> str:
        return _recipients(log)
