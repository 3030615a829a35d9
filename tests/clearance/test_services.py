"""Security clearance's rules: data given submits, security decides, changes resubmit; bad
input refused with field errors; the purge keeps the decision."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from clearance.models import ClearanceChange, ClearancePolicy, ClearanceState, SecurityRecord
from clearance.services import clearance_decide, security_data_purge, security_data_save
from delegations.models import State
from tests.clearance.conftest import PDF, png, scan, valid_data
from tests.factories import ParticipantFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def submitted(member, **changes) -> SecurityRecord:
    return security_data_save(
        participant=member, data=valid_data(**changes), data_page=scan(), by_label="focal point"
    )


def test_data_given_submits_it_dated_and_by_whom(member):
    record = submitted(member)

    assert record.state == ClearanceState.SUBMITTED
    assert record.submitted_at is not None
    [step] = ClearanceChange.objects.filter(record=record)
    assert (step.state, step.by, step.by_label) == ("submitted", None, "focal point")


def test_security_clears_a_submitted_person_dated_and_by_whom(member):
    officer = StaffUserFactory()
    record = clearance_decide(record=submitted(member), state=ClearanceState.CLEARED, by=officer)

    assert record.state == ClearanceState.CLEARED
    assert record.decided_by == officer
    assert record.decided_at is not None
    assert record.changes.last().by == officer


def test_security_refuses_with_a_reason(member):
    record = clearance_decide(
        record=submitted(member), state=ClearanceState.REFUSED, reason="Watch list", by=None
    )

    assert (record.state, record.reason) == (ClearanceState.REFUSED, "Watch list")


def test_refusal_without_a_reason_is_refused(member):
    with pytest.raises(ValidationError) as error:
        clearance_decide(record=submitted(member), state=ClearanceState.REFUSED, by=None)

    assert "reason" in error.value.message_dict


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (ClearanceState.CLEARED, ClearanceState.REFUSED),
        (ClearanceState.REFUSED, ClearanceState.CLEARED),
    ],
)
def test_a_decision_may_be_revised(member, first, then):
    record = clearance_decide(record=submitted(member), state=first, reason="r", by=None)

    record = clearance_decide(record=record, state=then, reason="r", by=None)

    assert record.state == then


def test_nobody_is_decided_before_their_data_is_submitted(member):
    record = SecurityRecord.objects.create(participant=member)

    with pytest.raises(ValidationError) as error:
        clearance_decide(record=record, state=ClearanceState.CLEARED, by=None)

    assert error.value.code == "transition"
    record.refresh_from_db()
    assert record.state == ClearanceState.NOT_SUBMITTED


def test_submitted_is_not_a_decision(member):
    with pytest.raises(ValidationError):
        clearance_decide(record=submitted(member), state=ClearanceState.SUBMITTED, by=None)


@pytest.mark.parametrize("decision", [ClearanceState.CLEARED, ClearanceState.REFUSED])
def test_changed_data_after_a_decision_goes_back_to_security(member, decision):
    clearance_decide(record=submitted(member), state=decision, reason="r", by=None)

    record = security_data_save(participant=member, data=valid_data(birth_place="Accra"))

    assert record.state == ClearanceState.SUBMITTED
    assert record.reason == ""
    assert record.decided_at is None


def test_the_same_data_saved_again_keeps_the_decision(member):
    clearance_decide(record=submitted(member), state=ClearanceState.CLEARED, by=None)

    record = security_data_save(participant=member, data=valid_data())

    assert record.state == ClearanceState.CLEARED


def test_clearing_an_approved_person_sends_the_approval_e_mail_with_the_badge_again(member):
    member.state = State.APPROVED
    member.save()
    record = submitted(member)
    before = DBTaskResult.objects.count()

    clearance_decide(record=record, state=ClearanceState.CLEARED, by=None)

    task = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert DBTaskResult.objects.count() == before + 1
    assert task.args_kwargs["kwargs"] == {"participant_id": member.pk, "state": "approved"}


def test_a_conference_that_does_not_collect_refuses_the_data(member, conference):
    ClearancePolicy.objects.filter(conference=conference).update(
        collects_security_data=False, requires_clearance=False
    )

    with pytest.raises(ValidationError) as error:
        submitted(member)

    assert error.value.code == "off"
    assert not SecurityRecord.objects.exists()


def test_a_withdrawn_participant_gives_no_data(member):
    member.state = State.WITHDRAWN
    member.save()

    with pytest.raises(ValidationError):
        submitted(member)


def test_a_passport_expiring_before_the_conference_ends_is_refused(member, conference):
    with pytest.raises(ValidationError) as error:
        submitted(member, document_expiry=conference.end_date)

    assert "document_expiry" in error.value.message_dict
    assert not SecurityRecord.objects.exists()


@pytest.mark.parametrize("birth_date", [datetime.date(1880, 1, 1), datetime.date(2999, 1, 1)])
def test_an_implausible_birth_date_is_refused(member, birth_date):
    with pytest.raises(ValidationError) as error:
        submitted(member, birth_date=birth_date)

    assert "birth_date" in error.value.message_dict


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"not an image at all", "passport.jpg"),
        (png()[:40], "passport.png"),
        (b"GIF89a" + b"\0" * 100, "passport.gif"),
        (PDF[:-7], "passport.pdf"),
        (b"%PDF-" + b"\0" * (5 * 1024 * 1024), "passport.pdf"),
    ],
    ids=["text", "cut-png", "gif", "cut-pdf", "too-large"],
)
def test_an_unreadable_or_oversized_scan_is_refused(member, content, name):
    with pytest.raises(ValidationError) as error:
        security_data_save(participant=member, data=valid_data(), data_page=scan(content, name))

    assert "data_page" in error.value.message_dict


def test_an_image_scan_is_accepted(member):
    record = security_data_save(
        participant=member, data=valid_data(), data_page=scan(png(), "page.png")
    )

    assert record.data_page.name.endswith(".png")


def test_missing_data_is_named_field_by_field(member):
    with pytest.raises(ValidationError) as error:
        security_data_save(participant=member, data={"birth_place": "Kumasi"})

    assert {"birth_date", "document_number", "document_expiry", "data_page"} <= set(
        error.value.message_dict
    )


def test_purge_on_request_removes_the_data_and_keeps_the_decision(
    member, django_capture_on_commit_callbacks
):
    record = clearance_decide(record=submitted(member), state=ClearanceState.CLEARED, by=None)
    record.refresh_from_db()
    storage, name = record.data_page.storage, record.data_page.name
    officer = StaffUserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        purged = security_data_purge(records=[record], by=officer)

    record.refresh_from_db()
    assert purged == 1
    assert (record.document_number, record.birth_date, record.data_page.name) == ("", None, "")
    assert record.state == ClearanceState.CLEARED
    assert record.data_purged_at is not None
    assert not storage.exists(name)
    assert member.security_data_accesses.get().kind == "purged"


def test_scan_is_written_only_once_the_data_is_committed(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = submitted(member)

    record.refresh_from_db()
    assert record.data_page.storage.exists(record.data_page.name)


def test_another_participant_record_is_untouched(member):
    other = ParticipantFactory(delegation=member.delegation)
    submitted(member)

    assert not SecurityRecord.objects.filter(participant=other).exists()


def test_data_corrected_before_a_decision_is_submitted_again(member):
    submitted(member)

    record = security_data_save(participant=member, data=valid_data(birth_place="Accra"))

    assert record.state == ClearanceState.SUBMITTED
    assert list(record.changes.values_list("state", flat=True)) == ["submitted", "submitted"]
