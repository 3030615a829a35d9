"""Documents staff ask for (badge sheets, the List of Participants) are made by the task worker;
a page follows their progress and then offers the file, to staff allowed to see participants."""

import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import TaskResultStatus
from pypdf import PdfReader

from accreditation.documents import badges_request, participant_list_request
from accreditation.models import Document
from delegations.models import Category, Participant, State
from delegations.task_documents import DocumentStatus
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    DocumentFactory,
    StaffMemberFactory,
    StaffUserFactory,
)
from tests.pdf import pdf_text
from tests.tasks import task_results, tasks_run, tasks_run_with_retries

pytestmark = pytest.mark.django_db


def page_url(document) -> str:
    return reverse("accreditation:document", args=[document.pk])


def status_url(document) -> str:
    return reverse("accreditation:document_status", args=[document.pk])


def file_url(document) -> str:
    return reverse("accreditation:document_file", args=[document.pk])


@pytest.fixture
def broken_storage(settings, tmp_path):
    """Private storage where no file can be written: its folder is a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.PRIVATE_MEDIA_ROOT = blocker
    return settings


def badges_asked_for(count: int = 1) -> Document:
    conference = ConferenceFactory()
    ApprovedParticipantFactory.create_batch(count, delegation__conference=conference)
    return badges_request(
        participants=Participant.objects.filter(conference=conference), by=StaffUserFactory()
    )


@pytest.mark.django_db(transaction=True)
def test_badge_sheets_asked_for_in_the_admin_are_made_by_the_worker(admin_client):
    conference = ConferenceFactory()
    participants = ApprovedParticipantFactory.create_batch(6, delegation__conference=conference)

    response = admin_client.post(
        reverse("admin:delegations_participant_changelist"),
        {
            "action": "print_participant_badges",
            "_selected_action": [participant.pk for participant in participants],
        },
    )
    tasks_run()

    document = Document.objects.get()
    assert response.url == page_url(document)
    assert (document.status, document.progress_done, document.progress_total) == (
        DocumentStatus.DONE,
        6,
        6,
    )
    with document.file.open("rb") as pdf:
        content = pdf.read()
    assert len(PdfReader(io.BytesIO(content)).pages) == 2
    assert participants[0].family_name in pdf_text(content)
    assert not Participant.objects.filter(badge_printed_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_badge_sheets_are_made_in_the_language_of_the_organiser_who_asked(admin_client):
    participant = ApprovedParticipantFactory(category=Category.DELEGATE)
    with translation.override("fr"):
        changelist = reverse("admin:delegations_participant_changelist")

    admin_client.post(
        changelist, {"action": "print_participant_badges", "_selected_action": [participant.pk]}
    )
    tasks_run()

    document = Document.objects.get()
    with document.file.open("rb") as pdf:
        text = pdf_text(pdf.read())
    assert document.language == "fr"
    assert "DÉLÉGUÉ" in text.upper()
    assert "DELEGATE" not in text.upper()


@pytest.mark.django_db(transaction=True)
def test_document_page_offers_the_file_once_it_is_made(admin_client):
    document = badges_asked_for()
    tasks_run()

    page = admin_client.get(page_url(document))
    download = admin_client.get(file_url(document))

    assert f'href="{file_url(document)}"' in page.text
    assert f"badges-{document.conference.slug}.pdf" in page.text
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert (
        f'attachment; filename="badges-{document.conference.slug}.pdf"'
        == download["Content-Disposition"]
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_document_page_shows_progress_and_polls_until_the_document_is_made(admin_client):
    document = badges_asked_for()

    page = admin_client.get(page_url(document))
    status = admin_client.get(status_url(document)).json()

    assert "Waiting for its turn…" in page.text
    assert "<progress" in page.text
    assert "delegations/task_document.js" in page.text
    assert file_url(document) not in page.text
    assert status == {"finished": False, "done": 0, "total": 0, "text": "Waiting for its turn…"}


def test_document_status_counts_the_badges_made(admin_client):
    document = badges_asked_for(3)
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.RUNNING, progress_done=2, progress_total=3
    )

    status = admin_client.get(status_url(document))

    assert status.json() == {
        "finished": False,
        "done": 2,
        "total": 3,
        "text": "Being made… 2 of 3 badges.",
    }
    assert "no-store" in status["Cache-Control"]


def test_document_file_is_not_found_until_it_is_made(admin_client):
    document = badges_asked_for()

    assert admin_client.get(file_url(document)).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_document_that_fails_once_is_tried_again_and_then_made(admin_client, broken_storage):
    document = badges_asked_for(2)

    tasks_run()

    document.refresh_from_db()
    assert document.status == DocumentStatus.QUEUED
    assert document.error.startswith("NotADirectoryError: ")
    assert not document.file
    # Nothing half-done: no badge counts as printed while there is no file.
    assert not Participant.objects.filter(badge_printed_at__isnull=False).exists()
    assert (
        "An attempt failed and is tried again shortly" in admin_client.get(page_url(document)).text
    )

    broken_storage.PRIVATE_MEDIA_ROOT = broken_storage.MEDIA_ROOT.parent / "private_media"
    tasks_run_with_retries()

    document.refresh_from_db()
    assert (document.status, document.error) == (DocumentStatus.DONE, "")
    results = task_results("document_make")
    assert [result.status for result in results] == [
        TaskResultStatus.FAILED,
        TaskResultStatus.SUCCESSFUL,
    ]
    assert not Participant.objects.filter(badge_printed_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_document_that_keeps_failing_ends_failed_with_its_error_for_staff(
    admin_client, broken_storage
):
    document = badges_asked_for()

    tasks_run_with_retries()

    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert document.finished_at is not None
    assert len(task_results("document_make")) == 3
    page = admin_client.get(page_url(document))
    assert document.error.startswith("NotADirectoryError: ")
    assert "It could not be made: NotADirectoryError: [Errno 20] Not a directory" in page.text
    changelist = admin_client.get(reverse("admin:accreditation_document_changelist"))
    assert "failed" in changelist.text
    assert "NotADirectoryError: [Errno 20] Not a directory" in changelist.text
    assert not Participant.objects.filter(badge_printed_at__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_badge_sheets_of_people_no_longer_approved_fail_at_once_with_the_reason():
    document = badges_asked_for()
    Participant.objects.update(state=State.WITHDRAWN)

    tasks_run()

    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert document.error == "Badges are printed for approved participants only."
    assert len(task_results("document_make")) == 1


@pytest.mark.django_db(transaction=True)
def test_deleting_a_document_deletes_its_file():
    document = badges_asked_for()
    tasks_run()
    document.refresh_from_db()
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)

    document.delete()

    assert not storage.exists(name)


def test_document_done_without_its_file_is_refused_by_the_database():
    document = DocumentFactory()
    document.status = DocumentStatus.DONE

    with pytest.raises(IntegrityError, match="document_done_has_its_file"), transaction.atomic():
        document.save()


@pytest.mark.parametrize("view", [page_url, status_url, file_url])
def test_document_pages_send_anonymous_visitors_to_the_staff_login(client, view):
    document = badges_asked_for()

    response = client.get(view(document))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("view", [page_url, status_url, file_url])
def test_document_pages_are_refused_without_view_participant_permission(client, view):
    document = badges_asked_for()
    client.force_login(StaffMemberFactory(permissions=["accreditation.check_in_participants"]))

    response = client.get(view(document))

    assert response.status_code == 403


def test_document_page_is_open_to_staff_who_view_participants(client):
    document = participant_list_request(
        conference=ConferenceFactory(), format="csv", language="en", by=StaffUserFactory()
    )
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    response = client.get(page_url(document))

    assert response.status_code == 200
    assert "List of Participants (CSV)" in response.text


@pytest.mark.parametrize("badges", [1, 3])
def test_document_page_runs_constant_queries(admin_client, django_assert_num_queries, badges):
    document = badges_asked_for(badges)

    with django_assert_num_queries(3):
        admin_client.get(page_url(document))


def test_document_admin_lists_what_was_asked_for_and_how_it_went(admin_client):
    document = badges_asked_for()

    response = admin_client.get(reverse("admin:accreditation_document_changelist"))

    assert "Badges (A4 sheets)" in response.text
    assert "queued" in response.text
    assert page_url(document) in response.text
