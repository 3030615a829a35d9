"""Security clearance: the data host-country security asks for, per participant, the vetting
state beside accreditation, and who looked at whose passport data.

The data fields are encrypted at rest (clearance/encryption.py); the data page's scan is a
private file, served only by a view that checks the security role and logs the access.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from clearance.encryption import EncryptedCharField, EncryptedDateField, encryption_configured
from conference.models import Conference
from delegations.models import Participant
from delegations.storage import private_storage
from delegations.uploads import RandomFileName


class ClearancePolicy(models.Model):
    """Whether a conference collects security data and holds badges until people are cleared;
    without a row, neither."""

    conference = models.OneToOneField(
        Conference,
        on_delete=models.CASCADE,
        related_name="clearance_policy",
        verbose_name=_("conference"),
    )
    collects_security_data = models.BooleanField(
        _("collects security data"),
        default=False,
        help_text=_(
            "Focal points and applicants give each person's date and place of birth, passport "
            "and status for host-country security."
        ),
    )
    requires_clearance = models.BooleanField(
        _("requires security clearance"),
        default=False,
        help_text=_(
            "Badges are printed, e-mailed and let through the door only once security has "
            "cleared the person."
        ),
    )

    class Meta:
        verbose_name = _("security clearance policy")
        verbose_name_plural = _("security clearance policies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requires_clearance=False)
                | models.Q(collects_security_data=True),
                name="clearance_policy_requires_collects",
                violation_error_message=_("Clearance needs the security data: collect it too."),
            )
        ]

    def __str__(self) -> str:
        return str(self.conference)

    def clean(self) -> None:
        if self.collects_security_data and not encryption_configured():
            raise ValidationError(
                {
                    "collects_security_data": _(
                        "The keys that encrypt security data are not configured on this "
                        "server (CLEARANCE_ENCRYPTION_KEYS)."
                    )
                }
            )


class ClearanceState(models.TextChoices):
    NOT_SUBMITTED = "not_submitted", _("not submitted")
    SUBMITTED = "submitted", _("submitted")
    CLEARED = "cleared", _("cleared")
    REFUSED = "refused", _("refused")


# The fields the focal point or applicant gives, in the form's order; all but the flags and
# the scan are encrypted.
DATA_FIELDS = [
    "birth_date",
    "birth_place",
    "nationality",
    "document_number",
    "issuing_country",
    "document_expiry",
    "data_page",
    "armed",
    "protected_status",
]


class SecurityRecord(models.Model):
    """One participant's security data and clearance; none until data is first given."""

    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="security_record",
        verbose_name=_("participant"),
    )
    birth_date = EncryptedDateField(_("date of birth"), null=True, blank=True)
    birth_place = EncryptedCharField(_("place of birth"), max_length=150, blank=True)
    # ISO 3166 codes, as django_countries stores them; encrypted like the rest.
    nationality = EncryptedCharField(
        _("nationality (as in the passport)"), max_length=2, blank=True
    )
    document_number = EncryptedCharField(_("passport or ID number"), max_length=40, blank=True)
    issuing_country = EncryptedCharField(_("issuing country"), max_length=2, blank=True)
    document_expiry = EncryptedDateField(_("expiry date"), null=True, blank=True)
    data_page = models.FileField(
        _("passport data page"),
        storage=private_storage,
        upload_to=RandomFileName("security-data-pages"),
        blank=True,
    )
    # Plain booleans, unlike the passport data: security filters its list by them, which an
    # encrypted column cannot do (its ciphertext never equals true or false).
    armed = models.BooleanField(_("carries a weapon"), default=False)
    protected_status = models.BooleanField(
        _("protected status"),
        default=False,
        help_text=_(
            "e.g. a close-protection officer's principal or an internationally protected person."
        ),
    )
    state = models.CharField(
        _("clearance"),
        max_length=20,
        choices=ClearanceState.choices,
        default=ClearanceState.NOT_SUBMITTED,
    )
    reason = models.TextField(_("reason for refusal"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    # Set when the data was removed (on request, or by the retention purge); the state stays.
    data_purged_at = models.DateTimeField(_("security data purged"), null=True, blank=True)

    class Meta:
        verbose_name = _("security clearance")
        verbose_name_plural = _("security clearances")
        ordering = ["participant__family_name", "participant__given_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="refused") | ~models.Q(reason=""),
                name="security_record_refusal_has_reason",
                violation_error_message=_("Give the reason for the refusal."),
            )
        ]

    def __str__(self) -> str:
        # Never the data itself: this is what logs and messages show.
        return str(self.participant)


class ClearanceChange(models.Model):
    """A step of a participant's clearance: which state, when, by whom, why."""

    record = models.ForeignKey(
        SecurityRecord, on_delete=models.CASCADE, related_name="changes", verbose_name=_("record")
    )
    state = models.CharField(_("clearance"), max_length=20, choices=ClearanceState.choices)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Who, when no staff account did it: "focal point", "applicant", "vetting authority (import)".
    by_label = models.CharField(_("by (other)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("clearance step")
        verbose_name_plural = _("clearance steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.record}: {self.get_state_display()}"


class AccessKind(models.TextChoices):
    VIEWED = "viewed", _("viewed")
    DATA_PAGE = "data_page", _("opened the data page's scan")
    EXPORTED = "exported", _("exported to the vetting authority")
    PURGED = "purged", _("purged")


class SecurityDataAccess(models.Model):
    """Who saw or took whose passport data, and when: kept as long as the conference's data."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="+", verbose_name=_("conference")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="security_data_accesses",
        verbose_name=_("whose data"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # The account's name when it was used, or "focal point": kept if the account goes.
    by_label = models.CharField(_("who (name)"), max_length=150)
    kind = models.CharField(_("what"), max_length=20, choices=AccessKind.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("access to security data")
        verbose_name_plural = _("accesses to security data")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.by_label}: {self.get_kind_display()} {self.participant}"
