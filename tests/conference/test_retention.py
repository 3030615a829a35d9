import datetime
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from accreditation.models import CheckIn, Document
from conference.retention import conferences_due_for_purge, personal_data_purge
from delegations.models import FocalPoint, Invitation, ParticipantStateChange
from delegations.participant_fields import OFFICIAL_RECORD_FIELDS, PARTICIPANT_DETAILS
from registration.models import Application
from tests.factories import (
    ApplicationFactory,
    ApprovedParticipantFactory,
    ConferenceFactory,
    DelegationFactory,
    DocumentFactory,
    FocalPointFactory,
    InvitationFactory,
    ParticipantStateChangeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def ended_conference():
    """A conference whose last day is a year ago, with 180 days' retention."""
    return ConferenceFactory(
        start_date=datetime.date.today() - datetime.timedelta(days=366),
        end_date=datetime.date.today() - datetime.timedelta(days=365),
        retention_days=180,
    )


@pytest.fixture
def participant(ended_conference):
    participant = ApprovedParticipantFactory(
        delegation=DelegationFactory(conference=ended_conference),
        honorific="H.E.",
        given_name="Kwame",
        family_name="Mensah",
        functional_title="Minister of Defence",
        phone="+233 20 000 0000",
        nationality="GH",
        dietary_needs="Halal",
        access_needs="Wheelchair",
        media_outlet="Ghana News Agency",
        press_card_number="GH-0001",
        badge_printed_at=datetime.datetime(2023, 8, 29, tzinfo=datetime.UTC),
    )
    participant.photo.save("kwame.jpg", ContentFile(b"not really a photo"))
    participant.delegation.nomination_letter.save("letter.pdf", ContentFile(b"%PDF"))
    return participant


def test_conferences_due_for_purge_are_those_past_their_retention_period():
    today = datetime.date(2024, 3, 1)
    due = ConferenceFactory(end_date=datetime.date(2023, 8, 31), retention_days=180)
    ConferenceFactory(end_date=datetime.date(2023, 12, 1), retention_days=180)

    assert conferences_due_for_purge(today=today) == [due]


def test_personal_data_purge_removes_contact_details_photo_and_letter(participant):
    photo, letter = participant.photo, participant.delegation.nomination_letter

    personal_data_purge(conference=participant.conference)

    participant.refresh_from_db()
    participant.delegation.refresh_from_db()
    assert participant.email == f"participant-{participant.pk}@removed.invalid"
    assert (participant.phone, participant.nationality, participant.photo.name) == ("", "", "")
    assert (participant.dietary_needs, participant.access_needs) == ("", "")
    assert participant.delegation.nomination_letter.name == ""
    assert not photo.storage.exists(photo.name)
    assert not letter.storage.exists(letter.name)


def test_personal_data_purge_keeps_what_the_official_record_needs(participant):
    CheckIn.objects.create(participant=participant)

    personal_data_purge(conference=participant.conference)

    participant.refresh_from_db()
    assert participant.name_with_honorific == "H.E. Kwame Mensah"
    assert participant.functional_title == "Minister of Defence"
    assert participant.state == "approved"
    assert participant.badge_printed_at is not None
    assert CheckIn.objects.filter(participant=participant).exists()


def test_personal_data_purge_empties_every_detail_outside_the_official_record(participant):
    before = {name: getattr(participant, name) for name in OFFICIAL_RECORD_FIELDS}
    purged = [
        name
        for name in PARTICIPANT_DETAILS
        if name not in (*OFFICIAL_RECORD_FIELDS, "email", "consents_to_public_listing")
    ]

    personal_data_purge(conference=participant.conference)

    participant.refresh_from_db()
    assert {name: getattr(participant, name) for name in OFFICIAL_RECORD_FIELDS} == before
    assert {name: str(getattr(participant, name)) for name in purged} == dict.fromkeys(purged, "")
    assert purged == [
        "phone",
        "preferred_language",
        "nationality",
        "dietary_needs",
        "access_needs",
        "media_outlet",
        "press_card_number",
    ]


def test_personal_data_purge_removes_focal_points_and_state_change_reasons(participant):
    FocalPointFactory(delegation=participant.delegation)
    ParticipantStateChangeFactory(participant=participant, reason="Personal circumstances")

    personal_data_purge(conference=participant.conference)

    assert not FocalPoint.objects.exists()
    assert list(ParticipantStateChange.objects.values_list("reason", flat=True)) == [""]


def test_purge_personal_data_dry_run_says_what_it_would_remove_and_removes_nothing(participant):
    FocalPointFactory(delegation=participant.delegation)
    out = io.StringIO()

    call_command("purge_personal_data", "--dry-run", stdout=out)

    participant.refresh_from_db()
    assert "Would remove: participants: 1; photos: 1; nomination letters: 1; " in out.getvalue()
    assert "focal points' contact records: 1; " in out.getvalue()
    assert participant.phone == "+233 20 000 0000"
    assert participant.photo.storage.exists(participant.photo.name)
    assert FocalPoint.objects.exists()


def test_purge_personal_data_leaves_conferences_within_their_retention_period():
    recent = ApprovedParticipantFactory(phone="+92 300 0000000")
    recent.conference.end_date = datetime.date.today()
    recent.conference.start_date = datetime.date.today()
    recent.conference.save()
    out = io.StringIO()

    call_command("purge_personal_data", stdout=out)

    recent.refresh_from_db()
    assert recent.phone == "+92 300 0000000"
    assert "No conference is past its retention period." in out.getvalue()


def test_purge_personal_data_run_twice_has_nothing_left_to_remove(participant):
    call_command("purge_personal_data", stdout=io.StringIO())
    out = io.StringIO()

    call_command("purge_personal_data", stdout=out)

    assert "nothing left to remove" in out.getvalue()


def test_personal_data_purge_removes_applications_and_invitation_links(ended_conference):
    delegation = DelegationFactory(conference=ended_conference)
    InvitationFactory(delegation=delegation)
    application = ApplicationFactory(conference=ended_conference)
    application.photo.save("applicant.jpg", ContentFile(b"not really a photo"))
    photo_path = application.photo.path

    report = personal_data_purge(conference=ended_conference)

    assert report.count("individual applications") == report.count("invitation links") == 1
    assert not Application.objects.exists()
    assert not Invitation.objects.exists()
    assert not os.path.exists(photo_path)


def test_personal_data_purge_removes_the_documents_made_for_staff(participant):
    document = DocumentFactory(conference=participant.conference)
    document.file.save("badges.pdf", ContentFile(b"%PDF badges"))
    path = document.file.path

    report = personal_data_purge(conference=participant.conference)

    assert report.count("documents made for staff") == 1
    assert not Document.objects.exists()
    assert not os.path.exists(path)
