import datetime
import zoneinfo

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


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


def default_languages() -> list[str]:
    return [settings.LANGUAGE_CODE]


class Venue(models.Model):
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


class Room(models.Model):
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("venue")
    )
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="room_unique_name_per_venue"),
        ]

    def __str__(self) -> str:
        return self.name


class ConferenceQuerySet(models.QuerySet):
    def published(self) -> "ConferenceQuerySet":
        return self.filter(is_published=True)


class Conference(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=250)
    short_title = models.CharField(_("short title"), max_length=80, blank=True)
    theme = models.CharField(_("theme"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
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

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-start_date"]
        constraints = [
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

    @property
    def main_language(self) -> str:
        return self.languages[0]

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


class Host(models.Model):
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
