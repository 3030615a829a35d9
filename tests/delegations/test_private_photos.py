from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accreditation.checkin import card_key
from delegations.models import State
from tests.factories import (
    ApplicationFactory,
    CheckInStaffFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    StaffMemberFactory,
    ZoneFactory,
)
from tests.photos import jpeg, stored_files

pytestmark = pytest.mark.django_db

TOKEN = "our-delegation-token"
PHOTO = jpeg()


@pytest.fixture
def participant():
    participant = ParticipantFactory(delegation__conference=OpenConferenceFactory())
    participant.photo.save("amina-diallo.jpg", ContentFile(PHOTO))
    return participant


def photo_url(participant) -> str:
    return reverse("accreditation:participant_photo", args=[participant.pk])


def member_photo_url(participant, token: str = TOKEN) -> str:
    return reverse("registration:member_photo", kwargs={"token": token, "pk": participant.pk})


def test_participant_photo_is_stored_privately_under_a_random_name(participant):
    name = participant.photo.name

    assert stored_files() == [name]
    assert not Path(settings.MEDIA_ROOT).exists()
    assert name.startswith("participant-photos/")
    assert name.endswith(".jpg")
    assert "amina" not in name


def test_participant_photo_has_no_public_url(participant):
    with pytest.raises(ValueError, match="no public URL"):
        _ = participant.photo.url


def test_participant_photo_view_serves_staff_who_view_participants(client, participant):
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    response = client.get(photo_url(participant))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PHOTO
    response.close()


def test_participant_photo_view_is_never_cached(client, participant):
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    response = client.get(photo_url(participant))
    response.close()

    assert response["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert response["X-Content-Type-Options"] == "nosniff"


def test_participant_photo_view_refuses_check_in_staff(client, participant):
    # The door has its own photo view, for approved participants of one conference.
    client.force_login(CheckInStaffFactory(conference=participant.conference))

    response = client.get(photo_url(participant))

    assert response.status_code == 403


def test_participant_photo_view_refuses_staff_without_the_permissions(client, participant):
    client.force_login(StaffMemberFactory(permissions=["delegations.view_delegation"]))

    response = client.get(photo_url(participant))

    assert response.status_code == 403


def test_participant_photo_view_sends_anonymous_visitors_to_the_staff_login(client, participant):
    response = client.get(photo_url(participant))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_participant_photo_view_without_a_photo_is_not_found(client):
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    response = client.get(photo_url(ParticipantFactory()))

    assert response.status_code == 404


def test_member_photo_view_serves_the_delegations_focal_point(client, participant):
    InvitationFactory(token=TOKEN, delegation=participant.delegation)

    response = client.get(member_photo_url(participant))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PHOTO
    response.close()
    assert "no-store" in response["Cache-Control"]


def test_member_photo_view_refuses_another_delegations_link(client, participant):
    InvitationFactory(token=TOKEN, delegation__conference=participant.conference)

    response = client.get(member_photo_url(participant))

    assert response.status_code == 404


def test_member_photo_view_refuses_a_revoked_link(client, participant):
    InvitationFactory(token=TOKEN, delegation=participant.delegation, revoked_at=timezone.now())

    response = client.get(member_photo_url(participant))

    assert response.status_code == 410


def test_application_photo_view_needs_the_view_application_permission(client):
    application = ApplicationFactory()
    application.photo.save("me.jpg", ContentFile(PHOTO))
    url = reverse("registration:application_photo", args=[application.pk])
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))
    refused = client.get(url)
    client.force_login(StaffMemberFactory(permissions=["registration.view_application"]))

    allowed = client.get(url)
    allowed.close()

    assert (refused.status_code, allowed.status_code) == (403, 200)


def test_check_in_card_shows_the_photo_through_the_checked_view(client, participant):
    participant.state = State.APPROVED
    participant.save()
    client.force_login(CheckInStaffFactory(conference=participant.conference))
    kwargs = {"conference": participant.conference.slug, "pk": participant.pk}

    zone = ZoneFactory(conference=participant.conference)

    response = client.get(
        reverse("accreditation:check_in_participant", kwargs=kwargs),
        {"zone": zone.pk, "card": card_key(participant_pk=participant.pk)},
    )

    assert f'src="{reverse("accreditation:check_in_photo", kwargs=kwargs)}"' in response.text


def test_member_form_shows_the_photo_through_the_portal_link(client, participant):
    InvitationFactory(token=TOKEN, delegation=participant.delegation)

    response = client.get(
        reverse("registration:member_edit", kwargs={"token": TOKEN, "pk": participant.pk})
    )

    assert f'src="{member_photo_url(participant)}"' in response.text


def test_admin_participant_page_links_the_photo_to_the_checked_view(admin_client, participant):
    response = admin_client.get(
        reverse("admin:delegations_participant_change", args=[participant.pk])
    )

    assert (
        f'href="{reverse("admin:delegations_participant_photo", args=[participant.pk])}"'
        in response.text
    )


def test_admin_application_page_links_the_photo_to_the_checked_view(admin_client):
    application = ApplicationFactory()
    application.photo.save("me.jpg", ContentFile(PHOTO))

    response = admin_client.get(
        reverse("admin:registration_application_change", args=[application.pk])
    )

    url = reverse("registration:application_photo", args=[application.pk])
    assert f'href="{url}"' in response.text


def test_admin_participant_page_for_view_only_staff_links_the_photo(client, participant):
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    response = client.get(reverse("admin:delegations_participant_change", args=[participant.pk]))

    assert response.status_code == 200
    url = reverse("admin:delegations_participant_photo", args=[participant.pk])
    assert f'href="{url}"' in response.text
