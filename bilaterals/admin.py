"""The organisers' bilateral admin: offering rooms in bulk, seeing every meeting, moving or
cancelling one. Meetings change only through the services; topics are never shown here, they
are private to the two delegations."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bilaterals import services
from bilaterals.models import OPEN_STATES, Bilateral, BilateralSlot, BilateralState
from bilaterals.selectors import free_slots
from conference.local_time import SHORT, local_time, local_time_range, moment_column
from conference.models import Conference, Room
from conference.workspace import (
    ConferenceScopedAdmin,
    Job,
    allowed,
    current_conference,
    workspace_queryset,
)


class OfferSlotsForm(forms.Form):
    conference = forms.ModelChoiceField(label=_("Conference"), queryset=Conference.objects.all())
    rooms = forms.ModelMultipleChoiceField(
        label=_("Rooms"), queryset=Room.objects.select_related("venue")
    )
    days = forms.CharField(
        label=_("Days"),
        help_text=_("Dates as YYYY-MM-DD, separated by commas; empty for every day."),
        required=False,
    )
    day_starts = forms.TimeField(label=_("First slot starts"), initial=datetime.time(9))
    day_ends = forms.TimeField(label=_("Last slot ends"), initial=datetime.time(18))
    length = forms.IntegerField(label=_("Slot length (minutes)"), initial=30, min_value=1)

    def clean_days(self) -> list[datetime.date]:
        days = []
        for text in filter(None, (part.strip() for part in self.cleaned_data["days"].split(","))):
            try:
                days.append(datetime.date.fromisoformat(text))
            except ValueError:
                raise ValidationError(
                    _("“%(value)s” is not a date."), params={"value": text}
                ) from None
        return days


@admin.register(BilateralSlot)
class BilateralSlotAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.PROGRAMME
    list_display = ["room", "time", "conference"]
    list_filter = ["conference", "room"]
    list_select_related = ["conference", "room"]
    change_list_template = "admin/bilaterals/bilateralslot/change_list.html"

    @moment_column
    @admin.display(description=_("time"), ordering="starts_at")
    def time(self, slot: BilateralSlot) -> str:
        return local_time_range(slot.starts_at, slot.ends_at, slot.conference.tzinfo)

    def has_add_permission(self, request) -> bool:
        return False  # In bulk only, by the "Offer slots" page.

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        offer = path(
            "offer/", self.admin_site.admin_view(self.offer_view), name="bilaterals_offer_slots"
        )
        return [offer, *super().get_urls()]

    def offer_view(self, request):
        if not allowed(request, BilateralSlot, "add", None):
            raise PermissionDenied
        current = current_conference(request)
        form = OfferSlotsForm(request.POST or None, initial={"conference": current})
        # The workspace's conference and its rooms (every conference for those who may).
        form.fields["conference"].queryset = workspace_queryset(Conference.objects.all(), request)
        form.fields["rooms"].queryset = workspace_queryset(form.fields["rooms"].queryset, request)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            conference = data["conference"]
            try:
                slots = services.slots_create(
                    conference=conference,
                    rooms=data["rooms"],
                    days=data["days"] or conference.days,
                    day_starts=data["day_starts"],
                    day_ends=data["day_ends"],
                    length=datetime.timedelta(minutes=data["length"]),
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                message = ngettext(
                    "%(count)d slot offered.", "%(count)d slots offered.", len(slots)
                ) % {"count": len(slots)}
                self.message_user(request, message, messages.SUCCESS)
                return redirect("admin:bilaterals_bilateralslot_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Offer rooms for bilateral meetings"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/bilaterals/offer_slots.html", context)


@admin.action(description=_("Cancel selected meetings"), permissions=["change"])
def cancel_selected(modeladmin, request, queryset):
    done = 0
    for bilateral in queryset.filter(state__in=(*OPEN_STATES, BilateralState.ACCEPTED)):
        services.bilateral_cancel(bilateral=bilateral)
        done += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d meeting cancelled.", "%(count)d meetings cancelled.", done)
        % {"count": done},
    )


class MoveForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Room and time"), queryset=BilateralSlot.objects.none())

    def __init__(self, *args, bilateral: Bilateral, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["slot"]
        field.queryset = free_slots(conference=bilateral.conference).order_by(
            "starts_at", "room__order", "room__name"
        )
        zone = bilateral.conference.tzinfo
        field.label_from_instance = lambda slot: (
            f"{local_time_range(slot.starts_at, slot.ends_at, zone)} · {slot.room.translated_name}"
        )


@admin.register(Bilateral)
class BilateralAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.PROGRAMME
    list_display = ["__str__", "state", "when", "room", "conference"]
    list_filter = ["conference", "state", "room"]
    list_select_related = ["conference", "requester", "invitee", "room"]
    search_fields = ["requester__protocol_sort_key", "invitee__protocol_sort_key"]
    actions = [cancel_selected]
    # Never the topic: it is the two delegations' own.
    fields = ["conference", "requester", "invitee", "state", "room", "when", "move_link"]
    readonly_fields = fields

    @moment_column
    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, bilateral: Bilateral) -> str:
        return local_time(bilateral.starts_at, bilateral.conference.tzinfo, format=SHORT)

    @admin.display(description=_("arrange or move"))
    def move_link(self, bilateral: Bilateral) -> str:
        if bilateral.state not in (*OPEN_STATES, BilateralState.ACCEPTED):
            return "—"
        url = reverse("admin:bilaterals_bilateral_move", args=[bilateral.pk])
        return format_html('<a href="{}">{}</a>', url, _("Choose a room and time"))

    def has_add_permission(self, request) -> bool:
        return False  # Delegations ask for meetings in their portal.

    def get_urls(self):
        move = path(
            "<int:pk>/move/",
            self.admin_site.admin_view(self.move_view),
            name="bilaterals_bilateral_move",
        )
        return [move, *super().get_urls()]

    def move_view(self, request, pk: int):
        bilateral = get_object_or_404(Bilateral.objects.select_related("conference"), pk=pk)
        if not self.has_change_permission(request, bilateral):
            raise PermissionDenied
        form = MoveForm(request.POST or None, bilateral=bilateral)
        if request.method == "POST" and form.is_valid():
            try:
                services.bilateral_move(bilateral=bilateral, slot=form.cleaned_data["slot"])
            except ValidationError as error:
                form.add_error(
                    "slot",
                    error.error_dict.get("slot", error) if hasattr(error, "error_dict") else error,
                )
            else:
                self.message_user(request, _("The meeting has been moved."), messages.SUCCESS)
                return redirect("admin:bilaterals_bilateral_change", bilateral.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Arrange or move: %(meeting)s") % {"meeting": bilateral},
            "opts": self.model._meta,
            "original": bilateral,
            "form": form,
        }
        return TemplateResponse(request, "admin/bilaterals/move.html", context)
