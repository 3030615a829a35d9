"""The admin's CSV exports are made by the task worker (delegations/exports.py): the action
records the rows selected and opens the export's page; the file goes to staff who may see
those rows in that conference, after their password again, and with the conference's
retention."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from conference.models import Role as StaffRole
from conference.retention import personal_data_purge
from delegations.exports import CSV_EXPORTS, export_request
from delegations.models import Export, ExportKind, Participant, State
from delegations.task_documents import DocumentStatus
from tests.accounts.test_reauthentication import CONFIRM, stale
from tests.exports import exported_rows
from tests.factories import (
    ConferenceFactory,
    ConferenceRoleFactory,
    EntryFactory,
    ParticipantFactory,
)
from tests.tasks import task_results, tasks_run, tasks_run_with_retries

pytestmark = pytest.mark.django_db

PARTICIPANTS = reverse("admin:delegations_participant_changelist")


def page_url(export: Export) -> str:
    return reverse("delegations:export", args=[export.pk])


def status_url(export: Export) -> str:
    return reverse("delegations:export_status", args=[export.pk])


def file_url(export: Export) -> str:
    return reverse("delegations:export_file", args=[export.pk])


def participants_exported(conference, *, by) -> Export:
    with translation.override("en"):
        return export_request(queryset=Participant.objects.filter(conference=conference), by=by)


def staff_with_role(conference, role: StaffRole):
    return ConferenceRoleFactory(conference=conference, role=role).user


@pytest.fixture
def broken_storage(settings, tmp_path):
    """Private storage where no file can be written: its folder is a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.PRIVATE_MEDIA_ROOT = blocker


@pytest.mark.django_db(transaction=True)
def test_export_page_follows_the_task_and_then_offers_the_file(admin_client):
    conference = ConferenceFactory()
    ParticipantFactory.create_batch(2, delegation__conference=conference)
    export = participants_exported(conference, by=None)

    waiting = admin_client.get(page_url(export))
    status = admin_client.get(status_url(export)).json()
    tasks_run()
    ready = admin_client.get(page_url(export))
    download = admin_client.get(file_url(export))

    assert "Waiting for its turn…" in waiting.text
    assert file_url(export) not in waiting.text
    assert status == {
        "finished": False,
        "done": 0,
        "total": 2,
        "text": "Waiting for its turn… 0 of 2 rows.",
    }
    assert f'href="{file_url(export)}"' in ready.text
    assert admin_client.get(status_url(export)).json()["done"] == 2
    assert download["Content-Disposition"] == (
        f'attachment; filename="{Export.objects.get().download_name()}"'
    )
    assert "no-store" in download["Cache-Control"]
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3


@pytest.mark.django_db(transaction=True)
def test_export_holds_the_rows_selected_when_it_was_asked_for(admin_client):
    conference = ConferenceFactory()
    pending = ParticipantFactory.create_batch(2, delegation__conference=conference)
    ParticipantFactory(delegation__conference=conference, state=State.APPROVED)

    # Every pending participant, selected across the filtered list.
    response = admin_client.post(
        f"{PARTICIPANTS}?state__exact=pending",
        {"action": "export_csv", "select_across": "1", "_selected_action": [pending[0].pk]},
    )
    # Approved before the worker gets to it: still in the file, as it is now.
    Participant.objects.filter(pk=pending[0].pk).update(state=State.APPROVED)
    ParticipantFactory(delegation__conference=conference)

    header, *rows = exported_rows(admin_client, response)
    assert sorted(row[header.index("family name")] for row in rows) == sorted(
        participant.family_name for participant in pending
    )
    assert sorted(row[header.index("registration state")] for row in rows) == [
        "Approved",
        "Pending",
    ]


def test_selection_of_several_conferences_is_refused_and_nothing_is_queued(admin_client):
    participants = [ParticipantFactory(), ParticipantFactory()]

    response = admin_client.post(
        PARTICIPANTS,
        {"action": "export_csv", "_selected_action": [p.pk for p in participants], "index": 0},
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        "Select rows of one conference at a time: choose it in the conference filter."
    ]
    assert not Export.objects.exists()
    assert not task_results("export_make")


@pytest.mark.django_db(transaction=True)
def test_check_ins_export_lists_the_entries_of_the_conference(admin_client):
    entry = EntryFactory()
    EntryFactory()  # another conference's

    response = admin_client.post(
        f"{reverse('admin:accreditation_entry_changelist')}?participant__conference__id__exact="
        f"{entry.participant.conference_id}",
        {"action": "export_csv", "select_across": "1", "_selected_action": [entry.pk]},
    )

    header, row = exported_rows(admin_client, response)
    export = Export.objects.get()
    assert (export.kind, export.conference) == (ExportKind.CHECK_INS, entry.participant.conference)
    assert export.download_name().startswith("entry-")
    assert header[:5] == ["conference", "day", "zone", "delegation", "given name"]
    assert row[4:6] == [entry.participant.given_name, entry.participant.family_name]


@pytest.mark.parametrize("view", [page_url, status_url, file_url])
def test_staff_of_another_conference_cannot_open_an_export(client, view):
    conference = ConferenceFactory()
    ParticipantFactory(delegation__conference=conference)
    export = participants_exported(conference, by=staff_with_role(conference, StaffRole.ORGANISER))
    client.force_login(staff_with_role(ConferenceFactory(), StaffRole.ORGANISER))

    assert client.get(view(export)).status_code == 403


@pytest.mark.parametrize("view", [page_url, status_url, file_url])
def test_door_staff_of_the_conference_cannot_open_an_export_of_participants(client, view):
    conference = ConferenceFactory()
    ParticipantFactory(delegation__conference=conference)
    export = participants_exported(conference, by=None)
    # Their role sees the check-ins (and so could take a check-ins export), not participants.
    client.force_login(staff_with_role(conference, StaffRole.CHECK_IN))

    assert client.get(view(export)).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_staff_of_the_conference_who_may_see_the_rows_take_the_file_another_asked_for(client):
    conference = ConferenceFactory()
    ParticipantFactory(delegation__conference=conference)
    export = participants_exported(
        conference, by=staff_with_role(conference, StaffRole.REGISTRATION_OFFICER)
    )
    tasks_run()
    client.force_login(staff_with_role(conference, StaffRole.VIEWER))

    download = client.get(file_url(export))

    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith("\ufeff".encode())


def test_export_file_asks_for_the_password_again_however_recent_the_export(client, settings):
    conference = ConferenceFactory()
    ParticipantFactory(delegation__conference=conference)
    organiser = staff_with_role(conference, StaffRole.ORGANISER)
    export = participants_exported(conference, by=organiser)
    client.force_login(organiser)
    stale(client, settings)

    response = client.get(file_url(export))

    assert response.status_code == 302
    assert response.url.startswith(CONFIRM)


@pytest.mark.django_db(transaction=True)
def test_export_that_keeps_failing_shows_why_and_leaves_no_file(admin_client, broken_storage):
    conference = ConferenceFactory()
    ParticipantFactory(delegation__conference=conference)
    export = participants_exported(conference, by=None)

    tasks_run_with_retries()

    export.refresh_from_db()
    assert export.status == DocumentStatus.FAILED
    assert not export.file
    assert len(task_results("export_make")) == 3
    page = admin_client.get(page_url(export))
    assert "It could not be made: NotADirectoryError: [Errno 20] Not a directory" in page.text
    assert file_url(export) not in page.text
    assert admin_client.get(file_url(export)).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_retention_purge_deletes_the_conference_s_exports_and_their_files():
    conference = ConferenceFactory()
    ParticipantFactory(delegation__conference=conference)
    export = participants_exported(conference, by=None)
    kept = participants_exported(ParticipantFactory().conference, by=None)
    tasks_run()
    export.refresh_from_db()
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)

    report = personal_data_purge(conference=conference)

    assert report.count("exports made for staff") == 1
    assert not Export.objects.filter(pk=export.pk).exists()
    assert not storage.exists(name)
    assert Export.objects.filter(pk=kept.pk).exists()


def test_exports_are_listed_in_the_admin_with_a_link_to_their_page(admin_client):
    conference = ConferenceFactory()
    ParticipantFactory(delegation__conference=conference)
    export = participants_exported(conference, by=None)

    response = admin_client.get(reverse("admin:delegations_export_changelist"))

    assert "Participants (CSV)" in response.text
    assert f'href="{page_url(export)}"' in response.text


@pytest.mark.django_db(transaction=True)
def test_purge_exports_deletes_the_exports_older_than_the_days_kept_with_their_files():
    conference = ConferenceFactory()
    ParticipantFactory(delegation__conference=conference)
    old = participants_exported(conference, by=None)
    recent = participants_exported(conference, by=None)
    tasks_run()
    Export.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=8))
    old.refresh_from_db()
    storage, name = old.file.storage, old.file.name

    call_command("purge_exports", days=7, verbosity=0)

    assert list(Export.objects.all()) == [recent]
    assert not storage.exists(name)


def test_every_kind_of_export_has_its_columns():
    assert set(CSV_EXPORTS) == set(ExportKind.values)


@pytest.mark.parametrize("view", [page_url, status_url])
def test_export_pages_and_list_never_read_the_ids_of_the_rows(admin_client, view):
    conference = ConferenceFactory()
    ParticipantFactory.create_batch(3, delegation__conference=conference)
    export = participants_exported(conference, by=None)

    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(view(export))
        listed = admin_client.get(reverse("admin:delegations_export_changelist"))

    assert (page.status_code, listed.status_code) == (200, 200)
    assert not [query["sql"] for query in queries if "row_ids" in query["sql"]]
