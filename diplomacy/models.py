"""The diplomatic workflow around registration: notes verbales, a delegation's response, its
credentials, reminders, and the changes the secretariat is told about in a digest."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from conference.models import Conference
from conference.plain_text import ControlCharactersRefused
from conference.translations import (
    Translated,
    TranslationsField,
    translation_errors,
    translations_constraint,
)
from delegations.models import Delegation, Participant, validate_internet_email
from delegations.storage import private_storage
from delegations.task_documents import TaskDocument, done_has_its_file
from delegations.uploads import RandomFileName


class ProtocolSettings(ControlCharactersRefused, models.Model):
    """A conference's note verbale template and protocol contacts (one per conference).

    The letterhead, the sender and the place are printed in the language of each note or
    letter: their plain fields hold the conference's main language, `*_translations` the others
    (conference/translations.py).
    """

    conference = models.OneToOneField(
        Conference,
        on_delete=models.CASCADE,
        related_name="protocol_settings",
        verbose_name=_("conference"),
    )
    letterhead = models.TextField(
        _("letterhead"),
        help_text=_("One line each, printed at the top, e.g. the ministry and its address."),
    )
    letterhead_translations = TranslationsField(
        _("letterhead in other languages"), max_length=1000, multiline=True
    )
    sender = models.CharField(
        _("sender"),
        max_length=250,
        help_text=_(
            "Who presents its compliments, as it opens the note, e.g. “The Ministry of Foreign "
            "Affairs of the Islamic Republic of Pakistan”."
        ),
    )
    sender_translations = TranslationsField(_("sender in other languages"), max_length=250)
    place = models.CharField(_("place"), max_length=100, help_text=_("e.g. Islamabad"))
    place_translations = TranslationsField(_("place in other languages"), max_length=100)
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=40,
        help_text=_(
            "Reference numbers read prefix/year/number, e.g. PKMPM/2023/017 for the prefix PKMPM."
        ),
    )
    note_date = models.DateField(
        _("date of the notes"),
        null=True,
        blank=True,
        help_text=_("Printed on every note; the day they are generated when blank."),
    )
    reply_by = models.DateField(
        _("nominations requested by"),
        null=True,
        blank=True,
        help_text=_("The date by which missions are asked to nominate their delegation."),
    )
    additional_paragraph = models.TextField(
        _("additional paragraph"),
        blank=True,
        help_text=_(
            "Printed as typed after the invitation (practical arrangements, contacts), in every "
            "note whatever its language."
        ),
    )
    secretariat_email = models.EmailField(
        _("secretariat e-mail"),
        blank=True,
        validators=[validate_internet_email],
        help_text=_(
            "Receives the digest of delegations' changes to their members after submission."
        ),
    )

    class Meta:
        verbose_name = _("protocol settings")
        verbose_name_plural = _("protocol settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reference_prefix__regex=r"^[A-Za-z0-9.\-]+$"),
                name="protocol_settings_reference_prefix_plain",
                violation_error_message=_(
                    "Use only Latin letters, digits, dots and hyphens in the prefix."
                ),
            ),
            translations_constraint(
                "letterhead_translations", name="protocol_settings_letterhead_translations_texts"
            ),
            translations_constraint(
                "sender_translations", name="protocol_settings_sender_translations_texts"
            ),
            translations_constraint(
                "place_translations", name="protocol_settings_place_translations_texts"
            ),
        ]

    translated_letterhead = Translated("letterhead")
    translated_sender = Translated("sender")
    translated_place = Translated("place")

    def __str__(self) -> str:
        return str(self.conference)

    def clean(self) -> None:
        if self.conference_id:
            errors = translation_errors(
                self, languages=self.conference.languages, main=self.conference.main_language
            )
            if errors:
                raise ValidationError(errors)

    def letterhead_lines(self) -> list[str]:
        """The letterhead's lines in the active language, blank ones left out."""
        return [line for line in self.translated_letterhead.splitlines() if line.strip()]


class NoteVerbale(models.Model):
    """The invitation note verbale of one delegation: its reference number, kept for good once
    given, and the latest PDF made with it."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="+", verbose_name=_("conference")
    )
    delegation = models.OneToOneField(
        Delegation,
        on_delete=models.CASCADE,
        related_name="note_verbale",
        verbose_name=_("delegation"),
    )
    number = models.PositiveIntegerField(_("number"))
    reference = models.CharField(_("reference number"), max_length=60)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(
        _("PDF"), storage=private_storage, upload_to=RandomFileName("notes-verbales"), blank=True
    )
    # The hash of the portal link the PDF carries: the note's link is current while the
    # delegation's invitation still has it.
    link_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("note verbale")
        verbose_name_plural = _("notes verbales")
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "number"],
                name="note_verbale_number_once_per_conference",
                violation_error_message=_("This number is already used at this conference."),
            ),
            models.UniqueConstraint(
                "conference",
                Lower("reference"),
                name="note_verbale_reference_once_per_conference",
                violation_error_message=_("This reference is already used at this conference."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="note_verbale_number_positive",
                violation_error_message=_("Numbers start at 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def link_is_current(self) -> bool:
        invitation = getattr(self.delegation, "invitation", None)
        return bool(
            self.link_token_hash
            and invitation is not None
            and not invitation.is_revoked()
            and invitation.token_hash == self.link_token_hash
        )


class Step(models.TextChoices):
    """A delegation's answer to the invitation, step by step, in the order they come."""

    INVITED = "invited", _("Invited")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    NOMINATED = "nominated", _("Nominated")
    CREDENTIALS_RECEIVED = "credentials_received", _("Credentials received")
    ACCREDITED = "accredited", _("Accredited")
    DECLINED = "declined", _("Declined")


class ResponseStep(ControlCharactersRefused, models.Model):
    """One step of a delegation's response, dated, by whom: a staff member or the focal point."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="response_steps",
        verbose_name=_("delegation"),
    )
    step = models.CharField(_("step"), max_length=30, choices=Step.choices)
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    by_focal_point = models.BooleanField(_("by the focal point"), default=False)
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("response step")
        verbose_name_plural = _("response steps")
        ordering = ["delegation", "at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "step"],
                name="response_step_once_per_delegation",
                violation_error_message=_("This step is already recorded for the delegation."),
            ),
            models.CheckConstraint(
                condition=models.Q(step__in=Step.values),
                name="response_step_known",
                violation_error_message=_("Choose a known step."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.get_step_display()}"

    @property
    def by_whom(self) -> str:
        if self.by_focal_point:
            return str(_("focal point"))
        return str(self.by or "")


class CredentialsStatus(models.TextChoices):
    NONE = "none", _("None")
    COPY = "copy", _("Copy received")
    ORIGINAL = "original", _("Original seen")


class CredentialsIssuer(models.TextChoices):
    HEAD_OF_STATE_OR_GOVERNMENT = "head_of_state_or_government", _("Head of State or Government")
    MINISTER_FOR_FOREIGN_AFFAIRS = "minister_for_foreign_affairs", _("Minister for Foreign Affairs")
    OTHER = "other", _("Other authority")


class Credentials(ControlCharactersRefused, models.Model):
    """The delegation's credentials: the formal letter from the Head of State or Government or
    the Minister for Foreign Affairs, distinct from the nomination note."""

    delegation = models.OneToOneField(
        Delegation,
        on_delete=models.CASCADE,
        related_name="credentials",
        verbose_name=_("delegation"),
    )
    status = models.CharField(
        _("credentials"),
        max_length=10,
        choices=CredentialsStatus.choices,
        default=CredentialsStatus.NONE,
    )
    issued_by = models.CharField(
        _("issued by"), max_length=40, choices=CredentialsIssuer.choices, blank=True
    )
    file = models.FileField(
        _("scan (PDF)"),
        storage=private_storage,
        upload_to=RandomFileName("credentials"),
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("uploaded by the focal point"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    remarks = models.CharField(_("remarks"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("credentials")
        verbose_name_plural = _("credentials")
        ordering = ["delegation"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CredentialsStatus.values),
                name="credentials_status_known",
                violation_error_message=_("Choose a known status."),
            ),
            # Received credentials say who issued them: that is what the bureau checks.
            models.CheckConstraint(
                condition=models.Q(status=CredentialsStatus.NONE) | ~models.Q(issued_by=""),
                name="credentials_received_name_their_issuer",
                violation_error_message=_("Say who issued the credentials received."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.get_status_display()}"

    @property
    def received(self) -> bool:
        return self.status != CredentialsStatus.NONE


class Reminder(ControlCharactersRefused, models.Model):
    """A reminder e-mail to a delegation's focal points, sent at `send_at` by a task."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("delegation")
    )
    send_at = models.DateTimeField(_("to be sent"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["delegation", "send_at", "pk"]

    def __str__(self) -> str:
        return f"{self.delegation} @ {self.send_at:%Y-%m-%d %H:%M}"


class MemberChangeKind(models.TextChoices):
    ADDED = "added", _("added")
    CHANGED = "changed", _("changed")
    WITHDRAWN = "withdrawn", _("withdrawn")
    HEAD_REPLACED = "head_replaced", _("new Head of Delegation")


class MemberChange(models.Model):
    """A change a focal point made to a submitted delegation's members, until the secretariat's
    digest reports it."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="member_changes",
        verbose_name=_("delegation"),
    )
    kind = models.CharField(_("change"), max_length=20, choices=MemberChangeKind.choices)
    # The name as it was then: the participant may be deleted by the time the digest goes.
    member_name = models.CharField(_("member"), max_length=400)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    digested_at = models.DateTimeField(_("reported in a digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("change to members")
        verbose_name_plural = _("changes to members")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(
                fields=["at"],
                condition=models.Q(digested_at__isnull=True),
                name="member_change_undigested_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.member_name} {self.get_kind_display()}"


class VisaState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    SENT = "sent", _("Letter sent")


class MissionKind(models.TextChoices):
    """Where the person applies for the visa: a mission of the host country."""

    EMBASSY = "embassy", _("Embassy")
    HIGH_COMMISSION = "high_commission", _("High Commission")
    CONSULATE_GENERAL = "consulate_general", _("Consulate General")
    CONSULATE = "consulate", _("Consulate")


class VisaLetterRequest(ControlCharactersRefused, models.Model):
    """A request for a visa support letter for one person, addressed to the host country's
    mission where they apply. It holds only what the letter prints."""

    # Denormalised from the participant, for the reference numbers' constraint and the
    # admin's scope; the services keep the two in step.
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="+", verbose_name=_("conference")
    )
    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="visa_letter_request",
        verbose_name=_("participant"),
    )
    mission_kind = models.CharField(
        _("mission"), max_length=20, choices=MissionKind.choices, default=MissionKind.EMBASSY
    )
    mission_city = models.CharField(
        _("city of the mission"), max_length=100, help_text=_("Where the visa is applied for.")
    )
    mission_country = CountryField(_("country of the mission"))
    passport_number = models.CharField(
        _("passport number"), max_length=20, help_text=_("As printed in the passport.")
    )
    nationality = CountryField(_("nationality"))
    date_of_birth = models.DateField(_("date of birth"))
    passport_issued_on = models.DateField(_("passport issued on"))
    passport_expires_on = models.DateField(_("passport valid until"))
    arrival_on = models.DateField(_("arrival"))
    departure_on = models.DateField(_("departure"))
    state = models.CharField(
        _("state"), max_length=20, choices=VisaState.choices, default=VisaState.REQUESTED
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    # The applicant's own request, or the focal point's for a member of the delegation.
    by_applicant = models.BooleanField(_("by the applicant"), default=False)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    # Given on approval, kept for good, in a series of its own: prefix/VISA/year/number.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    reference = models.CharField(_("reference number"), max_length=60, blank=True)
    language = models.CharField(
        _("language of the requester"), max_length=10, choices=settings.LANGUAGES
    )
    file = models.FileField(
        _("letter (PDF)"),
        storage=private_storage,
        upload_to=RandomFileName("visa-letters"),
        blank=True,
    )
    sent_at = models.DateTimeField(_("letter sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("visa letter request")
        verbose_name_plural = _("visa letter requests")
        ordering = ["conference", "mission_country", "mission_city", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=VisaState.values),
                name="visa_request_state_known",
                violation_error_message=_("Choose a known state."),
            ),
            models.CheckConstraint(
                condition=models.Q(passport_number__regex=r"^[A-Z0-9]{5,20}$"),
                name="visa_request_passport_number_plain",
                violation_error_message=_("Use only capital Latin letters and digits."),
            ),
            models.CheckConstraint(
                condition=models.Q(passport_issued_on__lt=models.F("passport_expires_on"))
                & models.Q(date_of_birth__lte=models.F("passport_issued_on"))
                & models.Q(arrival_on__lte=models.F("departure_on")),
                name="visa_request_dates_in_order",
                violation_error_message=_("The dates are out of order."),
            ),
            # An approved or sent letter has its reference number; a refused one says why.
            models.CheckConstraint(
                condition=~models.Q(state__in=[VisaState.APPROVED, VisaState.SENT])
                | (models.Q(number__isnull=False) & ~models.Q(reference="")),
                name="visa_request_approved_has_reference",
                violation_error_message=_("An approved letter has its reference number."),
            ),
            models.CheckConstraint(
                condition=~models.Q(state=VisaState.REFUSED) | ~models.Q(refusal_reason=""),
                name="visa_request_refusal_has_reason",
                violation_error_message=_("Give the reason for the refusal."),
            ),
            models.UniqueConstraint(
                fields=["conference", "number"],
                name="visa_request_number_once_per_conference",
                violation_error_message=_("This number is already used at this conference."),
            ),
        ]
        indexes = [
            models.Index(fields=["conference", "state"], name="visa_request_conf_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.mission_label}"

    @property
    def mission_label(self) -> str:
        """The mission, as the admin lists it: "Embassy, Tokyo (Japan)"."""
        country = self.mission_country.name
        return f"{self.get_mission_kind_display()}, {self.mission_city} ({country})"


class JobKind(models.TextChoices):
    NOTES = "notes", _("Notes verbales")
    VISA_LETTERS = "visa_letters", _("Visa support letters")
    CREDENTIALS_PDF = "credentials_pdf", _("Credentials report (PDF)")
    CREDENTIALS_XLSX = "credentials_xlsx", _("Credentials report (XLSX)")


JOB_FILES: dict[str, tuple[str, str, str]] = {
    JobKind.NOTES: ("notes-verbales", "", ""),
    JobKind.VISA_LETTERS: ("visa-letters", "", ""),
    JobKind.CREDENTIALS_PDF: ("credentials-report", "pdf", "application/pdf"),
    JobKind.CREDENTIALS_XLSX: (
        "credentials-report",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


class ProtocolJob(TaskDocument):
    """Work an organiser asked for, made by a task: the notes verbales of many delegations (no
    file: each note is its own), or a credentials report."""

    kind = models.CharField(_("kind"), max_length=20, choices=JobKind.choices)
    delegation_ids = ArrayField(
        models.BigIntegerField(), default=list, blank=True, verbose_name=_("delegations")
    )
    # Notes: also e-mail each to the delegation's focal points, with the portal link.
    send = models.BooleanField(_("send by e-mail"), default=False)

    url_name = "diplomacy:job"

    class Meta(TaskDocument.Meta):
        verbose_name = _("protocol job")
        verbose_name_plural = _("protocol jobs")
        constraints = [
            done_has_its_file(
                "protocol_job_report_done_has_its_file",
                unless=models.Q(kind__in=[JobKind.NOTES, JobKind.VISA_LETTERS]),
            )
        ]

    @property
    def content_type(self) -> str:
        return JOB_FILES[self.kind][2]

    def download_name(self) -> str:
        name, extension, _content_type = JOB_FILES[self.kind]
        return f"{name}-{self.conference.slug}.{extension}"
