"""With the queue on (production's default), the task worker queues the e-mail and the mailer
sends it."""

import pytest
from django.core import mail
from django.core.management import call_command
from mailer.models import Message, MessageLog

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
