"""With the queue on (production's default), the task worker queues the e-mail and the mailer
sends it."""

import datetime

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from mailer.models import RESULT_FAILURE, RESULT_SUCCESS, Message, MessageLog, email_to_db

from delegations.services import participant_approve
from tests.factories import ParticipantFactory
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued_email(settings):
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_approval_email_is_queued_then_sent_by_the_mailer(queued_email):
    participant = ParticipantFactory(given_name="Amina", family_name="Diallo")

    participant_approve(participant=participant)
    tasks_run()

    assert Message.objects.count() == 1
    assert mail.outbox == []

    call_command("send_mail", verbosity=0)

    (message,) = mail.outbox
    assert message.to == [participant.email]
    assert "Amina Diallo" in message.body
    assert message.attachments[0][2] == "application/pdf"


def test_sent_email_log_keeps_no_message_body(queued_email):
    participant = ParticipantFactory()
    participant_approve(participant=participant)
    tasks_run()

    call_command("send_mail", verbosity=0)

    (log,) = MessageLog.objects.all()
    assert log.message_data is None
    assert not Message.objects.exists()


def queue_invitation(token: str = "s3cr3t-invitation-token") -> Message:
    email = EmailMessage(
        subject="Invitation to register",
        body=f"Register here: https://plenary.example.org/invitation/{token}/\nThank you.",
        to=["focal@mission.example.org"],
    )
    return Message.objects.create(message_data=email_to_db(email))


def test_purge_mail_deletes_old_queued_messages_and_old_logs_only(queued_email):
    old = timezone.now() - datetime.timedelta(days=31)
    stale, fresh = queue_invitation(), queue_invitation()
    Message.objects.filter(pk=stale.pk).update(when_added=old)
    old_log = MessageLog.objects.log(fresh, RESULT_SUCCESS)
    MessageLog.objects.filter(pk=old_log.pk).update(when_attempted=old)
    recent_log = MessageLog.objects.log(fresh, RESULT_FAILURE)

    call_command("purge_mail", days=30, verbosity=0)

    assert list(Message.objects.all()) == [fresh]
    assert list(MessageLog.objects.all()) == [recent_log]


def test_mail_admin_shows_queued_mail_without_the_link(admin_client):
    message = queue_invitation()

    change = admin_client.get(reverse("admin:mailer_message_change", args=[message.pk]))
    listing = admin_client.get(reverse("admin:mailer_message_changelist"))

    assert change.status_code == listing.status_code == 200
    assert "Register here: https://plenary.example.org/invitation/…/" in change.text
    assert "s3cr3t-invitation-token" not in change.text + listing.text


def test_mail_log_admin_shows_no_body(admin_client, settings):
    settings.MAILER_EMAIL_LOG_MESSAGE_DATA = True
    log = MessageLog.objects.log(queue_invitation(), RESULT_SUCCESS)

    change = admin_client.get(reverse("admin:mailer_messagelog_change", args=[log.pk]))

    assert change.status_code == 200
    assert "s3cr3t-invitation-token" not in change.text
