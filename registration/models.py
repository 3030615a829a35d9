import datetime

from django.core import signing
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference
from delegations.link_secrets import link_token
from delegations.models import Participant, validate_internet_email
from delegations.storage import private_storage
from delegations.uploads import RandomFileName

APPLICATION_SALT = "delegations.application"
# The link an applicant follows their application with, for as long as it is kept.
APPLICATION_STATUS_SALT = "registration.application-status"
# How long the link that confirms an application's e-mail address works.
APPLICATION_MAX_AGE = datetime.timedelta(hours=48)


class ApplicantKind(models.TextChoices):
    EXPERT = "expert", _("Expert")
    OBSERVER = "observer", _("Observer")
    MEDIA = "media", _("Media")


class Application(models.Model):
    """An individual application, kept apart until its e-mail address is confirmed.

    `data` holds the participant's fields as typed; confirming turns it into a pending
    participant of the conference's Experts delegation.
    """

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("conference"),
    )
    kind = models.CharField(_("applying as"), max_length=20, choices=ApplicantKind.choices)
    email = models.EmailField(_("e-mail"), validators=[validate_internet_email])
    data = models.JSONField(_("details"), default=dict)
    photo = models.ImageField(
        _("photo"),
        storage=private_storage,
        upload_to=RandomFileName("application-photos"),
        blank=True,
    )
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    participant = models.OneToOneField(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("participant"),
    )

    class Meta:
        verbose_name = _("individual application")
        verbose_name_plural = _("individual applications")
        ordering = ["-created_at"]
        indexes = [
            # The admin's list, newest first (the admin adds -pk): its page is read from here
            # instead of joining and sorting every application with its participant.
            models.Index(fields=["created_at", "id"], name="application_created_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.email}"

    def confirmation_token(self) -> str:
        """The signed token of the link that confirms the address, for APPLICATION_MAX_AGE."""
        return signing.dumps(self.pk, salt=APPLICATION_SALT)

    def status_token(self) -> str:
        """The token of the applicant's status page; it never expires, and it opens nothing
        once the application is deleted (retention purge)."""
        return link_token(self.pk, salt=APPLICATION_STATUS_SALT)

    @property
    def language(self) -> str:
        """The language the applicant reads, as the participant they become will."""
        return self.data.get("preferred_language") or self.conference.main_language
