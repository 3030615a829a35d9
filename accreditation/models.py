from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conference.models import Conference
from conference.plain_text import ControlCharactersRefused
from delegations.models import PROTOCOL_LANGUAGE, Category, Participant
from delegations.storage import private_storage
from delegations.uploads import RandomFileName

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


class CheckIn(models.Model):
    """A participant's arrival at the venue; at most one per participant, whatever the door."""

    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="check_in",
        verbose_name=_("participant"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at"]
        permissions = [
            ("check_in_participants", _("Can check participants in at the door")),
            (
                "check_in_by_number",
                _("Can find a participant at the door by the badge number alone"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.checked_in_at:%Y-%m-%d %H:%M}"


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


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Document(models.Model):
    """A file staff asked for, made by a task (accreditation/tasks.py): badge sheets or the
    List of Participants. The page that follows it shows its progress, then offers the file."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("conference"),
    )
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
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    # Steps done of `progress_total` (badges laid out); a total of 0 is not counted in steps.
    progress_done = models.PositiveIntegerField(_("steps done"), default=0)
    progress_total = models.PositiveIntegerField(_("steps in all"), default=0)
    error = models.TextField(_("error"), blank=True, editable=False)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=RandomFileName("documents"), blank=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=DocumentStatus.DONE) | ~models.Q(file=""),
                name="document_done_has_its_file",
                violation_error_message=_("A finished document has its file."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.conference}"

    def get_absolute_url(self) -> str:
        return reverse("accreditation:document", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (DocumentStatus.DONE, DocumentStatus.FAILED)

    @property
    def content_type(self) -> str:
        return DOCUMENT_FILES[self.kind][2]

    @property
    def extension(self) -> str:
        return DOCUMENT_FILES[self.kind][1]

    def download_name(self) -> str:
        """E.g. list-of-participants-pmpm-2023-fr.pdf; English, the usual language, unnamed."""
        name, extension, _content_type = DOCUMENT_FILES[self.kind]
        suffix = "" if self.language == PROTOCOL_LANGUAGE else f"-{self.language}"
        return f"{name}-{self.conference.slug}{suffix}.{extension}"
