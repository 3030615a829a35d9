"""Sending a message to many: each recipient once, even when the task is tried again."""

from django.utils import timezone, translation

from conference.task_retries import retrying_task
from delegations.emails import email_send_written
from messaging.models import BulkMessage, Recipient


@retrying_task(queue_name="email")
def bulk_message_send(*, message_id: int) -> None:
    """Send the message to each recipient not yet served, marking each as it goes: a retry
    after a mail server's refusal carries on where the last attempt stopped."""
    message = BulkMessage.objects.select_related("conference").filter(pk=message_id).first()
    if message is None:
        return
    conference_title = message.conference.translated_title
    for recipient in message.recipients.filter(sent_at__isnull=True).order_by("pk"):
        with translation.override(recipient.language or message.conference.main_language):
            email_send_written(
                written=message,
                values={"name": recipient.name, "conference": conference_title},
                to=[recipient.email],
                cc=[],
            )
        Recipient.objects.filter(pk=recipient.pk).update(sent_at=timezone.now())
