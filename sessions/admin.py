from django import forms
from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from conference.admin_extensions import admin_extend
from conference.admin_timezone import LocalTimeZoneAdminMixin
from conference.admin_translations import TranslationsAdminMixin, translations_form_setup
from conference.local_time import local_time_range, moment_column
from conference.models import Conference
from conference.row_ids import row_id
from conference.translations import language_name, offered_language_codes
from conference.workspace import (
    ConferenceScopedAdmin,
    ConferenceScopedInline,
    Job,
    current_conference,
)
from sessions.models import (
    RESTRICTION_FIELDS,
    SearchSynonym,
    Session,
    SessionRole,
    Speaker,
    Track,
)


def form_conference(request, obj) -> Conference | None:
    """The conference chosen in the form being shown or sent (on a first visit to an add page
    it may come as ?conference=), else the edited item's, else the workspace's."""
    if chosen := row_id(request.POST.get("conference") or request.GET.get("conference")):
        return Conference.objects.filter(pk=chosen).first()
    if obj is not None:
        return obj.conference
    return current_conference(request)


class ConferenceLanguagesAdminMixin(TranslationsAdminMixin):
    """Translation boxes for the languages of the conference chosen in the form."""

    def form_languages(self, request, obj) -> list[str] | None:
        conference = form_conference(request, obj)
        return conference.languages if conference else None


@admin.register(Track)
class TrackAdmin(ConferenceScopedAdmin, ConferenceLanguagesAdminMixin, admin.ModelAdmin):
    job = Job.PROGRAMME

    list_display = ["name", "conference", "colour", "order", "session_count"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    search_fields = ["name", "name_translations"]
    autocomplete_fields = ["conference"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "conference",
        ("name", "name_translations"),
        "slug",
        ("description", "description_translations"),
        "colour",
        "order",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("sessions"))

    @admin.display(description=_("sessions"), ordering="session_count")
    def session_count(self, track: Track) -> int:
        return track.session_count


class SessionRoleInline(ConferenceScopedInline, admin.TabularInline):
    model = SessionRole
    fields = ["speaker", "role", "order"]
    autocomplete_fields = ["speaker"]
    ordering = ["order", "pk"]
    extra = 1


@admin.register(Session)
class SessionAdmin(ConferenceScopedAdmin, LocalTimeZoneAdminMixin, admin.ModelAdmin):
    """The programme; times are typed and shown in the conference's own time zone, texts beside
    their translations, and languages chosen among the conference's."""

    job = Job.PROGRAMME

    list_display = [
        "title",
        "conference",
        "kind",
        "when",
        "room",
        "track",
        "speakers",
        "is_published",
    ]
    list_filter = ["conference", "kind", "is_published", "track", "room"]
    list_select_related = ["conference", "room", "track"]
    search_fields = ["title", "title_translations", "description"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["conference", "room", "track"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "conference",
                    "kind",
                    ("title", "title_translations"),
                    ("description", "description_translations"),
                    "track",
                ]
            },
        ),
        (_("Time and place"), {"fields": ["starts_at", "ends_at", "room"]}),
        (_("Languages"), {"fields": ["language", "interpretation"]}),
        (
            _("Closed session"),
            {
                "fields": [
                    "restricted_to_delegation_kinds",
                    "restricted_to_categories",
                    "restricted_to_roles",
                ],
                "description": _(
                    "Leave all empty for a session open to every participant. Otherwise only "
                    "those who match every list given may attend; the public agenda and the "
                    "feeds show the session as closed, without its speakers."
                ),
            },
        ),
        (_("Publication"), {"fields": ["is_published"]}),
    ]
    inlines = [SessionRoleInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("roles", queryset=SessionRole.objects.select_related("speaker"))
            )
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        conference = form_conference(request, obj)
        translations_form_setup(
            form, languages=conference.languages if conference else None, obj=obj
        )
        # Choices, not typed codes: the conference's languages (every offered one until the
        # conference is chosen; Session.clean() then checks them against it).
        languages = conference.languages if conference else offered_language_codes()
        choices = [(code, language_name(code)) for code in languages]
        fields = form.base_fields
        if "language" not in fields:
            return form  # read only: someone who may only view the session
        fields["language"] = forms.ChoiceField(
            label=fields["language"].label,
            help_text=fields["language"].help_text,
            choices=choices,
            initial=languages[0],
        )
        fields["interpretation"] = forms.MultipleChoiceField(
            label=fields["interpretation"].label,
            help_text=fields["interpretation"].help_text,
            choices=choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        for name in RESTRICTION_FIELDS:
            model_field = Session._meta.get_field(name)
            fields[name] = forms.MultipleChoiceField(
                label=model_field.verbose_name,
                help_text=model_field.help_text,
                choices=model_field.base_field.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        return form

    def form_time_zone(self, request, object_id):
        # The conference chosen in the form decides how its times are read.
        if session := row_id(object_id):
            obj = Session.objects.select_related("conference").filter(pk=session).first()
        else:
            obj = None
        conference = form_conference(request, obj)
        return conference.tzinfo if conference else None

    @moment_column
    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, session: Session) -> str:
        return local_time_range(session.starts_at, session.ends_at, session.conference.tzinfo)

    @admin.display(description=_("speakers"))
    def speakers(self, session: Session) -> str:
        return ", ".join(str(role.speaker) for role in session.roles.all())


@admin.register(Speaker)
class SpeakerAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.PROGRAMME

    list_display = [
        "__str__",
        "title",
        "organisation",
        "conference",
        "participant",
        "session_count",
    ]
    list_filter = ["conference"]
    list_select_related = ["conference", "participant"]
    search_fields = ["given_name", "family_name", "own_script_name", "organisation", "title"]
    autocomplete_fields = ["conference", "participant"]
    fields = [
        "conference",
        "honorific",
        "given_name",
        "family_name",
        "name_order",
        "own_script_name",
        "title",
        "organisation",
        "photo",
        "bio",
        "participant",
    ]
    radio_fields = {"name_order": admin.HORIZONTAL}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("roles"))

    @admin.display(description=_("sessions"), ordering="session_count")
    def session_count(self, speaker: Speaker) -> int:
        return speaker.session_count


@admin.register(SessionRole)
class SessionRoleAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.PROGRAMME
    conference_path = "session__conference"

    list_display = ["speaker", "role", "session", "order"]
    list_filter = ["role", "session__conference"]
    list_select_related = ["speaker", "session"]
    search_fields = [
        "speaker__family_name",
        "speaker__given_name",
        "speaker__own_script_name",
        "session__title",
    ]
    autocomplete_fields = ["session", "speaker"]


class SearchSynonymInline(ConferenceScopedInline, admin.TabularInline):
    model = SearchSynonym
    fields = ["terms"]
    extra = 1
    verbose_name_plural = _("search synonyms and acronyms")


# Organisers keep a conference's synonyms with the conference, which the core app owns.
admin_extend(Conference, inlines=[SearchSynonymInline])


@admin.register(SearchSynonym)
class SearchSynonymAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
    job = Job.PROGRAMME

    list_display = ["__str__", "conference"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    search_fields = ["terms"]
    autocomplete_fields = ["conference"]
