import datetime
import zoneinfo

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conference.countries import CountryField
from conference.plain_text import ControlCharactersRefused
from conference.translations import (
    Translated,
    TranslationsField,
    offered_language_codes,
    translation_errors,
    translations_constraint,
)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


def validate_languages(value: list[str]) -> None:
    offered = dict(settings.LANGUAGES)
    unknown = [code for code in value if code not in offered]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s. Choose from: %(offered)s."),
            params={"codes": ", ".join(unknown), "offered": ", ".join(offered)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Name each language once."))


# The first path segments of the site's own pages (plenary/urls.py and the apps' urls.py, after
# the language prefix or without one) and of its files: a conference's pages start with its
# slug (/en/<slug>/, and its feeds /<slug>/calendar.ics), so a slug among these would hide the
# site's pages or be hidden by them. tests/conference/test_reserved_slugs.py keeps the list
# complete. Language codes are reserved too: they are the prefixes.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "bilaterals",
        "healthz",
        # Django's usual address for its language views (django.conf.urls.i18n): kept free,
        # although the switcher links to each page's address in the other language instead.
        "i18n",
        "invitation",
        "media",
        "readyz",
        "static",
        "staff",
        "visa-letter",
    }
)


def validate_conference_slug(value: str) -> None:
    slug = value.lower()
    if slug in RESERVED_SLUGS or slug in LANG_INFO or slug in dict(settings.LANGUAGES):
        raise ValidationError(
            _("“%(value)s” is used by the site's own pages; choose another slug."),
            code="reserved_slug",
            params={"value": value},
        )


def default_languages() -> list[str]:
    return [settings.LANGUAGE_CODE]


class Venue(ControlCharactersRefused, models.Model):
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "city"], name="venue_unique_name_city"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"


class Room(ControlCharactersRefused, models.Model):
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("venue")
    )
    name = models.CharField(_("name"), max_length=100)
    # A room belongs to a venue, not to one conference: its plain name is in the site's
    # default language (settings.LANGUAGE_CODE), translated into any other offered one.
    name_translations = TranslationsField(_("name in other languages"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    translated_name = Translated("name")

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="room_unique_name_per_venue"),
            translations_constraint("name_translations", name="room_name_translations_are_texts"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = translation_errors(
            self,
            languages=offered_language_codes(),
            main=settings.LANGUAGE_CODE,
            message=_("Not a language Plenary offers: %(languages)s."),
        )
        if errors:
            raise ValidationError(errors)


class ConferenceQuerySet(models.QuerySet):
    def published(self) -> "ConferenceQuerySet":
        return self.filter(is_published=True)


class Conference(ControlCharactersRefused, models.Model):
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, validators=[validate_conference_slug]
    )
    # Each text in the main language; its other languages beside it (conference/translations.py).
    title = models.CharField(_("title"), max_length=250)
    title_translations = TranslationsField(_("title in other languages"), max_length=250)
    short_title = models.CharField(_("short title"), max_length=80, blank=True)
    short_title_translations = TranslationsField(_("short title in other languages"), max_length=80)
    theme = models.CharField(_("theme"), max_length=250, blank=True)
    theme_translations = TranslationsField(_("theme in other languages"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    description_translations = TranslationsField(
        _("description in other languages"), multiline=True
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        related_name="conferences",
        null=True,
        blank=True,
        verbose_name=_("venue"),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("IANA name, e.g. Asia/Karachi. Every time is shown in this zone."),
    )
    languages = ArrayField(
        models.CharField(max_length=10),
        verbose_name=_("languages"),
        default=default_languages,
        validators=[validate_languages],
        help_text=_(
            "The conference's languages, the first being its main one: pages, e-mails and "
            "documents are offered in these, and content falls back to the first."
        ),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    modification_deadline = models.DateTimeField(
        _("modification deadline"),
        null=True,
        blank=True,
        help_text=_("Focal points may change their delegation's list until then."),
    )
    accepts_individual_applications = models.BooleanField(
        _("accepts individual applications"),
        default=False,
        help_text=_("Experts, observers and media may apply on their own."),
    )
    privacy_notice = models.TextField(_("privacy notice"), blank=True)
    data_controller = models.CharField(_("data controller"), max_length=250, blank=True)
    retention_days = models.PositiveIntegerField(
        _("retention period (days)"),
        default=180,
        help_text=_("Personal data is purged this many days after the last day."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    # Bumped whenever anything on the public programme changes: cache keys and ETags use it.
    programme_changed_at = models.DateTimeField(_("programme changed"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    translated_title = Translated("title")
    translated_short_title = Translated("short_title")
    translated_theme = Translated("theme")
    translated_description = Translated("description")

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-start_date"]
        constraints = [
            *(
                translations_constraint(
                    f"{field}_translations", name=f"conference_{field}_translations_are_texts"
                )
                for field in ("title", "short_title", "theme", "description")
            ),
            models.CheckConstraint(
                condition=models.Q(languages__len__gte=1),
                name="conference_has_a_language",
                violation_error_message=_("Give the conference at least one language."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="conference_ends_on_or_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__isnull=True)
                | models.Q(registration_opens_at__isnull=True)
                | models.Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="conference_registration_closes_after_opening",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:conference", kwargs={"conference": self.slug})

    def clean(self) -> None:
        if not self.languages:
            return  # the languages field reports it
        errors = translation_errors(self, languages=self.languages, main=self.main_language)
        if errors:
            raise ValidationError(errors)

    @property
    def main_language(self) -> str:
        return self.languages[0]

    @property
    def translated_name(self) -> str:
        """What pages call the conference: its short title, else its title; in the reader's
        language if either was given in it, else in the main language."""
        language = get_language()
        return (
            self.short_title_translations.get(language)
            or self.title_translations.get(language)
            or self.short_title
            or self.title
        )

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def days(self) -> list[datetime.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(count)]

    def local_midnight(self, day: datetime.date) -> datetime.datetime:
        """The aware instant at which `day` begins in the conference's time zone."""
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=self.tzinfo)

    @property
    def starts_at(self) -> datetime.datetime:
        return self.local_midnight(self.start_date)

    @property
    def ends_at(self) -> datetime.datetime:
        return self.local_midnight(self.end_date + datetime.timedelta(days=1))

    def takes_applications(self, now: datetime.datetime) -> bool:
        """Whether individuals (experts, observers, media) can apply at `now`."""
        opens, closes = self.registration_opens_at, self.registration_closes_at
        return (
            self.accepts_individual_applications
            and opens is not None
            and opens <= now
            and (closes is None or now < closes)
        )

    def registration_last_opened_or_closed(
        self, now: datetime.datetime
    ) -> datetime.datetime | None:
        """The latest moment, up to `now`, at which registration opened or closed: a page that
        says whether it is open is out of date if it was made before then."""
        passed = [
            moment
            for moment in (self.registration_opens_at, self.registration_closes_at)
            if moment is not None and moment <= now
        ]
        return max(passed, default=None)


class Host(ControlCharactersRefused, models.Model):
    """A co-organising country or institution, listed in order on the conference's pages."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="hosts", verbose_name=_("conference")
    )
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("host")
        verbose_name_plural = _("hosts")
        ordering = ["conference", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "name"], name="host_unique_name_per_conference"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a member of staff does for one conference (conference.roles says what each may do)."""

    ORGANISER = "organiser", _("organiser")
    REGISTRATION_OFFICER = "registration_officer", _("registration officer")
    PROGRAMME_EDITOR = "programme_editor", _("programme editor")
    CHECK_IN = "check_in", _("check-in staff")
    SECURITY_OFFICER = "security_officer", _("security officer")
    VIEWER = "viewer", _("viewer")


class ConferenceRole(models.Model):
    """A person's role in one conference: their permissions there, and nowhere else."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="roles", verbose_name=_("conference")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conference_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["conference", "role", "user"]
        constraints = [
            # One role per person and conference: what they may do there is never a union to
            # work out.
            models.UniqueConstraint(
                fields=["conference", "user"], name="conference_role_one_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="conference_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
