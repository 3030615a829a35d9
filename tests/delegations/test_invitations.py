import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from delegations.invitations import invitation_revoke, invitation_send
from delegations.models import Invitation, token_hash
from tests.factories import (
    DelegationFactory,
    FocalPointFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    RegistrationClosedConferenceFactory,
    StaffUserFactory,
)
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db
# The invitation e-mail, with its link, is made by the task worker: tests that run it commit.
sent_by_the_worker = pytest.mark.django_db(transaction=True)

SITE_URL = "https://plenary.example.org/"


def emailed_token(message) -> str:
    return re.search(
        r"https://plenary\.example\.org/[a-z-]+/invitation/([^/]+)/", message.body
    ).group(1)


def send(delegation, **kwargs) -> tuple[Invitation, str]:
    """Send an invitation and run the worker; returns it with the token its e-mail carries."""
    invitation = invitation_send(delegation=delegation, site_url=SITE_URL, **kwargs)
    tasks_run()
    invitation.refresh_from_db()
    return invitation, emailed_token(mail.outbox[-1])


@sent_by_the_worker
def test_invitation_send_stores_only_the_token_hash():
    focal_point = FocalPointFactory(delegation__conference=OpenConferenceFactory())

    invitation, token = send(focal_point.delegation)

    assert len(token) >= 43
    assert invitation.token_hash == token_hash(token)
    assert token not in str(Invitation.objects.values().get())
    assert token not in str(list(DBTaskResult.objects.values()))


@sent_by_the_worker
def test_invitation_send_emails_the_link_to_every_focal_point():
    delegation = DelegationFactory(conference=OpenConferenceFactory())
    first = FocalPointFactory(delegation=delegation)
    second = FocalPointFactory(delegation=delegation)

    _invitation, token = send(delegation)

    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([first.email, second.email])
    assert f"{SITE_URL}en/invitation/{token}/" in mail.outbox[0].body
    assert f"{SITE_URL}en/invitation/{token}/" in mail.outbox[0].alternatives[0][0]


@sent_by_the_worker
def test_invitation_email_names_the_deadline_for_changes_in_the_conference_zone():
    conference = OpenConferenceFactory(
        registration_closes_at=datetime.datetime(2030, 8, 25, 12, 0, tzinfo=datetime.UTC),
        modification_deadline=datetime.datetime(2030, 8, 18, 12, 0, tzinfo=datetime.UTC),
    )
    focal_point = FocalPointFactory(delegation__conference=conference)

    send(focal_point.delegation)

    assert "You can make changes until 18 August 2030, 17:00 (Asia/Karachi)." in (
        mail.outbox[0].body
    )


def test_invitation_send_records_who_sent_it_and_how_often():
    focal_point = FocalPointFactory(delegation__conference=OpenConferenceFactory())
    organiser = StaffUserFactory()

    invitation_send(delegation=focal_point.delegation, site_url=SITE_URL, by=organiser)
    invitation = invitation_send(delegation=focal_point.delegation, site_url=SITE_URL, by=organiser)

    assert invitation.send_count == 2
    assert invitation.sent_by == organiser
    assert invitation.sent_at is not None


def test_invitation_resend_stops_the_old_link_before_the_new_one_is_sent(client):
    invitation = InvitationFactory(token="old-token")
    FocalPointFactory(delegation=invitation.delegation)

    invitation_send(delegation=invitation.delegation, site_url=SITE_URL)

    assert client.get(reverse("registration:portal", args=["old-token"])).status_code == 404
    assert mail.outbox == []


@sent_by_the_worker
def test_invitation_resend_invalidates_the_old_link(client):
    focal_point = FocalPointFactory(delegation__conference=OpenConferenceFactory())
    _invitation, old_token = send(focal_point.delegation)

    _invitation, new_token = send(focal_point.delegation)

    assert client.get(reverse("registration:portal", args=[old_token])).status_code == 404
    assert client.get(reverse("registration:portal", args=[new_token])).status_code == 200


def test_invitation_send_without_focal_point_is_refused():
    delegation = DelegationFactory(conference=OpenConferenceFactory())

    with pytest.raises(ValidationError):
        invitation_send(delegation=delegation, site_url=SITE_URL)

    assert not Invitation.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_invitation_revoked_link_is_refused(client):
    invitation = InvitationFactory(token="revoked-token")

    invitation_revoke(delegation=invitation.delegation)
    response = client.get(reverse("registration:portal", args=["revoked-token"]))

    assert response.status_code == 410
    assert "revoked" in response.content.decode()


@sent_by_the_worker
def test_invitation_revoked_before_the_worker_runs_is_not_sent():
    focal_point = FocalPointFactory(delegation__conference=OpenConferenceFactory())
    invitation_send(delegation=focal_point.delegation, site_url=SITE_URL)
    invitation_revoke(delegation=focal_point.delegation)

    tasks_run()

    assert mail.outbox == []


@sent_by_the_worker
def test_invitation_resend_after_revoking_gives_a_working_link(client):
    focal_point = FocalPointFactory(delegation__conference=OpenConferenceFactory())
    send(focal_point.delegation)
    invitation_revoke(delegation=focal_point.delegation)

    _invitation, token = send(focal_point.delegation)

    assert client.get(reverse("registration:portal", args=[token])).status_code == 200


def end_the_meeting(conference, *, days_ago: int = 1) -> None:
    """Registration closed a month ago; the meeting's last day was `days_ago` days ago."""
    today = timezone.localdate(timezone=conference.tzinfo)
    conference.registration_opens_at = timezone.now() - datetime.timedelta(days=60)
    conference.registration_closes_at = timezone.now() - datetime.timedelta(days=30)
    conference.start_date = today - datetime.timedelta(days=days_ago + 1)
    conference.end_date = today - datetime.timedelta(days=days_ago)
    conference.save()


def test_invitation_after_registration_closed_shows_the_delegation_read_only(client):
    invitation = InvitationFactory(
        token="late-token", delegation__conference=RegistrationClosedConferenceFactory()
    )
    ParticipantFactory(delegation=invitation.delegation, given_name="Kofi", family_name="Boateng")

    response = client.get(reverse("registration:portal", args=["late-token"]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Registration closed on" in page
    assert "(Asia/Karachi)" in page
    assert "Kofi Boateng" in page
    assert "members/add/" not in page
    assert "Submit the delegation" not in page
    assert "Upload the letter" not in page


def test_invitation_unknown_token_is_not_found(client):
    InvitationFactory(token="real-token")

    response = client.get(reverse("registration:portal", args=["guessed-token"]))

    assert response.status_code == 404


@sent_by_the_worker
def test_invitation_admin_resend_action_sends_a_new_link(client):
    invitation = InvitationFactory(token="first-token")
    FocalPointFactory(delegation=invitation.delegation)
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("admin:delegations_invitation_changelist"),
        {"action": "resend", "_selected_action": [invitation.pk]},
    )
    tasks_run()

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    assert invitation.token_hash != token_hash("first-token")
    assert "http://testserver/en/invitation/" in mail.outbox[0].body


@sent_by_the_worker
def test_invitation_admin_send_action_queues_one_email_per_delegation(client):
    delegations = [FocalPointFactory().delegation for _delegation in range(3)]
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("admin:delegations_delegation_changelist"),
        {"action": "send_invitations", "_selected_action": [d.pk for d in delegations]},
        follow=True,
    )
    queued = DBTaskResult.objects.count()
    outbox_before_the_worker = len(mail.outbox)
    tasks_run()

    assert "Sending 3 invitations." in response.text
    assert (queued, outbox_before_the_worker) == (3, 0)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        delegation.focal_points.get().email for delegation in delegations
    )


def test_invitation_admin_revoke_action_revokes(client):
    invitation = InvitationFactory()
    client.force_login(StaffUserFactory())

    client.post(
        reverse("admin:delegations_invitation_changelist"),
        {"action": "revoke", "_selected_action": [invitation.pk]},
    )

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_invitation_admin_list_query_count_is_constant(client, django_assert_num_queries):
    client.force_login(StaffUserFactory())
    InvitationFactory()
    with django_assert_num_queries(7):
        client.get(reverse("admin:delegations_invitation_changelist"))
    InvitationFactory.create_batch(2)
    with django_assert_num_queries(7):
        client.get(reverse("admin:delegations_invitation_changelist"))


def test_invitation_expires_when_the_meetings_last_day_ends_in_its_time_zone():
    invitation = InvitationFactory()
    conference = invitation.delegation.conference
    end_the_meeting(conference, days_ago=0)
    last_instant = conference.ends_at - datetime.timedelta(microseconds=1)

    assert invitation.expires_at == conference.ends_at
    assert not invitation.is_expired(now=last_instant)
    assert invitation.is_expired(now=conference.ends_at)


def test_invitation_expires_when_registration_closes_after_the_meeting():
    invitation = InvitationFactory()
    conference = invitation.delegation.conference
    end_the_meeting(conference)
    conference.registration_closes_at = timezone.now() + datetime.timedelta(days=1)
    conference.save()

    assert invitation.expires_at == conference.registration_closes_at


@pytest.mark.parametrize(
    ("method", "name", "member"),
    [
        ("get", "portal", False),
        ("get", "letter", False),
        ("get", "member_add", False),
        ("post", "submit", False),
        ("get", "member_edit", True),
        ("get", "member_photo", True),
        ("get", "member_withdraw", True),
    ],
)
def test_invitation_after_the_meeting_is_refused_on_every_portal_page(client, method, name, member):
    invitation = InvitationFactory(token="old-token")
    participant = ParticipantFactory(delegation=invitation.delegation)
    end_the_meeting(invitation.delegation.conference)
    args = ["old-token", participant.pk] if member else ["old-token"]

    response = getattr(client, method)(reverse(f"registration:{name}", args=args))

    assert response.status_code == 410
    assert "This link expired on" in response.text
    assert "(Asia/Karachi); contact the organisers." in response.text
    assert participant.email not in response.text


def test_invitation_after_the_meeting_works_again_once_registration_reopens(client):
    invitation = InvitationFactory(token="reopened-token")
    conference = invitation.delegation.conference
    end_the_meeting(conference)
    conference.registration_closes_at = timezone.now() + datetime.timedelta(days=7)
    conference.save()

    response = client.get(reverse("registration:portal", args=["reopened-token"]))

    assert response.status_code == 200
    assert "members/add/" in response.text
