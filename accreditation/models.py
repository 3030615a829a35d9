from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conference.models import Conference
from conference.plain_text import ControlCharactersRefused
from conference.translations import (
    Translated,
    TranslationsField,
    translation_errors,
    translations_constraint,
)
from delegations.models import PROTOCOL_LANGUAGE, Category, Participant, Role
from delegations.task_documents import TaskDocument, done_has_its_file

# Band colours on badges when a conference has not chosen its own.
DEFAULT_CATEGORY_COLOURS: dict[str, str] = {
    Category.DELEGATE: "#0B5CAD",
    Category.UN_SECRETARIAT: "#5B92E5",
    Category.EXPERT: "#2E7D32",
    Category.MEDIA: "#F9A825",
    Category.ORGANISER: "#6A1B9A",
    Category.SECURITY: "#C62828",
}


class CategoryColourQuerySet(models.QuerySet):
    def as_mapping(self, conference: Conference) -> dict[str, str]:
        """Every category's band colour for `conference`: its own choice, else the default."""
        chosen = dict(self.filter(conference=conference).values_list("category", "colour"))
        return {**DEFAULT_CATEGORY_COLOURS, **chosen}


class CategoryColour(ControlCharactersRefused, models.Model):
    """The colour of the band on the badges of one participant category at one conference."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="category_colours",
        verbose_name=_("conference"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    colour = models.CharField(_("colour"), max_length=7, help_text=_("e.g. #0B5CAD"))

    objects = CategoryColourQuerySet.as_manager()

    class Meta:
        verbose_name = _("category colour")
        verbose_name_plural = _("category colours")
        ordering = ["conference", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "category"],
                name="category_colour_one_per_category_per_conference",
                violation_error_message=_("This category already has a colour here."),
            ),
            models.CheckConstraint(
                condition=models.Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="category_colour_is_hex",
                violation_error_message=_("Give the colour as # and six hexadecimal digits."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.colour}"


class ZoneQuerySet(models.QuerySet):
    def admitting(self, participant: Participant) -> "ZoneQuerySet":
        """The zones of the participant's conference that their category or role opens."""
        return self.filter(conference_id=participant.conference_id).filter(
            models.Q(categories__contains=[participant.category])
            | models.Q(roles__contains=[participant.role])
        )


class Zone(ControlCharactersRefused, models.Model):
    """A part of the venue the door checks: the plenary hall, bilateral rooms, a VIP lounge,
    the media centre. Its code and colour are printed along the edge of the badges of those
    who may enter it: anyone whose category or role in the delegation is listed."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="zones", verbose_name=_("conference")
    )
    name = models.CharField(_("name"), max_length=100)
    name_translations = TranslationsField(_("name in other languages"), max_length=100)
    code = models.CharField(
        _("code"),
        max_length=3,
        help_text=_("Printed on the badge: one to three digits or capital letters, e.g. 1 or V."),
    )
    colour = models.CharField(_("colour"), max_length=7, help_text=_("e.g. #0B5CAD"))
    categories = ArrayField(
        models.CharField(max_length=20, choices=Category.choices),
        verbose_name=_("categories that may enter"),
        default=list,
        blank=True,
    )
    roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices),
        verbose_name=_("roles that may enter"),
        default=list,
        blank=True,
        help_text=_("Whatever their category, e.g. Heads of Delegation for a VIP lounge."),
    )
    confirm_each_entry = models.BooleanField(
        _("confirm each entry"),
        default=True,
        help_text=_(
            "The door taps to confirm each entry after comparing the photo; without it, a "
            "scan records the entry at once."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ZoneQuerySet.as_manager()

    translated_name = Translated("name")

    class Meta:
        verbose_name = _("access zone")
        verbose_name_plural = _("access zones")
        ordering = ["conference", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "code"],
                name="zone_code_unique_per_conference",
                violation_error_message=_("Another zone of this conference has this code."),
            ),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9A-Z]{1,3}$"),
                name="zone_code_is_short",
                violation_error_message=_("Give one to three digits or capital letters."),
            ),
            models.CheckConstraint(
                condition=models.Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="zone_colour_is_hex",
                violation_error_message=_("Give the colour as # and six hexadecimal digits."),
            ),
            models.CheckConstraint(
                condition=~models.Q(categories=[], roles=[]),
                name="zone_admits_someone",
                violation_error_message=_("Choose the categories or roles that may enter."),
            ),
            models.CheckConstraint(
                condition=models.Q(categories__contained_by=Category.values)
                & models.Q(roles__contained_by=Role.values),
                name="zone_known_categories_and_roles",
                violation_error_message=_("Choose known categories and roles."),
            ),
            translations_constraint("name_translations", name="zone_name_translations_are_texts"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if self.conference_id:
            errors = translation_errors(
                self, languages=self.conference.languages, main=self.conference.main_language
            )
            if errors:
                raise ValidationError(errors)

    def admits(self, participant: Participant) -> bool:
        return participant.category in self.categories or participant.role in self.roles


class PreRegistrationDay(models.Model):
    """A day outside the meeting's own on which the door lets people in (badge collection,
    set-up, a preparatory day): an organiser opens it; other days are refused at the door."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="pre_registration_days",
        verbose_name=_("conference"),
    )
    day = models.DateField(_("day"), help_text=_("In the conference's time zone."))

    class Meta:
        verbose_name = _("pre-registration day")
        verbose_name_plural = _("pre-registration days")
        ordering = ["conference", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "day"],
                name="pre_registration_day_once_per_conference",
                violation_error_message=_("This day is already open."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conference}: {self.day:%Y-%m-%d}"

    def clean(self) -> None:
        if self.conference_id and self.day and self.day in self.conference.days:
            raise ValidationError(
                {"day": _("This is a day of the meeting: the door is open on it anyway.")}
            )


class Entry(models.Model):
    """A participant let into a zone on a day of the meeting (its local date): the first scan
    of the day at that zone; later scans there that day find it and add nothing."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("participant"),
    )
    # Of the participant's conference: a trigger holds it (migration 0004).
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, related_name="entries", verbose_name=_("zone")
    )
    day = models.DateField(_("day"))
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("let in by"),
    )

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["-entered_at", "-pk"]
        indexes = [
            models.Index(fields=["zone", "day"], name="entry_zone_day_idx"),
            # The admin's list, newest first, without sorting every entry of the meeting.
            models.Index(fields=["entered_at", "id"], name="entry_entered_at_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "zone", "day"],
                name="entry_once_per_zone_per_day",
                violation_error_message=_("This participant already entered this zone that day."),
            ),
        ]
        permissions = [
            ("check_in_participants", _("Can check participants in at the door")),
            (
                "check_in_by_number",
                _("Can find a participant at the door by the badge number alone"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.zone.code} {self.day:%Y-%m-%d}"


class DocumentKind(models.TextChoices):
    BADGES = "badges", _("Badges (A4 sheets)")
    PARTICIPANT_LIST_PDF = "participant_list_pdf", _("List of Participants (PDF)")
    PARTICIPANT_LIST_XLSX = "participant_list_xlsx", _("List of Participants (XLSX)")
    PARTICIPANT_LIST_CSV = "participant_list_csv", _("List of Participants (CSV)")


# How each kind of document is saved and downloaded: name (the conference's slug follows),
# extension and content type.
DOCUMENT_FILES: dict[str, tuple[str, str, str]] = {
    DocumentKind.BADGES: ("badges", "pdf", "application/pdf"),
    DocumentKind.PARTICIPANT_LIST_PDF: ("list-of-participants", "pdf", "application/pdf"),
    DocumentKind.PARTICIPANT_LIST_XLSX: (
        "list-of-participants",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    DocumentKind.PARTICIPANT_LIST_CSV: ("list-of-participants", "csv", "text/csv; charset=utf-8"),
}


class Document(TaskDocument):
    """Badge sheets or the List of Participants, made by a task (accreditation/tasks.py)."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    # The list's language as asked for (its country names and order); badges are in the
    # language of the organiser who asked, as the pages they were reading.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=PROTOCOL_LANGUAGE
    )
    # Badges: the approved participants selected; the task prints those still approved.
    participant_ids = ArrayField(
        models.BigIntegerField(), default=list, blank=True, verbose_name=_("participants")
    )

    url_name = "accreditation:document"

    class Meta(TaskDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [done_has_its_file("document_done_has_its_file")]

    @property
    def content_type(self) -> str:
        return DOCUMENT_FILES[self.kind][2]

    def steps_text(self) -> str:
        return ngettext(
            "%(done)s of %(total)s badge.", "%(done)s of %(total)s badges.", self.progress_total
        ) % {"done": self.progress_done, "total": self.progress_total}

    def download_name(self) -> str:
        """E.g. list-of-participants-pmpm-2023-fr.pdf; English, the usual language, unnamed."""
        name, extension, _content_type = DOCUMENT_FILES[self.kind]
        suffix = "" if self.language == PROTOCOL_LANGUAGE else f"-{self.language}"
        return f"{name}-{self.conference.slug}{suffix}.{extension}"
