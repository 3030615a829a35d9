import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends import locmem
from django.db import transaction
from django.urls import reverse

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

pytestmark = pytest.mark.django_db

REFUSED_ADDRESS = "refused@example.org"


class RefusingBackend(locmem.EmailBackend):
    """Django's test backend, but the mail server refuses one address, as SMTP can."""

    def send_messages(self, messages):
        for message in messages:
            if REFUSED_ADDRESS in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED_ADDRESS: (550, b"No such user")})
        return super().send_messages(messages)


@pytest.fixture
def member():
    focal_point = FocalPointFactory(
        email="focal@mission.example.org", delegation__conference=OpenConferenceFactory()
    )
    return ParticipantFactory(
        delegation=focal_point.delegation, given_name="Yuki", family_name="Tanaka"
    )


def test_participant_approve_emails_participant_and_focal_point(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        participant_approve(participant=member)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Registration approved")
    assert message.to == [member.email]
    assert message.cc == ["focal@mission.example.org"]
    assert "Yuki Tanaka" in message.body


def test_participant_approve_email_carries_the_badge(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        participant_approve(participant=member)

    ((filename, content, mimetype),) = mail.outbox[0].attachments
    assert (filename, mimetype) == (f"badge-{member.pk:06d}.pdf", "application/pdf")
    assert "Yuki Tanaka" in pdf_text(content)
    assert member.badge_token not in mail.outbox[0].body


def test_participant_reject_email_gives_the_reason(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        participant_reject(participant=member, reason="Quota for observers reached")

    assert mail.outbox[0].subject.startswith("Registration not accepted")
    assert "Quota for observers reached" in mail.outbox[0].body
    assert "Quota for observers reached" in mail.outbox[0].alternatives[0][0]


def test_participant_withdraw_emails_the_withdrawal(member, django_capture_on_commit_callbacks):
    participant_approve(participant=member)

    with django_capture_on_commit_callbacks(execute=True):
        participant_withdraw(participant=member, reason="Ill")

    assert [message.subject.split(":")[0] for message in mail.outbox] == ["Registration withdrawn"]


def test_participant_reset_emails_a_new_submission(member, django_capture_on_commit_callbacks):
    participant_reject(participant=member, reason="Missing letter")

    with django_capture_on_commit_callbacks(execute=True):
        participant_reset(participant=member)

    assert mail.outbox[0].subject.startswith("Registration received")


def test_participant_transition_rolled_back_sends_nothing(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        participant_approve(participant=member)
        transaction.set_rollback(True)

    member.refresh_from_db()
    assert member.state == State.PENDING
    assert mail.outbox == []


def test_member_add_emails_the_submission(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member_add(
            delegation=member.delegation,
            participant=Participant(
                given_name="Olena",
                family_name="Koval",
                own_script_name="Олена Коваль",
                email="olena@example.org",
            ),
        )

    assert mail.outbox[0].subject.startswith("Registration received")
    assert mail.outbox[0].to == ["olena@example.org"]
    own_script = "Олена Коваль"
    assert f"Dear Olena Koval (\u2068{own_script}\u2069)," in mail.outbox[0].body


def test_member_add_refused_sends_nothing(member, django_capture_on_commit_callbacks):
    member.delegation.quota = 1
    member.delegation.save()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        member_add(
            delegation=member.delegation,
            participant=Participant(given_name="A", family_name="B", email="b@example.org"),
        )

    assert mail.outbox == []


def test_participant_approve_email_tells_one_story_about_the_badge(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        participant_approve(participant=member)

    message = mail.outbox[0]
    for text in (message.body, message.alternatives[0][0]):
        assert "Your badge is attached to this e-mail as a PDF" in text
        assert "together with an identity document" in text
        assert "collect your badge" not in text


@pytest.fixture
def refusing_mail_server(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"


def approve_in_admin(client, participants):
    return client.post(
        reverse("admin:delegations_participant_changelist"),
        {
            "action": "approve_selected",
            "_selected_action": [participant.pk for participant in participants],
            "index": 0,
        },
    )


@pytest.mark.django_db(transaction=True)
def test_admin_approval_with_a_refused_email_approves_everyone_and_mails_the_rest(
    admin_client, refusing_mail_server
):
    # Approved in name order: the refused address comes first.
    refused = ParticipantFactory(family_name="Asante", email=REFUSED_ADDRESS)
    delivered = ParticipantFactory(
        delegation=refused.delegation, family_name="Boateng", email="delivered@example.org"
    )

    response = approve_in_admin(admin_client, [refused, delivered])

    assert response.status_code == 302
    assert {p.state for p in Participant.objects.all()} == {State.APPROVED}
    assert [message.to for message in mail.outbox] == [["delivered@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_refused_email_is_logged_with_the_participant_id(
    admin_client, refusing_mail_server, caplog
):
    refused = ParticipantFactory(email=REFUSED_ADDRESS)

    approve_in_admin(admin_client, [refused])

    (record,) = [r for r in caplog.records if r.name == "delegations.emails"]
    assert record.getMessage() == (
        f"E-mail email_participant_state(participant={refused.pk}) was not sent."
    )
    assert record.exc_info[0] is smtplib.SMTPRecipientsRefused
