from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import (
    ArrayField,
    DateTimeRangeField,
    RangeBoundary,
    RangeOperators,
)
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conference.models import Conference, Room
from delegations.models import Participant
from delegations.names import PersonName, validate_latin_letters


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Language(models.TextChoices):
    """The six official languages of the United Nations."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb, e.g. #1f6feb.")
)


class Track(models.Model):
    """A sub-theme of the programme."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("conference")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(
        _("colour"), max_length=7, default="#1f6feb", validators=[colour_validator]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["conference", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slug"], name="track_unique_slug_per_conference"
            ),
            models.CheckConstraint(
                condition=models.Q(colour__regex=r"^#[0-9a-fA-F]{6}$"),
                name="track_colour_is_hex",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    KEYNOTE = "keynote", _("Keynote address")
    PANEL = "panel", _("Panel discussion")
    EXPERT_PRESENTATION = "expert_presentation", _("Expert presentation")
    BRIEFING = "briefing", _("Briefing")
    PLENARY = "plenary", pgettext_lazy("session kind", "Plenary")
    BREAK = "break", _("Break")
    CLOSING = "closing", _("Closing")


class SessionQuerySet(models.QuerySet):
    def published(self) -> "SessionQuerySet":
        """Sessions the public may see: published, in a published conference."""
        return self.filter(is_published=True, conference__is_published=True)

    def upcoming(self) -> "SessionQuerySet":
        return self.filter(ends_at__gt=Now())

    def with_programme_details(self) -> "SessionQuerySet":
        """Room (with venue), track and roles (with speaker, in order) loaded: everything a page,
        feed or API response shows of a session, in two queries whatever the count."""
        roles = SessionRole.objects.select_related("speaker").order_by("order", "pk")
        return self.select_related("room__venue", "track").prefetch_related(
            models.Prefetch("roles", queryset=roles)
        )


class Session(models.Model):
    """An item on the agenda. A panel is a session of kind panel discussion."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("conference")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        related_name="sessions",
        null=True,
        blank=True,
        verbose_name=_("room"),
    )
    track = models.ForeignKey(
        Track,
        on_delete=models.SET_NULL,
        related_name="sessions",
        null=True,
        blank=True,
        verbose_name=_("track"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    language = models.CharField(
        _("floor language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    interpretation = ArrayField(
        models.CharField(max_length=2, choices=Language.choices),
        verbose_name=_("interpretation into"),
        default=list,
        blank=True,
        help_text=_("Language codes, comma-separated, e.g. ar,fr."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "room__order", "title"]
        indexes = [
            models.Index(fields=["conference", "starts_at"], name="session_conf_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            # A session's time within its conference's dates needs the conference row, so a
            # trigger keeps it (migration 0002); clean() reports it nicely first.
            ExclusionConstraint(
                name="session_room_never_double_booked",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("room", RangeOperators.EQUAL),
                ],
                condition=models.Q(room__isnull=False),
                violation_error_message=_("The room is already booked at that time."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:session", kwargs={"conference": self.conference.slug, "pk": self.pk}
        )

    @property
    def kind_label(self) -> str:
        # Not get_kind_display(), which builds a dict of all the choices on each call: the
        # agenda page shows a hundred sessions.
        return SessionKind(self.kind).label

    def clean(self) -> None:
        errors = {}
        if self.conference_id and self.starts_at and self.ends_at:
            conference = self.conference
            if self.starts_at < conference.starts_at or self.ends_at > conference.ends_at:
                errors["starts_at"] = _(
                    "The session must take place between %(first)s and %(last)s."
                ) % {"first": conference.start_date, "last": conference.end_date}
        if self.track_id and self.conference_id and self.track.conference_id != self.conference_id:
            errors["track"] = _("This track belongs to another conference.")
        if errors:
            raise ValidationError(errors)


class Speaker(PersonName):
    """A person on the programme; may be linked to their registration as a participant."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("conference")
    )
    honorific = models.CharField(
        _("honorific"), max_length=40, blank=True, help_text=_("e.g. H.E., Gen., Dr.")
    )
    given_name = models.CharField(
        _("given name"),
        max_length=150,
        blank=True,
        validators=[validate_latin_letters],
        help_text=_("In Latin letters."),
    )
    family_name = models.CharField(
        _("family name"),
        max_length=150,
        validators=[validate_latin_letters],
        help_text=_("In Latin letters; or the office, for a speaker named by office only."),
    )
    title = models.CharField(_("functional title"), max_length=250, blank=True)
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    photo = models.ImageField(_("photo"), upload_to="speaker-photos/%Y/", blank=True)
    bio = models.TextField(_("biography"), blank=True)
    participant = models.OneToOneField(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker",
        verbose_name=_("participant"),
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:speaker", kwargs={"conference": self.conference.slug, "pk": self.pk}
        )


class SessionRoleKind(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MODERATOR = "moderator", _("Moderator")
    KEYNOTE_SPEAKER = "keynote_speaker", _("Keynote speaker")
    PANELLIST = "panellist", _("Panellist")
    PRESENTER = "presenter", _("Presenter")
    DISCUSSANT = "discussant", _("Discussant")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class SessionRole(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="roles", verbose_name=_("session")
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="roles", verbose_name=_("speaker")
    )
    role = models.CharField(_("role"), max_length=20, choices=SessionRoleKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("session role")
        verbose_name_plural = _("session roles")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker", "role"], name="session_role_unique_per_speaker"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.speaker}"

    def clean(self) -> None:
        if (
            self.session_id
            and self.speaker_id
            and self.session.conference_id != self.speaker.conference_id
        ):
            raise ValidationError({"speaker": _("This speaker belongs to another conference.")})
