"""Documents made by a task (delegations/task_documents.py, task_document_views.py): the task
keeps the status, progress, error and file; one page follows any of them, then offers the file.

The tasks here are made for these tests with `document_task`, on two of the apps' models.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete
from django_tasks import TaskResultStatus

from accreditation.models import Document
from bilaterals.models import DoorSign
from conference.models import Role
from delegations.task_documents import DocumentStatus, document_task
from diplomacy.models import JobKind, ProtocolJob
from floor.models import FloorDocument
from pledges.models import SummaryDocument
from tests.factories import (
    ConferenceFactory,
    ConferenceRoleFactory,
    DocumentFactory,
    StaffMemberFactory,
)
from tests.tasks import task_results, tasks_run, tasks_run_with_retries

pytestmark = pytest.mark.django_db


@document_task(SummaryDocument)
def text_make(document: SummaryDocument, *, text: str) -> bytes:
    """Two steps, then the text as the file; "refused" is a refusal, "broken" an accident."""
    document.progress_record(1, 2)
    if text == "refused":
        raise ValidationError("Nothing to print.")
    if text == "broken":
        raise RuntimeError("the printer is on fire")
    document.progress_record(2, 2)
    return text.encode()


@document_task(SummaryDocument)
def refused_when_done(document: SummaryDocument) -> bytes:
    def refuse() -> None:
        raise ValidationError("Refused as it was marked done.")

    document.when_done(refuse)
    return b"%PDF never kept"


@document_task(ProtocolJob)
def work_without_file(document: ProtocolJob) -> None:
    document.progress_record(3, 3)


def summary_asked_for(text: str) -> SummaryDocument:
    document = SummaryDocument.objects.create(conference=ConferenceFactory(), language="en")
    text_make.enqueue(document_id=document.pk, text=text)
    return document


def private_files(settings) -> list:
    return [path for path in settings.PRIVATE_MEDIA_ROOT.rglob("*") if path.is_file()]


@pytest.mark.django_db(transaction=True)
def test_task_document_is_done_with_its_file_and_steps():
    document = summary_asked_for("%PDF summary")

    tasks_run()

    document.refresh_from_db()
    assert (document.status, document.progress_done, document.progress_total) == (
        DocumentStatus.DONE,
        2,
        2,
    )
    assert (document.error, document.finished_at is not None) == ("", True)
    with document.file.open("rb") as file:
        assert file.read() == b"%PDF summary"
    assert document.file.name.startswith("documents/")


@pytest.mark.django_db(transaction=True)
def test_task_document_failing_by_accident_is_queued_again_then_failed_with_its_error():
    document = summary_asked_for("broken")

    tasks_run()
    document.refresh_from_db()
    assert (document.status, document.error) == (
        DocumentStatus.QUEUED,
        "RuntimeError: the printer is on fire",
    )

    tasks_run_with_retries()
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert document.finished_at is not None
    assert len(task_results("text_make")) == 3


@pytest.mark.django_db(transaction=True)
def test_task_document_refused_fails_at_once_with_the_refusal_in_its_own_words():
    document = summary_asked_for("refused")

    tasks_run()

    document.refresh_from_db()
    assert (document.status, document.error) == (DocumentStatus.FAILED, "Nothing to print.")
    assert len(task_results("text_make")) == 1


@pytest.mark.django_db(transaction=True)
def test_task_document_whose_done_work_fails_keeps_no_file(settings):
    document = SummaryDocument.objects.create(conference=ConferenceFactory(), language="en")
    refused_when_done.enqueue(document_id=document.pk)

    tasks_run()

    document.refresh_from_db()
    assert (document.status, document.file.name) == (DocumentStatus.FAILED, "")
    assert private_files(settings) == []


@pytest.mark.django_db(transaction=True)
def test_task_document_without_a_file_is_done_with_its_steps():
    job = ProtocolJob.objects.create(conference=ConferenceFactory(), kind=JobKind.NOTES)
    work_without_file.enqueue(document_id=job.pk)

    tasks_run()

    job.refresh_from_db()
    assert (job.status, job.progress_done, job.file.name) == (DocumentStatus.DONE, 3, "")


@pytest.mark.django_db(transaction=True)
def test_task_document_deleted_before_its_turn_is_left_alone():
    document = summary_asked_for("%PDF")
    document.delete()

    tasks_run()

    assert [result.status for result in task_results("text_make")] == [TaskResultStatus.SUCCESSFUL]


@pytest.mark.parametrize("model", [Document, DoorSign, FloorDocument, ProtocolJob, SummaryDocument])
def test_every_task_document_has_its_file_deleted_with_its_row(model):
    assert post_delete.has_listeners(model)


@pytest.mark.django_db(transaction=True)
def test_task_document_file_is_deleted_with_its_row(settings):
    document = summary_asked_for("%PDF")
    tasks_run()
    assert private_files(settings)

    SummaryDocument.objects.filter(pk=document.pk).delete()

    assert private_files(settings) == []


def test_task_document_done_without_its_file_is_refused_by_the_database():
    document = SummaryDocument(conference=ConferenceFactory(), status=DocumentStatus.DONE)

    with (
        pytest.raises(IntegrityError, match="pledge_summary_done_has_its_file"),
        transaction.atomic(),
    ):
        document.save()


def test_task_document_of_a_kind_without_a_file_is_done_without_one():
    conference = ConferenceFactory()
    ProtocolJob.objects.create(conference=conference, kind=JobKind.NOTES, status="done")

    with (
        pytest.raises(IntegrityError, match="protocol_job_report_done_has_its_file"),
        transaction.atomic(),
    ):
        ProtocolJob.objects.create(
            conference=conference, kind=JobKind.CREDENTIALS_PDF, status="done"
        )


def page(document) -> str:
    return document.get_absolute_url()


def test_task_document_status_says_how_far_it_got(admin_client):
    document = SummaryDocument.objects.create(
        conference=ConferenceFactory(),
        status=DocumentStatus.RUNNING,
        progress_done=1,
        progress_total=2,
    )

    response = admin_client.get(document.status_url())

    assert response.json() == {
        "finished": False,
        "done": 1,
        "total": 2,
        "text": "Being made… 1 of 2.",
    }
    assert "no-store" in response["Cache-Control"]


def test_task_document_page_follows_the_progress_until_it_is_done(admin_client):
    document = SummaryDocument.objects.create(conference=ConferenceFactory(), language="fr")

    response = admin_client.get(page(document))

    assert "Waiting for its turn…" in response.text
    assert f'data-status-url="{document.status_url()}"' in response.text
    assert "delegations/task_document.js" in response.text
    assert document.file_url() not in response.text
    assert "no-store" in response["Cache-Control"]
    assert admin_client.get(document.file_url()).status_code == 404


def test_task_document_page_offers_the_file_once_done(admin_client):
    document = SummaryDocument.objects.create(conference=ConferenceFactory(), language="fr")
    document.done(b"%PDF summary")

    response = admin_client.get(page(document))
    download = admin_client.get(document.file_url())

    name = f"pledges-{document.conference.slug}-fr.pdf"
    assert f'href="{document.file_url()}"' in response.text
    assert f"Download <bdi>{name}</bdi>" in response.text
    assert download["Content-Disposition"] == f'attachment; filename="{name}"'
    assert b"".join(download.streaming_content) == b"%PDF summary"


def test_task_document_page_says_why_it_failed(admin_client):
    document = SummaryDocument.objects.create(
        conference=ConferenceFactory(), status=DocumentStatus.FAILED, error="No pledges."
    )

    response = admin_client.get(page(document))

    assert "It could not be made: No pledges." in response.text


@pytest.mark.parametrize(("part", "own_status"), [("page", 200), ("status", 200), ("file", 404)])
def test_task_document_pages_are_open_to_a_role_in_the_documents_conference_only(
    client, part, own_status
):
    role = ConferenceRoleFactory(role=Role.VIEWER)
    own = DocumentFactory(conference=role.conference)
    other = DocumentFactory()
    client.force_login(role.user)
    url = {"page": page, "status": Document.status_url, "file": Document.file_url}[part]

    assert client.get(url(own)).status_code == own_status  # the file: not made yet
    assert client.get(url(other)).status_code == 403


def test_task_document_pages_are_refused_without_the_permission(client):
    document = SummaryDocument.objects.create(conference=ConferenceFactory())
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    assert client.get(page(document)).status_code == 403
