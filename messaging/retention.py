"""Messaging's share of retention (conference.retention): the texts of messages to many and
their recipients' names and addresses go; that a message was sent, when, by whom and to how
many people stays."""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.dispatch import receiver
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.retention import PersonalData, personal_data_held
from messaging.models import BulkMessage, Recipient


@receiver(personal_data_held, sender=Conference)
def _messaging_personal_data(
    sender, *, conference: Conference, purge: bool, **kwargs
) -> list[PersonalData]:
    messages = BulkMessage.objects.filter(conference=conference).exclude(body="")
    recipients = Recipient.objects.filter(message__conference=conference).filter(
        ~Q(email__endswith="@removed.invalid") | ~Q(name="")
    )
    held = [
        PersonalData(_("texts of messages to many"), messages.count()),
        PersonalData(_("recipients of messages to many"), recipients.count()),
    ]
    if purge:
        messages.update(body="")
        # Each address stays unique: the log keeps one row per person it was sent to.
        recipients.update(name="", email=Concat(Cast("pk", CharField()), Value("@removed.invalid")))
    return held
