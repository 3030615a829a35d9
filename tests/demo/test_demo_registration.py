"""load_demo makes registration demonstrable: invitations with printed links, applications."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from conference.models import Conference
from delegations.invitations import invitation_revoke
from delegations.models import Delegation, DelegationKind, DelegationStatus, Invitation, Role, State
from demo.reference_meeting import SLUG
from registration.models import Application
from registration.services import application_data

pytestmark = pytest.mark.django_db

LINK = re.compile(r"^  Focal point portal for (.+): http://127\.0\.0\.1:8000(/en/invitation/\S+/)$")


def load_demo() -> dict[str, str]:
    """Run load_demo; returns the portal paths it prints for the 2023 meeting, by delegation."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    section = out.getvalue().split(f"({SLUG}):\n", 1)[1].split("\n\n", 1)[0]
    return dict(match.groups() for match in map(LINK.match, section.splitlines()) if match)


def test_load_demo_prints_portal_links_for_the_invited_delegations():
    links = load_demo()

    assert set(links) == {
        "Pakistan",
        "Japan",
        "Ghana",
        "Department of Peace Operations",
        "Ecuador",
        "Brazil",
    }
    assert Invitation.objects.filter(delegation__conference__slug=SLUG).count() == 6


def reopen_registration() -> None:
    """What an organiser does in the admin to try the portal with the 2023 demo."""
    Conference.objects.filter(slug=SLUG).update(
        registration_opens_at=timezone.now() - datetime.timedelta(days=1),
        registration_closes_at=timezone.now() + datetime.timedelta(days=30),
        modification_deadline=None,
    )


def test_load_demo_says_the_links_expired_after_the_meeting():
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    assert (
        "The links expired on 1 September 2023, 00:00 (Asia/Karachi), after the meeting"
        in out.getvalue()
    )


def test_load_demo_portal_link_is_refused_since_the_meeting_ended(client):
    links = load_demo()

    response = client.get(links["Ghana"])

    assert response.status_code == 410
    assert (
        "This link expired on 1 September 2023, 00:00 (Asia/Karachi); contact the organisers."
        in response.text
    )
    assert "Ghana" not in response.text


def test_load_demo_again_restores_a_revoked_link(client):
    links = load_demo()
    invitation_revoke(delegation=Delegation.objects.get(conference__slug=SLUG, country="GH"))

    again = load_demo()
    reopen_registration()

    assert again == links
    assert client.get(links["Ghana"]).status_code == 200


def test_load_demo_portal_after_reopening_registration_lets_the_focal_point_add_members(client):
    links = load_demo()
    reopen_registration()

    page = client.get(links["Brazil"]).content.decode()

    assert "Add a member" in page
    assert "Submit the delegation" in page


def test_load_demo_invites_a_submitted_delegation_whose_head_and_members_are_pending():
    load_demo()

    ecuador = Delegation.objects.get(conference__slug=SLUG, country="EC")
    members = ecuador.participants.all()
    assert ecuador.status == DelegationStatus.NOMINATED
    assert ecuador.invitation
    assert {member.state for member in members} == {State.PENDING}
    assert [member.role for member in members].count(Role.HEAD) == 1
    assert members.count() >= 2


def test_load_demo_confirmed_applications_are_pending_and_decided_experts():
    load_demo()

    confirmed = Application.objects.filter(confirmed_at__isnull=False).select_related(
        "participant__delegation"
    )
    assert {a.participant.delegation.kind for a in confirmed} == {DelegationKind.EXPERTS}
    assert State.PENDING in {a.participant.state for a in confirmed}
    assert all(a.data == application_data(participant=a.participant) for a in confirmed)


def test_load_demo_leaves_one_application_unconfirmed():
    load_demo()

    unconfirmed = Application.objects.get(confirmed_at__isnull=True)

    assert unconfirmed.participant is None
    assert unconfirmed.data["family_name"] == "Asante"
    assert not unconfirmed.conference.participants.filter(email=unconfirmed.email).exists()
