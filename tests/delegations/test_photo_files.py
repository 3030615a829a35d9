"""Photo and letter files follow their rows: none is left behind, none goes missing."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from delegations.models import Participant, Role
from delegations.uploads import PHOTO_MAX_SIDE
from registration.services import (
    application_confirm,
    application_create,
    delegation_letter_upload,
    member_add,
    member_update,
    member_withdraw,
)
from tests.factories import (
    DelegationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
)
from tests.photos import jpeg, jpeg_upload, stored_files

# Files are written and deleted when the transaction commits: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def delegation():
    return DelegationFactory(conference=OpenConferenceFactory())


def new_member(**fields) -> Participant:
    defaults = {"given_name": "Amina", "family_name": "Diallo", "email": "amina@example.org"}
    return Participant(**{**defaults, **fields})


def member_with_photo(delegation, **fields) -> Participant:
    return member_add(delegation=delegation, participant=new_member(**fields), photo=jpeg_upload())


def test_member_add_with_photo_stores_the_file_the_row_names(delegation):
    member = member_with_photo(delegation)

    member.refresh_from_db()
    assert stored_files() == [member.photo.name]


def test_member_add_refused_for_a_taken_email_leaves_no_photo_file(delegation):
    ParticipantFactory(delegation=delegation, email="amina@example.org")

    with pytest.raises(ValidationError):
        member_with_photo(delegation)

    assert stored_files() == []


def test_member_add_refused_for_a_second_head_leaves_no_photo_file(delegation):
    ParticipantFactory(delegation=delegation, role=Role.HEAD)

    with pytest.raises(ValidationError):
        member_with_photo(delegation, role=Role.HEAD)

    assert stored_files() == []


def test_member_add_rolled_back_by_the_caller_leaves_no_photo_file(delegation):
    def add_then_fail() -> None:
        with transaction.atomic():
            member_with_photo(delegation)
            raise RuntimeError("a later step failed")

    with pytest.raises(RuntimeError):
        add_then_fail()

    assert stored_files() == []


def test_member_update_with_a_new_photo_deletes_the_old_file(delegation):
    member = member_with_photo(delegation)
    member.refresh_from_db()
    old_name = member.photo.name

    member_update(delegation=delegation, participant=member, photo=jpeg_upload(colour="navy"))

    member.refresh_from_db()
    assert member.photo.name != old_name
    assert stored_files() == [member.photo.name]


def test_member_update_refused_keeps_the_old_photo_and_writes_no_new_one(delegation):
    ParticipantFactory(delegation=delegation, role=Role.HEAD)
    member = member_with_photo(delegation)
    member.refresh_from_db()
    old_name = member.photo.name
    member.role = Role.HEAD

    with pytest.raises(ValidationError):
        member_update(delegation=delegation, participant=member, photo=jpeg_upload(colour="navy"))

    assert stored_files() == [old_name]


def test_member_update_from_a_stale_form_keeps_the_current_photo(delegation):
    member = member_with_photo(delegation)
    stale = Participant.objects.get(pk=member.pk)
    member_update(delegation=delegation, participant=member, photo=jpeg_upload(colour="navy"))
    current = Participant.objects.get(pk=member.pk).photo.name

    member_update(delegation=delegation, participant=stale)

    assert Participant.objects.get(pk=member.pk).photo.name == current
    assert stored_files() == [current]


def test_member_withdraw_keeps_the_row_and_its_photo_until_the_retention_purge(delegation):
    # Withdrawal is a logged state (it can be reset to pending); the retention purge removes
    # the photo with the rest of the personal data.
    member = member_with_photo(delegation)
    photo = member.photo.name

    member_withdraw(delegation=delegation, participant=member, reason="Not travelling")

    member.refresh_from_db()
    assert member.state == "withdrawn"
    assert stored_files() == [photo]


def test_participant_deleted_anywhere_takes_the_photo_file_along():
    participant = ParticipantFactory()
    participant.photo.save("photo.jpg", ContentFile(jpeg()))

    participant.delete()

    assert stored_files() == []


def admin_change_data(participant: Participant, **fields) -> dict:
    """The admin's change form for `participant`, as posted unchanged apart from `fields`."""
    return {
        "delegation": participant.delegation.pk,
        "given_name": participant.given_name,
        "family_name": participant.family_name,
        "name_order": participant.name_order,
        "role": participant.role,
        "category": participant.category,
        "email": participant.email,
        "state_changes-TOTAL_FORMS": 0,
        "state_changes-INITIAL_FORMS": 0,
        "entries-TOTAL_FORMS": 0,
        "entries-INITIAL_FORMS": 0,
        **fields,
    }


def test_admin_photo_replacement_deletes_the_old_file(admin_client):
    participant = ParticipantFactory()
    participant.photo.save("photo.jpg", ContentFile(jpeg()))
    data = admin_change_data(participant, photo=jpeg_upload("new.jpg", colour="navy"))

    response = admin_client.post(
        reverse("admin:delegations_participant_change", args=[participant.pk]), data
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    assert stored_files() == [participant.photo.name]


def test_admin_photo_clearing_deletes_the_file(admin_client):
    participant = ParticipantFactory()
    participant.photo.save("photo.jpg", ContentFile(jpeg()))
    data = admin_change_data(participant, **{"photo-clear": "on"})

    response = admin_client.post(
        reverse("admin:delegations_participant_change", args=[participant.pk]), data
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    assert not participant.photo
    assert stored_files() == []


def test_admin_photo_upload_rolled_back_writes_no_file_and_keeps_the_old_one(admin_client):
    participant = ParticipantFactory()
    participant.photo.save("photo.jpg", ContentFile(jpeg()))
    old_name = participant.photo.name
    data = admin_change_data(participant, photo=jpeg_upload("new.jpg", colour="navy"))

    def save_then_fail() -> None:
        with transaction.atomic():
            admin_client.post(
                reverse("admin:delegations_participant_change", args=[participant.pk]), data
            )
            raise RuntimeError("a later step failed")

    with pytest.raises(RuntimeError):
        save_then_fail()

    assert stored_files() == [old_name]


def test_admin_participant_added_with_a_photo_stores_the_file_the_row_names(admin_client):
    delegation = DelegationFactory()
    data = {
        **admin_change_data(ParticipantFactory.build(delegation=delegation)),
        "photo": jpeg_upload(),
    }

    response = admin_client.post(reverse("admin:delegations_participant_add"), data)

    assert response.status_code == 302
    assert stored_files() == [Participant.objects.get().photo.name]


def test_application_refused_leaves_no_photo_file():
    with pytest.raises(ValidationError):
        application_create(
            conference=OpenConferenceFactory(),
            participant=new_member(email="not an address"),
            kind="expert",
            site_url="https://plenary.example.org/",
            photo=jpeg_upload(),
        )

    assert stored_files() == []


def test_application_confirm_hands_the_photo_file_to_the_participant():
    application = application_create(
        conference=OpenConferenceFactory(),
        participant=new_member(),
        kind="expert",
        site_url="https://plenary.example.org/",
        photo=jpeg_upload(),
    )

    application = application_confirm(token=application.confirmation_token())
    application.delete()

    participant = Participant.objects.get()
    assert stored_files() == [participant.photo.name]


def test_letter_upload_replacing_a_letter_deletes_the_old_file(delegation):
    delegation_letter_upload(
        delegation=delegation, letter=SimpleUploadedFile("first.pdf", PDF, "application/pdf")
    )

    delegation_letter_upload(
        delegation=delegation, letter=SimpleUploadedFile("second.pdf", PDF, "application/pdf")
    )

    delegation.refresh_from_db()
    assert stored_files() == [delegation.nomination_letter.name]


def test_admin_photo_upload_is_resized_and_loses_its_camera_metadata(admin_client):
    participant = ParticipantFactory()
    exif = Image.Exif()
    exif[0x8825] = {2: (33.0, 41.0, 0.0)}  # GPSInfo: a latitude
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2000), "olive").save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("camera.jpg", buffer.getvalue(), content_type="image/jpeg")
    data = admin_change_data(participant, photo=upload)

    response = admin_client.post(
        reverse("admin:delegations_participant_change", args=[participant.pk]), data
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    with participant.photo.open() as stored, Image.open(stored) as image:
        assert max(image.size) <= PHOTO_MAX_SIDE
        assert not image.getexif()
