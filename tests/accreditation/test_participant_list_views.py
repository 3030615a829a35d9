import pytest
from django.urls import reverse

from tests.factories import ApprovedParticipantFactory, ConferenceFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("format", "content_type", "start"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("csv", "text/csv; charset=utf-8", b"\xef\xbb\xbfDelegation"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ],
)
def test_participant_list_download_serves_each_format(admin_client, format, content_type, start):
    participant = ApprovedParticipantFactory()

    response = admin_client.get(
        reverse("accreditation:participant_list", args=[participant.conference.slug, format])
    )

    assert response["Content-Type"] == content_type
    assert response.content.startswith(start)
    assert (
        f'filename="list-of-participants-{participant.conference.slug}.{format}"'
        in response["Content-Disposition"]
    )


def test_participant_list_download_is_refused_without_view_permission(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory(is_superuser=False))

    response = client.get(reverse("accreditation:participant_list", args=[conference.slug, "csv"]))

    assert response.status_code == 403


def test_participant_list_download_of_an_unknown_format_is_not_found(admin_client):
    conference = ConferenceFactory()

    response = admin_client.get(f"/staff/{conference.slug}/list-of-participants.docx")

    assert response.status_code == 404


@pytest.mark.parametrize("conferences", [1, 3, 30])
def test_staff_home_runs_constant_queries(admin_client, django_assert_num_queries, conferences):
    ConferenceFactory.create_batch(conferences)

    with django_assert_num_queries(3):
        response = admin_client.get(reverse("accreditation:home"))

    assert response.content.count(b"<h2>") == conferences
