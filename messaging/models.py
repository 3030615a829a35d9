from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference
from conference.plain_text import ControlCharactersRefused


class Audience(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants")
    FOCAL_POINTS = "focal_points", _("Focal points of delegations")


class BulkMessage(ControlCharactersRefused, models.Model):
    """A message an organiser wrote to many people at once, sent by a task; its log of
    recipients says who received it and when. The retention purge empties the text and the
    addresses, keeping that it was sent, to how many, by whom."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="bulk_messages",
        verbose_name=_("conference"),
    )
    audience = models.CharField(_("sent to"), max_length=20, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=10000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to many")
        verbose_name_plural = _("messages to many")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class Recipient(models.Model):
    """One address a bulk message goes to; `sent_at` is set once the mail server took it."""

    message = models.ForeignKey(
        BulkMessage, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("message")
    )
    name = models.CharField(_("name"), max_length=300)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["message", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "email"], name="recipient_once_per_message")
        ]

    def __str__(self) -> str:
        return self.email
