import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories import DelegationFactory, StaffMemberFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def letter_url():
    delegation = DelegationFactory()
    delegation.nomination_letter.save("letter.pdf", ContentFile(PDF))
    return reverse("admin:delegations_delegation_letter", args=[delegation.pk])


def test_staff_letter_refuses_staff_without_the_view_delegation_permission(client, letter_url):
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    response = client.get(letter_url)

    assert response.status_code == 403


def test_staff_letter_serves_staff_with_the_view_delegation_permission(client, letter_url):
    client.force_login(StaffMemberFactory(permissions=["delegations.view_delegation"]))

    response = client.get(letter_url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    response.close()


def test_staff_letter_serves_a_superuser(client, letter_url):
    client.force_login(StaffUserFactory())

    response = client.get(letter_url)
    response.close()

    assert response.status_code == 200


def test_staff_letter_is_never_cached(client, letter_url):
    client.force_login(StaffUserFactory())

    response = client.get(letter_url)
    response.close()

    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert response["Content-Disposition"].startswith("attachment;")
