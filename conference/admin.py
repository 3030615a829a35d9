import zoneinfo

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from conference.admin_timezone import LocalTimeZoneAdminMixin
from conference.models import Conference, Host, Room, Venue


class RoomInline(admin.TabularInline):
    model = Room
    fields = ["name", "capacity", "order"]
    extra = 1


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "room_count"]
    list_filter = ["country"]
    search_fields = ["name", "city"]
    inlines = [RoomInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(room_count=Count("rooms"))

    @admin.display(description=_("rooms"), ordering="room_count")
    def room_count(self, venue: Venue) -> int:
        return venue.room_count


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "venue", "capacity", "order"]
    list_filter = ["venue"]
    list_select_related = ["venue"]
    search_fields = ["name", "venue__name"]
    autocomplete_fields = ["venue"]


class ConferenceForm(forms.ModelForm):
    """The conference's languages as the six, ticked, and the main one chosen apart: the model
    keeps them as one list, the main language first."""

    main_language = forms.ChoiceField(
        label=_("main language"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=_(
            "Content not translated shows in it, and people who chose no language get "
            "e-mails and documents in it."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Pages, forms, e-mails and documents of this conference are offered in these "
            "languages; the main language always is."
        ),
    )

    class Meta:
        model = Conference
        fields = ["languages"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["main_language"] = self.instance.main_language

    def clean(self) -> dict:
        cleaned = super().clean()
        main = cleaned.get("main_language")
        if main:
            ticked = set(cleaned.get("languages") or [])
            others = [code for code, _name in settings.LANGUAGES if code in ticked and code != main]
            cleaned["languages"] = [main, *others]
        return cleaned


class HostInline(admin.TabularInline):
    model = Host
    fields = ["name", "country", "order"]
    extra = 1


@admin.register(Conference)
class ConferenceAdmin(LocalTimeZoneAdminMixin, admin.ModelAdmin):
    form = ConferenceForm
    list_display = [
        "title",
        "short_title",
        "start_date",
        "end_date",
        "time_zone",
        "venue",
        "is_published",
    ]
    list_filter = ["is_published", "start_date"]
    list_select_related = ["venue"]
    search_fields = ["title", "short_title", "slug", "theme"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["venue"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["programme_changed_at", "created_at", "updated_at"]
    fieldsets = [
        (
            _("Identity"),
            {"fields": ["title", "short_title", "slug", "theme", "description", "venue"]},
        ),
        (_("Dates and time zone"), {"fields": ["start_date", "end_date", "time_zone"]}),
        (_("Languages"), {"fields": ["main_language", "languages"]}),
        (
            _("Registration window"),
            {
                "fields": [
                    "registration_opens_at",
                    "registration_closes_at",
                    "modification_deadline",
                    "accepts_individual_applications",
                ]
            },
        ),
        (_("Privacy"), {"fields": ["privacy_notice", "data_controller", "retention_days"]}),
        (
            _("Publication"),
            {"fields": ["is_published", "programme_changed_at", "created_at", "updated_at"]},
        ),
    ]
    inlines = [HostInline]

    def form_time_zone(self, request, object_id):
        # The zone typed into this very form wins: the registration times are meant in it.
        typed = request.POST.get("time_zone", "")
        if typed in zoneinfo.available_timezones():
            return zoneinfo.ZoneInfo(typed)
        if object_id and object_id.isdigit():
            conference = Conference.objects.filter(pk=object_id).first()
            return conference.tzinfo if conference else None
        return None


@admin.register(Host)
class HostAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "country", "order"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    search_fields = ["name"]
    autocomplete_fields = ["conference"]
