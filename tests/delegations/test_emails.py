import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends import locmem
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from delegations.models import Participant, State
from delegations.services import (
    participant_approve,
    participant_reject,
    participant_reset,
    participant_withdraw,
)
from registration.services import member_add
from tests.factories import FocalPointFactory, OpenConferenceFactory, ParticipantFactory
from tests.pdf import pdf_text
from tests.tasks import task_results, tasks_run, tasks_run_with_retries

# The e-mails are sent by the task worker, which these tests run against the test database.
pytestmark = pytest.mark.django_db(transaction=True)

REFUSED_ADDRESS = "refused@example.org"


class RefusingBackend(locmem.EmailBackend):
    """Django's test backend, but the mail server refuses one address, as SMTP can."""

    def send_messages(self, messages):
        for message in messages:
            if REFUSED_ADDRESS in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED_ADDRESS: (550, b"No such user")})
        return super().send_messages(messages)


class OnceUnavailableBackend(locmem.EmailBackend):
    """Django's test backend, but the mail server is down for the first message sent."""

    down = True

    def send_messages(self, messages):
        if OnceUnavailableBackend.down:
            OnceUnavailableBackend.down = False
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def member():
    focal_point = FocalPointFactory(
        email="focal@mission.example.org", delegation__conference=OpenConferenceFactory()
    )
    return ParticipantFactory(
        delegation=focal_point.delegation, given_name="Yuki", family_name="Tanaka"
    )


def test_participant_approve_emails_participant_and_focal_point(member):
    participant_approve(participant=member)
    tasks_run()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Registration approved")
    assert message.to == [member.email]
    assert message.cc == ["focal@mission.example.org"]
    assert "Yuki Tanaka" in message.body


def test_participant_approve_sends_nothing_until_the_worker_runs(member):
    participant_approve(participant=member)

    (result,) = task_results("participant_state_email")
    assert result.status == TaskResultStatus.READY
    assert mail.outbox == []


def test_participant_approve_email_carries_the_badge(member):
    participant_approve(participant=member)
    tasks_run()

    ((filename, content, mimetype),) = mail.outbox[0].attachments
    assert (filename, mimetype) == (f"badge-{member.pk:06d}.pdf", "application/pdf")
    assert "Yuki Tanaka" in pdf_text(content)
    assert member.badge_token not in mail.outbox[0].body


def test_participant_reject_email_gives_the_reason(member):
    participant_reject(participant=member, reason="Quota for observers reached")
    tasks_run()

    assert mail.outbox[0].subject.startswith("Registration not accepted")
    assert "Quota for observers reached" in mail.outbox[0].body
    assert "Quota for observers reached" in mail.outbox[0].alternatives[0][0]


def test_participant_reject_queues_no_personal_text(member):
    participant_reject(participant=member, reason="Quota for observers reached")

    (result,) = task_results("participant_state_email")
    assert "Quota" not in str(result.args_kwargs)
    assert member.email not in str(result.args_kwargs)


def test_participant_withdraw_emails_the_withdrawal(member):
    participant_approve(participant=member)
    tasks_run()
    mail.outbox.clear()

    participant_withdraw(participant=member, reason="Ill")
    tasks_run()

    assert [message.subject.split(":")[0] for message in mail.outbox] == ["Registration withdrawn"]


def test_participant_reset_emails_a_new_submission(member):
    participant_reject(participant=member, reason="Missing letter")
    tasks_run()
    mail.outbox.clear()

    participant_reset(participant=member)
    tasks_run()

    assert mail.outbox[0].subject.startswith("Registration received")


def test_participant_transition_rolled_back_sends_nothing(member):
    with transaction.atomic():
        participant_approve(participant=member)
        transaction.set_rollback(True)
    tasks_run()

    member.refresh_from_db()
    assert member.state == State.PENDING
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []


def test_member_add_emails_the_submission(member):
    member_add(
        delegation=member.delegation,
        participant=Participant(
            given_name="Olena",
            family_name="Koval",
            own_script_name="Олена Коваль",
            email="olena@example.org",
        ),
    )
    tasks_run()

    assert mail.outbox[0].subject.startswith("Registration received")
    assert mail.outbox[0].to == ["olena@example.org"]
    own_script = "Олена Коваль"
    assert f"Dear Olena Koval (\u2068{own_script}\u2069)," in mail.outbox[0].body


def test_member_add_refused_sends_nothing(member):
    member.delegation.quota = 1
    member.delegation.save()

    with pytest.raises(ValidationError):
        member_add(
            delegation=member.delegation,
            participant=Participant(given_name="A", family_name="B", email="b@example.org"),
        )
    tasks_run()

    assert mail.outbox == []


def test_participant_approve_email_tells_one_story_about_the_badge(member):
    participant_approve(participant=member)
    tasks_run()

    message = mail.outbox[0]
    for text in (message.body, message.alternatives[0][0]):
        assert "Your badge is attached to this e-mail as a PDF" in text
        assert "together with an identity document" in text
        assert "collect your badge" not in text


def test_participant_state_email_of_a_participant_deleted_meanwhile_sends_nothing(member):
    participant_approve(participant=member)
    Participant.objects.filter(pk=member.pk).delete()

    tasks_run()

    assert mail.outbox == []
    assert task_results("participant_state_email")[0].status == TaskResultStatus.SUCCESSFUL


@pytest.fixture
def refusing_mail_server(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"


@pytest.fixture
def once_unavailable_mail_server(settings):
    settings.EMAIL_BACKEND = f"{__name__}.OnceUnavailableBackend"
    OnceUnavailableBackend.down = True


def approve_in_admin(client, participants):
    return client.post(
        reverse("admin:delegations_participant_changelist"),
        {
            "action": "approve_selected",
            "_selected_action": [participant.pk for participant in participants],
            "index": 0,
        },
    )


def test_admin_approval_queues_one_email_per_participant_and_sends_none(admin_client):
    participants = ParticipantFactory.create_batch(3)

    response = approve_in_admin(admin_client, participants)

    assert response.status_code == 302
    assert len(task_results("participant_state_email")) == 3
    assert mail.outbox == []


def test_admin_approval_with_a_refused_email_approves_everyone_and_mails_the_rest(
    admin_client, refusing_mail_server
):
    # Approved in name order: the refused address comes first.
    refused = ParticipantFactory(family_name="Asante", email=REFUSED_ADDRESS)
    delivered = ParticipantFactory(
        delegation=refused.delegation, family_name="Boateng", email="delivered@example.org"
    )

    response = approve_in_admin(admin_client, [refused, delivered])
    tasks_run()

    assert response.status_code == 302
    assert {p.state for p in Participant.objects.all()} == {State.APPROVED}
    assert [message.to for message in mail.outbox] == [["delivered@example.org"]]


def test_email_that_fails_is_tried_again_later_and_then_sent(member, once_unavailable_mail_server):
    participant_approve(participant=member)
    before = timezone.now()

    tasks_run()

    first, retry = task_results("participant_state_email")
    assert first.status == TaskResultStatus.FAILED
    assert first.exception_class_path == "smtplib.SMTPServerDisconnected"
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after >= before + datetime.timedelta(seconds=30)
    assert mail.outbox == []

    tasks_run_with_retries()

    assert task_results("participant_state_email")[-1].status == TaskResultStatus.SUCCESSFUL
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_email_refused_every_time_ends_failed_after_three_attempts_with_the_error(
    refusing_mail_server,
):
    refused = ParticipantFactory(email=REFUSED_ADDRESS)
    participant_approve(participant=refused)

    tasks_run_with_retries()

    results = task_results("participant_state_email")
    assert [result.status for result in results] == [TaskResultStatus.FAILED] * 3
    assert [result.args_kwargs["kwargs"].get("attempt", 1) for result in results] == [1, 2, 3]
    assert "SMTPRecipientsRefused" in results[-1].traceback
    assert mail.outbox == []


def test_email_retries_wait_twice_as_long_each_time(refusing_mail_server):
    participant_approve(participant=ParticipantFactory(email=REFUSED_ADDRESS))
    tasks_run()
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())

    tasks_run()

    _first, second, third = task_results("participant_state_email")
    # Sixty seconds from the moment the second attempt failed, within its run (which takes
    # over a second when the machine is busy).
    wait = datetime.timedelta(seconds=60)
    assert second.started_at + wait <= third.run_after <= second.finished_at + wait


def test_failed_email_task_shows_its_error_to_organisers_in_the_admin(
    admin_client, refusing_mail_server
):
    participant_approve(participant=ParticipantFactory(email=REFUSED_ADDRESS))
    tasks_run()
    failed = task_results("participant_state_email")[0]

    changelist = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    page = admin_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.pk])
    )

    assert "participant_state_email" in changelist.text
    assert "Failed" in changelist.text
    assert "SMTPRecipientsRefused" in page.text
