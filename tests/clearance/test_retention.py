"""Retention: the conference's purge removes every person's security data, its scans and the
access log; each clearance decision and its history stay."""

import pytest

from clearance.models import AccessKind, ClearanceState, SecurityDataAccess, SecurityRecord
from clearance.services import access_record, clearance_decide, security_data_save
from conference.retention import personal_data_purge, personal_data_report
from tests.clearance.conftest import scan, valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record = security_data_save(participant=member, data=valid_data(), data_page=scan())
    access_record(participants=[member], by=None, kind=AccessKind.VIEWED, by_label="focal point")
    return clearance_decide(record=record, state=ClearanceState.CLEARED, by=None)


def test_the_report_counts_the_security_data_and_its_log(conference, decided):
    report = personal_data_report(conference=conference)

    assert report.count("security data (passports)") == 1
    assert report.count("accesses to security data") == 1


def test_the_purge_removes_the_data_and_keeps_the_decision(
    conference, decided, django_capture_on_commit_callbacks
):
    decided.refresh_from_db()
    storage, name = decided.data_page.storage, decided.data_page.name

    with django_capture_on_commit_callbacks(execute=True):
        personal_data_purge(conference=conference)

    record = SecurityRecord.objects.get()
    assert record.document_number == ""
    assert record.birth_date is None
    assert record.state == ClearanceState.CLEARED
    assert record.changes.count() == 2
    assert not storage.exists(name)
    assert not SecurityDataAccess.objects.exists()
    assert personal_data_report(conference=conference).count("security data (passports)") == 0
