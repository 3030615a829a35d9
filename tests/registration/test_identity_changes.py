"""A focal point changing who an approved member is sends the registration back to review."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from delegations.models import Category, Participant, Role, State
from delegations.names import NameOrder
from delegations.services import participant_approve
from registration.services import IDENTITY_CHANGED_REASON, member_update
from tests.factories import (
    ApprovedParticipantFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
)
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db

TOKEN = "identity-token"
IDENTITY_CHANGES = {
    "honorific": "H.E.",
    "given_name": "Someone",
    "family_name": "Else",
    "name_order": NameOrder.FAMILY_FIRST,
    "own_script_name": "王伟",
    "functional_title": "Minister",
    "email": "someone.else@example.org",
    "nationality": "FR",
    "role": Role.DEPUTY,
    "category": Category.EXPERT,
}
OTHER_CHANGES = {
    "phone": "+92 51 765 4321",
    "dietary_needs": "Halal",
    "access_needs": "Wheelchair",
    "consents_to_public_listing": True,
}


def approved_member(**fields) -> Participant:
    return ApprovedParticipantFactory(
        delegation__conference=OpenConferenceFactory(), nationality="GH", **fields
    )


def edited(member: Participant, **fields) -> Participant:
    """The member as the portal's form hands it to the service: a fresh copy, changed."""
    copy = Participant.objects.get(pk=member.pk)
    for field, value in fields.items():
        setattr(copy, field, value)
    return copy


def png_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 50), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("portrait.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(("field", "value"), IDENTITY_CHANGES.items())
def test_member_update_identity_of_approved_member_sends_it_back_to_pending(field, value):
    member = approved_member()

    member_update(delegation=member.delegation, participant=edited(member, **{field: value}))

    member.refresh_from_db()
    assert member.state == State.PENDING
    assert str(getattr(member, field)) == str(value)
    change = member.state_changes.get()
    assert (change.from_state, change.to_state, change.changed_by) == (
        State.APPROVED,
        State.PENDING,
        None,
    )
    assert change.reason == IDENTITY_CHANGED_REASON


def test_member_update_new_photo_of_approved_member_sends_it_back_to_pending(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    member = approved_member()

    member_update(delegation=member.delegation, participant=edited(member), photo=png_upload())

    member.refresh_from_db()
    assert member.photo
    assert member.state == State.PENDING


@pytest.mark.parametrize(("field", "value"), OTHER_CHANGES.items())
def test_member_update_contact_or_needs_of_approved_member_keeps_it_approved(field, value):
    member = approved_member()

    member_update(delegation=member.delegation, participant=edited(member, **{field: value}))

    member.refresh_from_db()
    assert member.state == State.APPROVED
    assert getattr(member, field) == value
    assert not member.state_changes.exists()


def test_member_update_identity_of_pending_member_logs_nothing():
    member = ParticipantFactory(delegation__conference=OpenConferenceFactory())

    member_update(delegation=member.delegation, participant=edited(member, given_name="Else"))

    member.refresh_from_db()
    assert (member.state, member.given_name) == (State.PENDING, "Else")
    assert not member.state_changes.exists()


def test_member_update_refused_identity_change_keeps_the_member_approved():
    member = approved_member(given_name="Amina")
    ParticipantFactory(delegation=member.delegation, email="taken@example.org")

    with pytest.raises(ValidationError):
        member_update(
            delegation=member.delegation,
            participant=edited(member, given_name="Else", email="taken@example.org"),
        )

    member.refresh_from_db()
    assert (member.state, member.given_name) == (State.APPROVED, "Amina")
    assert not member.state_changes.exists()


@pytest.mark.django_db(transaction=True)
def test_member_update_identity_change_emails_the_new_address():
    member = approved_member()

    member_update(
        delegation=member.delegation,
        participant=edited(member, email="new.address@example.org"),
    )
    tasks_run()

    (message,) = mail.outbox
    assert message.to == ["new.address@example.org"]
    assert message.subject.startswith("Registration received")
    assert str(IDENTITY_CHANGED_REASON) in message.body


def portal_data(member: Participant, **fields) -> dict:
    return {
        "honorific": member.honorific,
        "given_name": member.given_name,
        "family_name": member.family_name,
        "name_order": member.name_order,
        "own_script_name": member.own_script_name,
        "functional_title": member.functional_title,
        "role": member.role,
        "category": member.category,
        "email": member.email,
        "phone": member.phone,
        "nationality": member.nationality,
        "preferred_language": member.preferred_language or "en",
        "dietary_needs": member.dietary_needs,
        "access_needs": member.access_needs,
        **fields,
    }


def edit_url(member: Participant) -> str:
    return reverse("registration:member_edit", kwargs={"token": TOKEN, "pk": member.pk})


def test_member_edit_page_of_approved_member_warns_before_saving(client):
    invitation = InvitationFactory(token=TOKEN)
    member = ApprovedParticipantFactory(delegation=invitation.delegation)

    page = client.get(edit_url(member)).content.decode()

    assert "the registration goes back to them for review" in page


def test_member_edit_page_of_pending_member_has_no_warning(client):
    invitation = InvitationFactory(token=TOKEN)
    member = ParticipantFactory(delegation=invitation.delegation)

    page = client.get(edit_url(member)).content.decode()

    assert "goes back to them for review" not in page


def test_member_edit_identity_of_approved_member_says_it_is_pending_again(client):
    invitation = InvitationFactory(token=TOKEN)
    member = ApprovedParticipantFactory(delegation=invitation.delegation)

    response = client.post(edit_url(member), portal_data(member, family_name="Else"), follow=True)

    assert "the registration is pending again" in response.content.decode()
    member.refresh_from_db()
    assert member.state == State.PENDING


def test_member_update_keeps_a_badge_printed_after_the_form_was_loaded():
    member = approved_member()
    stale = edited(member, phone="+233 30 123 4567")
    Participant.objects.filter(pk=member.pk).update(badge_printed_at=member.registered_at)

    member_update(delegation=member.delegation, participant=stale)

    member.refresh_from_db()
    assert member.badge_printed_at is not None
    assert member.phone == "+233 30 123 4567"


def test_member_update_keeps_an_approval_made_after_the_form_was_loaded():
    member = ParticipantFactory(delegation__conference=OpenConferenceFactory(), nationality="GH")
    stale = edited(member, phone="+233 30 123 4567")
    participant_approve(participant=Participant.objects.get(pk=member.pk))

    member_update(delegation=member.delegation, participant=stale)

    member.refresh_from_db()
    assert member.state == State.APPROVED
    assert member.state_changed_at is not None
