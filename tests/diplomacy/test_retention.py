"""The protocol workflow's personal data goes with the retention purge; the record stays."""

import os

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from conference.retention import personal_data_purge
from diplomacy.models import (
    Credentials,
    CredentialsStatus,
    JobKind,
    MemberChange,
    NoteVerbale,
    ProtocolJob,
    Reminder,
    ResponseStep,
    Step,
)
from tests.factories import ConferenceFactory, DelegationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_purge_removes_scans_note_pdfs_changes_and_messages_but_keeps_the_record():
    delegation = DelegationFactory()
    conference = delegation.conference
    credentials = Credentials.objects.create(
        delegation=delegation, status=CredentialsStatus.COPY, issued_by="other"
    )
    credentials.file.save("scan.pdf", ContentFile(b"%PDF scan %%EOF"))
    note = NoteVerbale.objects.create(
        conference=conference,
        delegation=delegation,
        number=1,
        reference="X/2023/001",
        language="en",
    )
    note.file.save("note.pdf", ContentFile(b"%PDF note %%EOF"))
    paths = [credentials.file.path, note.file.path]
    MemberChange.objects.create(delegation=delegation, kind="added", member_name="Lea Moreau")
    Reminder.objects.create(delegation=delegation, send_at=timezone.now(), message="Dear Lea")
    ResponseStep.objects.create(delegation=delegation, step=Step.INVITED, at=timezone.now())

    report = personal_data_purge(conference=conference)

    assert report.count("credentials' scans") == report.count("notes verbales' PDFs") == 1
    assert not any(os.path.exists(path) for path in paths)
    credentials.refresh_from_db()
    note.refresh_from_db()
    assert (credentials.file.name, credentials.status) == ("", CredentialsStatus.COPY)
    assert (note.file.name, note.reference) == ("", "X/2023/001")
    assert not MemberChange.objects.exists()
    assert Reminder.objects.get().message == ""
    assert ResponseStep.objects.filter(delegation=delegation).exists()


def test_purge_deletes_the_protocol_reports_with_their_files():
    conference = ConferenceFactory()
    job = ProtocolJob(conference=conference, kind=JobKind.CREDENTIALS_XLSX)
    job.file.save("report.xlsx", ContentFile(b"Heads of Delegation"))
    path = job.file.path

    report = personal_data_purge(conference=conference)

    assert report.count("protocol reports") == 1
    assert not ProtocolJob.objects.exists()
    assert not os.path.exists(path)
