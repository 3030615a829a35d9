import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from delegations.invitations import invitation_revoke, invitation_send, token_hash
from delegations.models import Invitation
from tests.factories import (
    DelegationFactory,
    FocalPointFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    RegistrationClosedConferenceFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


def portal_url(token: str) -> str:
    return f"https://plenary.example.org/invitation/{token}/"


def send(delegation, **kwargs) -> tuple[Invitation, str]:
    """Send an invitation; returns it with the token the e-mailed link carries."""
    tokens = []

    def capture(token: str) -> str:
        tokens.append(token)
        return portal_url(token)

    invitation = invitation_send(delegation=delegation, portal_url=capture, **kwargs)
    return invitation, tokens[0]


def test_invitation_send_stores_only_the_token_hash():
    focal_point = FocalPointFactory(delegation__conference=OpenConferenceFactory())

    invitation, token = send(focal_point.delegation)

    assert len(token) >= 43
    assert invitation.token_hash == token_hash(token)
    assert token not in str(Invitation.objects.values().get())


def test_invitation_send_emails_the_link_to_every_focal_point(
    django_capture_on_commit_callbacks,
):
    delegation = DelegationFactory(conference=OpenConferenceFactory())
    first = FocalPointFactory(delegation=delegation)
    second = FocalPointFactory(delegation=delegation)

    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = send(delegation)

    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([first.email, second.email])
    assert portal_url(token) in mail.outbox[0].body
    assert portal_url(token) in mail.outbox[0].alternatives[0][0]


def test_invitation_email_names_the_deadline_for_changes_in_the_conference_zone(
    django_capture_on_commit_callbacks,
):
    conference = OpenConferenceFactory(
        registration_closes_at=datetime.datetime(2030, 8, 25, 12, 0, tzinfo=datetime.UTC),
        modification_deadline=datetime.datetime(2030, 8, 18, 12, 0, tzinfo=datetime.UTC),
    )
    focal_point = FocalPointFactory(delegation__conference=conference)

    with django_capture_on_commit_callbacks(execute=True):
        send(focal_point.delegation)

    assert "You can make changes until 18 August 2030, 17:00 (Asia/Karachi)." in (
        mail.outbox[0].body
    )


def test_invitation_send_records_who_sent_it_and_how_often():
    focal_point = FocalPointFactory(delegation__conference=OpenConferenceFactory())
    organiser = StaffUserFactory()

    send(focal_point.delegation, by=organiser)
    invitation, _token = send(focal_point.delegation, by=organiser)

    assert invitation.send_count == 2
    assert invitation.sent_by == organiser
    assert invitation.sent_at is not None


def test_invitation_resend_invalidates_the_old_link(client):
    focal_point = FocalPointFactory(delegation__conference=OpenConferenceFactory())
    _invitation, old_token = send(focal_point.delegation)

    _invitation, new_token = send(focal_point.delegation)

    assert client.get(reverse("registration:portal", args=[old_token])).status_code == 404
    assert client.get(reverse("registration:portal", args=[new_token])).status_code == 200


def test_invitation_send_without_focal_point_is_refused():
    delegation = DelegationFactory(conference=OpenConferenceFactory())

    with pytest.raises(ValidationError):
        send(delegation)

    assert not Invitation.objects.exists()


def test_invitation_revoked_link_is_refused(client):
    invitation = InvitationFactory(token="revoked-token")

    invitation_revoke(delegation=invitation.delegation)
    response = client.get(reverse("registration:portal", args=["revoked-token"]))

    assert response.status_code == 410
    assert "revoked" in response.content.decode()


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


def test_invitation_admin_resend_action_sends_a_new_link(
    client, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(token="first-token")
    FocalPointFactory(delegation=invitation.delegation)
    client.force_login(StaffUserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:delegations_invitation_changelist"),
            {"action": "resend", "_selected_action": [invitation.pk]},
        )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    assert invitation.token_hash != token_hash("first-token")
    assert "http://testserver/en/invitation/" in mail.outbox[0].body


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
    with django_assert_num_queries(6):
        client.get(reverse("admin:delegations_invitation_changelist"))
    InvitationFactory.create_batch(2)
    with django_assert_num_queries(6):
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
