import pytest
from django.urls import reverse

from accreditation.models import Document, DocumentKind
from delegations.task_documents import DocumentStatus
from tests.factories import ApprovedParticipantFactory, ConferenceFactory, StaffUserFactory
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db


def ask_for_the_list(client, conference, format: str):
    return client.post(
        reverse("accreditation:participant_list", args=[conference.slug]), {"format": format}
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("format", "content_type", "start"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("csv", "text/csv; charset=utf-8", b"\xef\xbb\xbfDelegation"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ],
)
def test_participant_list_is_made_by_the_worker_in_each_format(
    admin_client, format, content_type, start
):
    participant = ApprovedParticipantFactory()

    response = ask_for_the_list(admin_client, participant.conference, format)
    tasks_run()
    document = Document.objects.get()
    download = admin_client.get(reverse("accreditation:document_file", args=[document.pk]))

    assert response.url == f"/en/staff/documents/{document.pk}/"
    assert document.status == DocumentStatus.DONE
    assert download["Content-Type"] == content_type
    assert b"".join(download.streaming_content).startswith(start)
    assert (
        f'filename="list-of-participants-{participant.conference.slug}.{format}"'
        in download["Content-Disposition"]
    )


def test_participant_list_request_answers_before_anything_is_made(admin_client):
    conference = ConferenceFactory()

    response = ask_for_the_list(admin_client, conference, "pdf")

    document = Document.objects.get()
    assert response.status_code == 302
    assert (document.kind, document.status) == (
        DocumentKind.PARTICIPANT_LIST_PDF,
        DocumentStatus.QUEUED,
    )
    assert not document.file


def test_participant_list_is_refused_without_view_permission(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory(is_superuser=False))

    response = ask_for_the_list(client, conference, "csv")

    assert response.status_code == 403
    assert not Document.objects.exists()


def test_participant_list_in_an_unknown_format_is_refused(admin_client):
    conference = ConferenceFactory()

    response = ask_for_the_list(admin_client, conference, "docx")

    assert response.status_code == 400
    assert not Document.objects.exists()


def test_participant_list_page_offers_the_form_and_makes_nothing(admin_client):
    conference = ConferenceFactory(languages=["en", "fr"])

    response = admin_client.get(reverse("accreditation:participant_list", args=[conference.slug]))

    assert response.status_code == 200
    assert 'method="post"' in response.text
    assert '<option value="fr" lang="fr">' in response.text
    assert not Document.objects.exists()


def test_dashboard_offers_the_list_in_each_language_of_the_conference(admin_client):
    conference = ConferenceFactory(languages=["en", "fr"])

    response = admin_client.get(reverse("accreditation:dashboard", args=[conference.slug]))

    assert reverse("accreditation:participant_list", args=[conference.slug]) in response.text
    assert '<option value="fr" lang="fr">' in response.text


@pytest.mark.parametrize("conferences", [1, 3, 30])
def test_staff_home_runs_constant_queries(admin_client, django_assert_num_queries, conferences):
    ConferenceFactory.create_batch(conferences)

    with django_assert_num_queries(3):
        response = admin_client.get(reverse("accreditation:home"))

    assert response.content.count(b"<h2>") == conferences
