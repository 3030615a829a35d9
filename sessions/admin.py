from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from conference.admin_timezone import LocalTimeZoneAdminMixin
from conference.local_time import local_time_range
from conference.models import Conference
from sessions.models import Session, SessionRole, Speaker, Track


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "colour", "order", "session_count"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    search_fields = ["name"]
    autocomplete_fields = ["conference"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("sessions"))

    @admin.display(description=_("sessions"), ordering="session_count")
    def session_count(self, track: Track) -> int:
        return track.session_count


class SessionRoleInline(admin.TabularInline):
    model = SessionRole
    fields = ["speaker", "role", "order"]
    autocomplete_fields = ["speaker"]
    ordering = ["order", "pk"]
    extra = 1


@admin.register(Session)
class SessionAdmin(LocalTimeZoneAdminMixin, admin.ModelAdmin):
    """The programme; times are typed and shown in the conference's own time zone."""

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
    search_fields = ["title", "description"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["conference", "room", "track"]
    fieldsets = [
        (None, {"fields": ["conference", "kind", "title", "description", "track"]}),
        (_("Time and place"), {"fields": ["starts_at", "ends_at", "room"]}),
        (_("Languages"), {"fields": ["language", "interpretation"]}),
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

    def form_time_zone(self, request, object_id):
        # The conference chosen in the form decides how its times are read; on a first visit
        # to the add page it may come as ?conference=.
        chosen = request.POST.get("conference") or request.GET.get("conference")
        if chosen and chosen.isdigit():
            conference = Conference.objects.filter(pk=chosen).first()
        elif object_id and object_id.isdigit():
            conference = Conference.objects.filter(sessions=object_id).first()
        else:
            conference = None
        return conference.tzinfo if conference else None

    @admin.display(description=_("when (local time)"), ordering="starts_at")
    def when(self, session: Session) -> str:
        return local_time_range(session.starts_at, session.ends_at, session.conference.tzinfo)

    @admin.display(description=_("speakers"))
    def speakers(self, session: Session) -> str:
        return ", ".join(str(role.speaker) for role in session.roles.all())


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
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
class SessionRoleAdmin(admin.ModelAdmin):
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
