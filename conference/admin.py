import zoneinfo

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from conference.admin_timezone import LocalTimeZoneAdminMixin
from conference.admin_translations import TranslationsAdminMixin, translations_form_setup
from conference.models import Conference, ConferenceRole, Host, Room, Venue
from conference.row_ids import row_id
from conference.translations import offered_language_codes
from conference.workspace import ConferenceScopedAdmin, ConferenceScopedInline, Job


def room_languages(venue: Venue | None) -> list[str]:
    """A room serves every conference at its venue: its name is in the site's default language,
    with a box for each other language of those conferences (of every offered language, while
    the venue has none)."""
    used = set()
    if venue is not None and venue.pk:
        for languages in venue.conferences.values_list("languages", flat=True):
            used.update(languages)
    default = settings.LANGUAGE_CODE
    others = [code for code in offered_language_codes() if code != default]
    return [default, *(code for code in others if not used or code in used)]


class RoomInline(ConferenceScopedInline, admin.TabularInline):
    model = Room
    fields = ["name", "name_translations", "capacity", "order"]
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        translations_form_setup(formset.form, languages=room_languages(obj))
        return formset


@admin.register(Venue)
class VenueAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.SETTINGS
    conference_path = "conferences"
    conference_path_many = True
    # Every venue one may see: a new conference needs a venue no conference has yet.
    follows_workspace = False

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
class RoomAdmin(ConferenceScopedAdmin, TranslationsAdminMixin, admin.ModelAdmin):
    job = Job.SETTINGS
    conference_path = "venue__conferences"
    conference_path_many = True

    list_display = ["name", "venue", "capacity", "order"]
    list_filter = ["venue"]
    list_select_related = ["venue"]
    search_fields = ["name", "name_translations", "venue__name"]
    autocomplete_fields = ["venue"]
    fields = ["venue", ("name", "name_translations"), "capacity", "order"]

    def form_languages(self, request, obj) -> list[str]:
        return room_languages(obj.venue if obj else None)


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
            cleaned["languages"] = conference_languages(main, cleaned.get("languages") or [])
        return cleaned


def conference_languages(main: str, ticked: list[str]) -> list[str]:
    """The languages as the conference keeps them: `main` first, then the other ticked ones in
    the UN's order."""
    return [main, *(code for code in offered_language_codes() if code in ticked and code != main)]


class HostInline(ConferenceScopedInline, admin.TabularInline):
    model = Host
    fields = ["name", "country", "order"]
    extra = 1


@admin.register(Conference)
class ConferenceAdmin(
    ConferenceScopedAdmin, TranslationsAdminMixin, LocalTimeZoneAdminMixin, admin.ModelAdmin
):
    job = Job.SETTINGS
    conference_path = ""
    # Every conference one may switch to.
    follows_workspace = False

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
            {
                "fields": [
                    ("title", "title_translations"),
                    ("short_title", "short_title_translations"),
                    "slug",
                    ("theme", "theme_translations"),
                    ("description", "description_translations"),
                    "venue",
                ],
                "description": _(
                    "Each text in the conference's main language, and beside it in its other "
                    "languages; a text left empty in a language is shown in the main one. Save "
                    "after changing the languages to get their boxes."
                ),
            },
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

    def has_add_permission(self, request) -> bool:
        # A role is within one conference: making or deleting conferences needs the
        # permission everywhere.
        return request.user.has_perm("conference.add_conference")

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("conference.delete_conference")

    def form_languages(self, request, obj) -> list[str]:
        # The languages chosen in this very form win: a text is then checked against them.
        main = request.POST.get("main_language")
        if main in offered_language_codes():
            return conference_languages(main, request.POST.getlist("languages"))
        return obj.languages if obj else [settings.LANGUAGE_CODE]

    def form_time_zone(self, request, object_id):
        # The zone typed into this very form wins: the registration times are meant in it.
        typed = request.POST.get("time_zone", "")
        if typed in zoneinfo.available_timezones():
            return zoneinfo.ZoneInfo(typed)
        if conference_id := row_id(object_id):
            conference = Conference.objects.filter(pk=conference_id).first()
            return conference.tzinfo if conference else None
        return None


@admin.register(Host)
class HostAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.SETTINGS

    list_display = ["name", "conference", "country", "order"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    search_fields = ["name"]
    autocomplete_fields = ["conference"]


class ConferenceRoleForm(forms.ModelForm):
    class Meta:
        model = ConferenceRole
        fields = ["conference", "user", "role"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"].queryset = (
                get_user_model().objects.filter(is_active=True).order_by("username")
            )


@admin.register(ConferenceRole)
class ConferenceRoleAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    """Who does what in the conference; its organisers assign the roles."""

    job = Job.SETTINGS
    form = ConferenceRoleForm
    list_display = ["user", "role", "conference", "assigned_by", "assigned_at"]
    list_filter = ["role", "conference"]
    list_select_related = ["user", "conference", "assigned_by"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    fields = ["conference", "user", "role"]

    def save_model(self, request, obj, form, change) -> None:
        obj.assigned_by = request.user
        super().save_model(request, obj, form, change)
