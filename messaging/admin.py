"""Writing to many from the admin: an action on the participants' and the delegations' lists
(after any filter, e.g. approved media, or delegations without credentials) asks for the
text, then the message is queued; the log lists who received it and when."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conference.admin_extensions import admin_extend
from conference.plain_text import validate_single_line, validate_text_area
from conference.workspace import ConferenceScopedAdmin, Job
from delegations.models import Delegation, Participant
from messaging.models import Audience, BulkMessage, Recipient
from messaging.services import (
    BULK_MESSAGE,
    bulk_message_create,
    focal_point_recipients,
    one_conference,
    participant_recipients,
)


class BulkMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200, validators=[validate_single_line])
    body = forms.CharField(
        label=_("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12, "dir": "auto"}),
        validators=[validate_text_area],
        help_text=_("Placeholders: {{ name }} (the recipient's name), {{ conference }}."),
    )


def _write(modeladmin, request, queryset, *, audience: str, action: str, recipients):
    form = BulkMessageForm(request.POST if "apply" in request.POST else None)
    rows = list(queryset.select_related("conference"))
    try:
        conference = one_conference(rows)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None
    people = recipients(rows)
    if form.is_valid():
        try:
            message = bulk_message_create(
                conference=conference,
                audience=audience,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                by=request.user,
                recipients=people,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            count = message.recipients.count()
            modeladmin.message_user(
                request,
                ngettext(
                    "The message is queued for %(count)d recipient.",
                    "The message is queued for %(count)d recipients.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Write to %(audience)s") % {"audience": Audience(audience).label.lower()},
        "opts": modeladmin.model._meta,
        "form": form,
        "conference": conference,
        "recipients": people,
        "selected": rows,
        "action": action,
        "placeholders": BULK_MESSAGE.placeholders,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/messaging/write.html", context)


@admin.action(description=_("Write to the selected participants…"), permissions=["view"])
def write_to_participants(modeladmin, request, queryset):
    return _write(
        modeladmin,
        request,
        queryset,
        audience=Audience.PARTICIPANTS,
        action="write_to_participants",
        recipients=participant_recipients,
    )


@admin.action(
    description=_("Write to the selected delegations' focal points…"), permissions=["view"]
)
def write_to_focal_points(modeladmin, request, queryset):
    return _write(
        modeladmin,
        request,
        queryset,
        audience=Audience.FOCAL_POINTS,
        action="write_to_focal_points",
        recipients=focal_point_recipients,
    )


admin_extend(Participant, actions=[write_to_participants])
admin_extend(Delegation, actions=[write_to_focal_points])


class RecipientInline(admin.TabularInline):
    model = Recipient
    fields = ["name", "email", "language", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BulkMessage)
class BulkMessageAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.DELEGATIONS

    list_display = ["subject", "conference", "audience", "created_by", "created_at", "sent"]
    list_filter = ["conference", "audience"]
    list_select_related = ["conference", "created_by"]
    readonly_fields = ["conference", "audience", "subject", "body", "created_by", "created_at"]
    fields = readonly_fields
    inlines = [RecipientInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                recipient_count=Count("recipients"),
                sent_count=Count("recipients", filter=Q(recipients__sent_at__isnull=False)),
            )
        )

    @admin.display(description=_("sent"))
    def sent(self, message: BulkMessage) -> str:
        return f"{message.sent_count} / {message.recipient_count}"

    def has_add_permission(self, request) -> bool:
        # Written from the participants' or delegations' list, to the people selected there.
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
