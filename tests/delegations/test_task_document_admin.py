"""The admin of documents made by a task: the same read-only columns for every kind (here the
protocol jobs; accreditation's documents in tests/accreditation/test_documents.py)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from delegations.task_documents import DocumentStatus
from diplomacy.models import JobKind, ProtocolJob
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:diplomacy_protocoljob_changelist")


def protocol_job(**fields) -> ProtocolJob:
    return ProtocolJob.objects.create(
        conference=ConferenceFactory(), kind=JobKind.CREDENTIALS_XLSX, **fields
    )


def test_a_job_is_listed_with_its_progress_its_local_time_and_its_page(admin_client):
    job = protocol_job(progress_done=2, progress_total=5)

    response = admin_client.get(CHANGELIST)

    assert "2 / 5" in response.text
    assert "(Asia/Karachi)" in response.text
    assert f'href="{job.get_absolute_url()}"' in response.text


def test_a_job_is_neither_added_nor_changed_in_the_admin(admin_client):
    job = protocol_job()
    change = reverse("admin:diplomacy_protocoljob_change", args=[job.pk])

    assert admin_client.get(reverse("admin:diplomacy_protocoljob_add")).status_code == 403
    assert admin_client.post(change, {"kind": JobKind.NOTES}).status_code == 403
    job.refresh_from_db()
    assert job.kind == JobKind.CREDENTIALS_XLSX


def test_a_made_job_s_page_links_its_page_not_its_private_file(admin_client):
    # Read-only, the admin linked the file by its media URL, which a private file refuses
    # to give: every finished credentials report's admin page was a server error.
    job = protocol_job()
    job.file.save("credentials-report.xlsx", ContentFile(b"xlsx"), save=False)
    job.status = DocumentStatus.DONE
    job.save()

    response = admin_client.get(reverse("admin:diplomacy_protocoljob_change", args=[job.pk]))

    assert response.status_code == 200
    assert f'href="{job.get_absolute_url()}"' in response.text


@pytest.mark.parametrize("jobs", [1, 3])
def test_the_list_runs_constant_queries(admin_client, django_assert_num_queries, jobs):
    for _ in range(jobs):
        protocol_job()
    admin_client.get(CHANGELIST)

    with django_assert_num_queries(7):
        admin_client.get(CHANGELIST)
