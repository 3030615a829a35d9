"""The security officer's work: the vetting page, the export to the vetting authority, the
import of its answers, the data page's scan; other roles see no passport data; every view of
it is logged."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.session_limits import REAUTHENTICATED_AT
from clearance.models import ClearanceState, SecurityDataAccess, SecurityRecord
from clearance.services import clearance_decide, security_data_save
from clearance.vetting import reference
from conference.models import Role
from tests.clearance.conftest import PASSPORT, scan, valid_data
from tests.factories import ConferenceRoleFactory, ParticipantFactory

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def record(member) -> SecurityRecord:
    return security_data_save(participant=member, data=valid_data(), data_page=scan())


def staff(client, conference, role: Role):
    user = ConferenceRoleFactory(conference=conference, role=role).user
    client.force_login(user)
    client.post(reverse("admin:workspace_switch"), {"conference": conference.pk})
    return user


def answers(rows: list[list[str]]) -> io.BytesIO:
    workbook = Workbook()
    workbook.active.append(["reference", "family name", "decision", "reason"])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "answers.xlsx"
    return buffer


def test_security_officer_exports_the_submitted_and_each_export_is_logged(
    client, conference, record
):
    officer = staff(client, conference, Role.SECURITY_OFFICER)

    response = client.get(reverse("clearance:vetting_export", args=[conference.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == reference(record)
    assert PASSPORT in rows[1]
    access = SecurityDataAccess.objects.get()
    assert (access.by, access.participant, access.kind) == (officer, record.participant, "exported")


def test_export_asks_for_the_password_again_after_a_while(client, conference, record, settings):
    staff(client, conference, Role.SECURITY_OFFICER)
    session = client.session
    session[REAUTHENTICATED_AT] = 0
    session.save()

    response = client.get(reverse("clearance:vetting_export", args=[conference.slug]))

    assert response.url.startswith(reverse("accounts:reauthenticate"))
    assert not SecurityDataAccess.objects.exists()


def test_import_clears_and_refuses_and_the_badge_follows(client, conference, record):
    other = security_data_save(
        participant=ParticipantFactory(delegation=record.participant.delegation),
        data=valid_data(),
        data_page=scan(),
    )
    officer = staff(client, conference, Role.SECURITY_OFFICER)
    file = answers(
        [[reference(record), "x", "cleared", ""], [reference(other), "y", "Refused", "Listed"]]
    )

    response = client.post(
        reverse("clearance:vetting_answers", args=[conference.slug]), {"file": file}
    )

    assert response.status_code == 302
    record.refresh_from_db()
    other.refresh_from_db()
    assert (record.state, record.decided_by) == (ClearanceState.CLEARED, officer)
    assert (other.state, other.reason) == (ClearanceState.REFUSED, "Listed")


def test_import_shows_every_row_error_at_once_and_writes_nothing(client, conference, record):
    staff(client, conference, Role.SECURITY_OFFICER)
    file = answers(
        [
            [reference(record), "x", "cleared", ""],
            ["SEC-999999", "y", "cleared", ""],
            [reference(record), "x", "cleared", ""],
            ["", "", "maybe", ""],
        ]
    )

    response = client.post(
        reverse("clearance:vetting_answers", args=[conference.slug]), {"file": file}
    )

    assert response.status_code == 400
    errors = [(error.row, error.message) for error in response.context["row_errors"]]
    assert [row for row, _message in errors] == [3, 4, 5]
    assert "SEC-999999" in errors[0][1]
    record.refresh_from_db()
    assert record.state == ClearanceState.SUBMITTED


def test_import_of_a_refusal_without_reason_is_a_row_error(client, conference, record):
    staff(client, conference, Role.SECURITY_OFFICER)

    response = client.post(
        reverse("clearance:vetting_answers", args=[conference.slug]),
        {"file": answers([[reference(record), "x", "refused", ""]])},
    )

    assert [error.row for error in response.context["row_errors"]] == [2]


def test_import_of_a_file_that_is_not_xlsx_is_a_field_error(client, conference, record):
    staff(client, conference, Role.SECURITY_OFFICER)
    file = io.BytesIO(b"reference,decision\n")
    file.name = "answers.xlsx"

    response = client.post(
        reverse("clearance:vetting_answers", args=[conference.slug]), {"file": file}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_opening_a_person_s_page_in_the_admin_is_logged(client, conference, record):
    officer = staff(client, conference, Role.SECURITY_OFFICER)

    response = client.get(reverse("admin:clearance_securityrecord_change", args=[record.pk]))

    assert PASSPORT in response.text
    access = SecurityDataAccess.objects.get()
    assert (access.by, access.kind, access.by_label) == (officer, "viewed", officer.username)


def test_the_scan_is_served_to_security_and_logged(
    client, conference, record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = security_data_save(
            participant=record.participant, data=valid_data(birth_place="Accra"), data_page=scan()
        )
    staff(client, conference, Role.SECURITY_OFFICER)

    response = client.get(reverse("clearance:data_page", args=[record.pk]))
    content = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert content.startswith(b"%PDF-")
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    assert SecurityDataAccess.objects.get().kind == "data_page"


@pytest.mark.parametrize(
    "role",
    [Role.ORGANISER, Role.REGISTRATION_OFFICER, Role.VIEWER, Role.CHECK_IN, Role.PROGRAMME_EDITOR],
)
def test_other_roles_see_no_passport_data(client, conference, record, role):
    staff(client, conference, role)

    pages = [
        reverse("admin:clearance_securityrecord_change", args=[record.pk]),
        reverse("admin:clearance_securityrecord_changelist"),
        reverse("clearance:vetting", args=[conference.slug]),
        reverse("clearance:vetting_export", args=[conference.slug]),
        reverse("clearance:data_page", args=[record.pk]),
    ]

    assert [client.get(page).status_code for page in pages] == [403] * len(pages)
    assert not SecurityDataAccess.objects.exists()


def test_a_security_officer_of_another_conference_sees_nothing_here(client, conference, record):
    elsewhere = ConferenceRoleFactory(role=Role.SECURITY_OFFICER)
    client.force_login(elsewhere.user)

    assert client.get(reverse("clearance:vetting", args=[conference.slug])).status_code == 403
    assert client.get(reverse("clearance:data_page", args=[record.pk])).status_code == 403


def test_the_vetting_page_lists_the_waiting_without_passport_data(client, conference, record):
    clearance_decide(
        record=security_data_save(
            participant=ParticipantFactory(delegation=record.participant.delegation),
            data=valid_data(),
            data_page=scan(),
        ),
        state=ClearanceState.CLEARED,
        by=None,
    )
    staff(client, conference, Role.SECURITY_OFFICER)

    response = client.get(reverse("clearance:vetting", args=[conference.slug]))

    assert response.status_code == 200
    assert record.participant.family_name in response.text
    assert PASSPORT not in response.text
    assert dict(response.context["counts"])["cleared"] == 1


@pytest.mark.parametrize("waiting", [1, 3])
def test_the_vetting_page_s_queries_do_not_grow_with_the_people(
    client, conference, member, waiting, django_assert_num_queries
):
    for _ in range(waiting):
        security_data_save(
            participant=ParticipantFactory(delegation=member.delegation),
            data=valid_data(),
            data_page=scan(),
        )
    staff(client, conference, Role.SECURITY_OFFICER)

    with django_assert_num_queries(13):
        response = client.get(reverse("clearance:vetting", args=[conference.slug]))

    assert len(response.context["to_vet"]) == waiting
