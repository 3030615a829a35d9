import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from delegations.models import Participant, State
from delegations.registration import member_add
from delegations.services import (
    participant_approve,
    participant_reject,
    participant_reset,
    participant_withdraw,
)
from tests.factories import FocalPointFactory, OpenConferenceFactory, ParticipantFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


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
                given_name="Олена", family_name="Коваль", email="olena@example.org"
            ),
        )

    assert mail.outbox[0].subject.startswith("Registration received")
    assert mail.outbox[0].to == ["olena@example.org"]
    assert "Олена Коваль" in mail.outbox[0].body


def test_member_add_refused_sends_nothing(member, django_capture_on_commit_callbacks):
    member.delegation.quota = 1
    member.delegation.save()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        member_add(
            delegation=member.delegation,
            participant=Participant(given_name="A", family_name="B", email="b@example.org"),
        )

    assert mail.outbox == []
