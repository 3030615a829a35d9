from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import (
    ArrayField,
    DateTimeRangeField,
    RangeBoundary,
    RangeOperators,
)
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conference.languages import list_separator
from conference.models import Conference, Room
from conference.plain_text import ControlCharactersRefused
from conference.translations import (
    Translated,
    TranslationsField,
    fold,
    language_list,
    language_name,
    translation_errors,
    translations_constraint,
)
from delegations.models import Category, DelegationKind, Participant, Role
from delegations.names import PersonName, validate_latin_letters


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb, e.g. #1f6feb.")
)


class Track(ControlCharactersRefused, models.Model):
    """A sub-theme of the programme."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("conference")
    )
    # Texts in the conference's main language, and beside them in its others.
    name = models.CharField(_("name"), max_length=200)
    name_translations = TranslationsField(_("name in other languages"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    description_translations = TranslationsField(
        _("description in other languages"), multiline=True
    )
    colour = models.CharField(
        _("colour"), max_length=7, default="#1f6feb", validators=[colour_validator]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    translated_name = Translated("name")
    translated_description = Translated("description")

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
            translations_constraint("name_translations", name="track_name_translations_are_texts"),
            translations_constraint(
                "description_translations", name="track_description_translations_are_texts"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.conference_id:
            errors = translation_errors(
                self,
                languages=self.conference.languages,
                main=self.conference.main_language,
            )
            if errors:
                raise ValidationError(errors)


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    KEYNOTE = "keynote", _("Keynote address")
    PANEL = "panel", _("Panel discussion")
    EXPERT_PRESENTATION = "expert_presentation", _("Expert presentation")
    BRIEFING = "briefing", _("Briefing")
    PLENARY = "plenary", pgettext_lazy("session kind", "Plenary")
    BREAK = "break", _("Break")
    CLOSING = "closing", _("Closing")


# A session restricted to some participants (a closed segment) names them by these lists; a
# participant may attend when they match every list given. All empty: the session is open.
RESTRICTION_FIELDS = (
    "restricted_to_categories",
    "restricted_to_roles",
    "restricted_to_delegation_kinds",
)


def restriction_label(
    *, categories: list[str], roles: list[str], delegation_kinds: list[str]
) -> str:
    """Who may attend a session restricted to these lists, e.g. "Member States; Head of
    Delegation, Deputy Head of Delegation"; empty when all are empty (an open session). Shared
    by `Session` and the programme's plain rows (sessions.rows)."""
    groups = [
        [str(DelegationKind(kind).label) for kind in delegation_kinds],
        [str(Category(category).label) for category in categories],
        [str(Role(role).label) for role in roles],
    ]
    return "; ".join(list_separator().join(group) for group in groups if group)


class SessionQuerySet(models.QuerySet):
    def published(self) -> "SessionQuerySet":
        """Sessions the public may see: published, in a published conference."""
        return self.filter(is_published=True, conference__is_published=True)

    def open(self) -> "SessionQuerySet":
        """Sessions open to all participants: not restricted to some of them."""
        return self.filter(**{field: [] for field in RESTRICTION_FIELDS})

    def upcoming(self) -> "SessionQuerySet":
        return self.filter(ends_at__gt=Now())

    def with_programme_details(self) -> "SessionQuerySet":
        """Room (with venue), track and roles (with speaker, in order) loaded: everything a page,
        feed or API response shows of a session, in two queries whatever the count."""
        # A restricted (closed) session shows nobody: not who speaks, not who attends.
        roles = (
            SessionRole.objects.filter(**{f"session__{field}": [] for field in RESTRICTION_FIELDS})
            .select_related("speaker")
            .order_by("order", "pk")
        )
        return self.select_related("room__venue", "track").prefetch_related(
            models.Prefetch("roles", queryset=roles)
        )


class Session(ControlCharactersRefused, models.Model):
    """An item on the agenda. A panel is a session of kind panel discussion."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("conference")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=SessionKind.choices)
    # Texts in the conference's main language, and beside them in its others.
    title = models.CharField(_("title"), max_length=300)
    title_translations = TranslationsField(_("title in other languages"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    description_translations = TranslationsField(
        _("description in other languages"), multiline=True
    )
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
    # Codes of the conference's languages (Conference.languages); a trigger holds it
    # (migration 0006), clean() explains it first.
    language = models.CharField(
        _("floor language"),
        max_length=10,
        help_text=_("The language spoken on the floor, one of the conference's."),
    )
    interpretation = ArrayField(
        models.CharField(max_length=10),
        verbose_name=_("interpretation into"),
        default=list,
        blank=True,
        help_text=_("The conference's other languages the session is interpreted into."),
    )
    restricted_to_categories = ArrayField(
        models.CharField(max_length=20, choices=Category.choices),
        verbose_name=_("restricted to categories"),
        default=list,
        blank=True,
    )
    restricted_to_roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices),
        verbose_name=_("restricted to roles"),
        default=list,
        blank=True,
        help_text=_(
            "E.g. Head and Deputy Head of Delegation for a “Head of Delegation + 1” segment."
        ),
    )
    restricted_to_delegation_kinds = ArrayField(
        models.CharField(max_length=20, choices=DelegationKind.choices),
        verbose_name=_("restricted to delegations of kind"),
        default=list,
        blank=True,
        help_text=_("E.g. Member State for a segment closed to all but Member States."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    translated_title = Translated("title")
    translated_description = Translated("description")

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
            translations_constraint(
                "title_translations", name="session_title_translations_are_texts"
            ),
            models.CheckConstraint(
                condition=models.Q(restricted_to_categories__contained_by=Category.values)
                & models.Q(restricted_to_roles__contained_by=Role.values)
                & models.Q(restricted_to_delegation_kinds__contained_by=DelegationKind.values),
                name="session_restricted_to_known_categories_roles_and_kinds",
                violation_error_message=_(
                    "Restrict the session to known categories, roles and kinds."
                ),
            ),
            translations_constraint(
                "description_translations", name="session_description_translations_are_texts"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:session", kwargs={"conference": self.conference.slug, "pk": self.pk}
        )

    @property
    def is_restricted(self) -> bool:
        """Whether the session is closed to all but some participants."""
        return any(getattr(self, field) for field in RESTRICTION_FIELDS)

    @property
    def restriction_label(self) -> str:
        """Who may attend a closed session, e.g. "Member States; Head of Delegation, Deputy Head
        of Delegation"; empty for an open one."""
        return restriction_label(
            categories=self.restricted_to_categories,
            roles=self.restricted_to_roles,
            delegation_kinds=self.restricted_to_delegation_kinds,
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
        if self.conference_id:
            errors.update(self._language_errors(self.conference))
        if errors:
            raise ValidationError(errors)

    def _language_errors(self, conference: Conference) -> dict:
        languages = conference.languages
        names = language_list(languages)
        errors = translation_errors(self, languages=languages, main=conference.main_language)
        if self.language and self.language not in languages:
            errors["language"] = ValidationError(
                _("Choose one of the conference's languages: %(languages)s."),
                code="not_a_language_of_the_conference",
                params={"languages": names},
            )
        outside = [code for code in self.interpretation if code not in languages]
        if outside:
            errors["interpretation"] = ValidationError(
                _("Not a language of the conference: %(outside)s. Choose from: %(languages)s."),
                code="not_a_language_of_the_conference",
                params={
                    "outside": language_list(outside),
                    "languages": names,
                },
            )
        elif self.language in self.interpretation:
            errors["interpretation"] = ValidationError(
                _("%(language)s is the floor language: interpretation is into the others."),
                code="floor_language",
                params={"language": language_name(self.language)},
            )
        return errors


class SessionSearch(models.Model):
    """What the programme search reads of a session (sessions/search.py): its titles and
    descriptions in every language of its conference.

    Written only by triggers (migration 0007), whenever the session is written and whenever
    its conference's languages change; in a table of its own so that the agenda, feeds and API,
    which load sessions by the hundred, never carry it.
    """

    # Deleted with its session by the database itself, also when sessions are deleted in SQL
    # as the scale data's replacement does: migration 0007 makes the foreign key, with
    # ON DELETE CASCADE, which Django cannot declare.
    session = models.OneToOneField(
        Session,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        related_name="search",
        db_constraint=False,
    )
    # Each text read with its language's text search configuration; titles weigh A,
    # descriptions B.
    document = SearchVectorField(editable=False)
    # The same texts, lower-case and unaccented, for pg_trgm and substrings.
    text = models.TextField(editable=False)

    class Meta:
        indexes = [
            GinIndex(fields=["document"], name="session_search_document_idx"),
            GinIndex(
                OpClass(models.F("text"), name="gin_trgm_ops"), name="session_search_text_idx"
            ),
        ]

    def __str__(self) -> str:
        return str(self.session)


class Speaker(ControlCharactersRefused, PersonName):
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


class SpeakerSearch(models.Model):
    """What the programme search reads of a speaker (sessions/search.py): the names as written
    (weight A), the functional title and organisation (B) and the biography (C), the latter
    read with the conference's main language's text search configuration.

    Written only by triggers (migration 0009), whenever the speaker is written and whenever
    the conference's main language changes: at a COP's 2,000 speakers, making each speaker's
    document in the query took 170 ms of every search.
    """

    # Deleted with its speaker by the database itself (migration 0009's foreign key, ON
    # DELETE CASCADE, which Django cannot declare), as SessionSearch is.
    speaker = models.OneToOneField(
        Speaker,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        related_name="search",
        db_constraint=False,
    )
    document = SearchVectorField(editable=False)

    class Meta:
        indexes = [GinIndex(fields=["document"], name="speaker_search_document_idx")]

    def __str__(self) -> str:
        return str(self.speaker)


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


class SearchSynonym(models.Model):
    """Words and phrases the programme search treats as one, e.g. an acronym and what it
    stands for: "IED" then finds "Improvised Explosive Devices", and the other way round."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="search_synonyms",
        verbose_name=_("conference"),
    )
    terms = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("words and phrases"),
        help_text=_(
            "Two or more that mean the same, comma-separated, in any of the conference's "
            "languages: e.g. IED, improvised explosive device, engin explosif improvisé."
        ),
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["conference", "terms"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(terms__len__gte=2),
                name="search_synonym_has_two_terms",
                violation_error_message=_("Give at least two words or phrases."),
            ),
        ]

    def __str__(self) -> str:
        return " = ".join(self.terms)

    def clean(self) -> None:
        folded = [fold(term) for term in self.terms]
        if len(set(folded)) != len(folded):
            raise ValidationError(
                {"terms": _("Name each word or phrase once (case and accents do not count).")}
            )
