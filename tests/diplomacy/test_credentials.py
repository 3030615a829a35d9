"""Credentials: uploaded by the focal point (a PDF, checked, kept private) or recorded by the
organiser; the credentials report lists every delegation's status."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import load_workbook

from conference.models import Role as ConferenceRole
from delegations.models import RepresentationLevel, Role
from delegations.task_documents import DocumentStatus
from diplomacy.models import (
    Credentials,
    CredentialsStatus,
    JobKind,
    ProtocolJob,
    ResponseStep,
    Step,
)
from diplomacy.reports import credentials_pdf, credentials_xlsx
from diplomacy.services import credentials_record, credentials_upload
from tests.accounts.test_reauthentication import stale
from tests.factories import (
    ConferenceFactory,
    ConferenceRoleFactory,
    DelegationFactory,
    InvitationFactory,
    ParticipantFactory,
    StaffMemberFactory,
    StaffUserFactory,
)
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

TOKEN = "credentials-token"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def upload(content: bytes = PDF, name: str = "credentials.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def url() -> str:
    return reverse("diplomacy:portal_credentials", kwargs={"token": TOKEN})


@pytest.fixture
def delegation():
    return InvitationFactory(token=TOKEN).delegation


def test_focal_point_upload_is_a_copy_received_and_a_step(
    client, delegation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(), {"file": upload(), "issued_by": "head_of_state_or_government"}
        )

    assert response.status_code == 302
    credentials = Credentials.objects.get(delegation=delegation)
    assert credentials.status == CredentialsStatus.COPY
    with credentials.file.open("rb") as stored:
        assert stored.read() == PDF
    assert ResponseStep.objects.get(delegation=delegation, step=Step.CREDENTIALS_RECEIVED)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\x89PNG\r\n\x1a\n not a pdf", "credentials.pdf"),
        (b"Dear Secretariat, please find", "credentials.docx"),
        (PDF[:30], "cut-short.pdf"),
    ],
)
def test_non_pdf_or_unreadable_credentials_are_a_field_error(client, delegation, content, name):
    response = client.post(
        url(), {"file": upload(content, name), "issued_by": "head_of_state_or_government"}
    )

    assert response.status_code == 400
    assert response.context["credentials_form"].errors["file"]
    assert not Credentials.objects.exists()


def test_service_refuses_a_pdf_cut_short():
    delegation = DelegationFactory()

    with pytest.raises(ValidationError, match="cut short"):
        credentials_upload(delegation=delegation, file=upload(PDF[:30]), issued_by="other")


def test_an_original_seen_stays_so_when_a_scan_is_uploaded(delegation):
    credentials_record(delegation=delegation, status=CredentialsStatus.ORIGINAL, issued_by="other")

    credentials_upload(delegation=delegation, file=upload(), issued_by="other")

    assert Credentials.objects.get(delegation=delegation).status == CredentialsStatus.ORIGINAL


def test_credentials_received_without_issuer_are_refused(delegation):
    with pytest.raises(ValidationError):
        credentials_record(delegation=delegation, status=CredentialsStatus.COPY)

    assert not Credentials.objects.filter(status=CredentialsStatus.COPY).exists()


def test_the_database_refuses_received_credentials_without_issuer(delegation):
    with pytest.raises(IntegrityError, match="credentials_received_name_their_issuer"):
        Credentials.objects.create(delegation=delegation, status=CredentialsStatus.COPY)


def test_admin_action_records_credentials_with_field_errors_first(admin_client, delegation):
    changelist = reverse("admin:delegations_delegation_changelist")
    data = {"action": "record_credentials", "_selected_action": [delegation.pk], "apply": "1"}

    refused = admin_client.post(changelist, {**data, "status": "copy", "issued_by": ""})
    admin_client.post(
        changelist, {**data, "status": "original", "issued_by": "minister_for_foreign_affairs"}
    )

    assert refused.context["form"].errors["issued_by"]
    credentials = Credentials.objects.get(delegation=delegation)
    assert credentials.status == CredentialsStatus.ORIGINAL
    assert credentials.recorded_by is not None


def test_the_scan_is_only_for_staff_allowed_to_see_credentials(
    client, delegation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        credentials = credentials_upload(delegation=delegation, file=upload(), issued_by="other")
    file_url = reverse("diplomacy:credentials_file", args=[credentials.pk])

    assert client.get(file_url).status_code == 302  # to the staff log-in
    client.force_login(StaffMemberFactory(permissions=["delegations.view_delegation"]))
    assert client.get(file_url).status_code == 403
    client.force_login(StaffMemberFactory(permissions=["diplomacy.view_credentials"]))
    response = client.get(file_url)
    response.close()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def report_conference():
    ghana = DelegationFactory(country="GH", representation_level=RepresentationLevel.MINISTER)
    conference = ghana.conference
    japan = DelegationFactory(conference=conference, country="JP")
    ParticipantFactory(delegation=ghana, role=Role.HEAD, given_name="Kwame", family_name="Mensah")
    credentials_record(
        delegation=ghana, status=CredentialsStatus.ORIGINAL, issued_by="head_of_state_or_government"
    )
    return conference, ghana, japan


def test_credentials_report_xlsx_lists_each_delegation_with_level_and_head():
    conference, _ghana, _japan = report_conference()

    sheet = load_workbook(io.BytesIO(credentials_xlsx(conference=conference))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert rows[1][:5] == ["Ghana", "Member State", "Minister", "Kwame Mensah", "Original seen"]
    assert rows[2][0] == "Japan"
    assert rows[2][4] == "None"


def test_credentials_report_pdf_groups_originals_copies_and_none():
    conference, _ghana, _japan = report_conference()

    text = " ".join(pdf_text(credentials_pdf(conference=conference)).split())

    assert text.index("originals seen") < text.index("Ghana") < text.index("No credentials")
    assert text.index("No credentials") < text.index("Japan")
    assert "Minister" in text


def test_the_scan_is_for_a_role_in_its_conference_only(
    client, delegation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        credentials = credentials_upload(delegation=delegation, file=upload(), issued_by="other")
    file_url = reverse("diplomacy:credentials_file", args=[credentials.pk])
    officer = ConferenceRoleFactory(
        conference=delegation.conference, role=ConferenceRole.REGISTRATION_OFFICER
    )
    elsewhere = ConferenceRoleFactory(role=ConferenceRole.ORGANISER)

    client.force_login(elsewhere.user)
    refused = client.get(file_url)
    client.force_login(officer.user)
    allowed = client.get(file_url)
    allowed.close()

    assert (refused.status_code, allowed.status_code) == (403, 200)


def test_credentials_report_file_asks_for_the_password_again_however_recent_the_report(
    client, settings
):
    # The report names every Head of Delegation: downloaded as the other exports of personal
    # data are, after the password is given again (accounts/reauthentication.py).
    job = ProtocolJob(
        conference=ConferenceFactory(), kind=JobKind.CREDENTIALS_XLSX, status=DocumentStatus.DONE
    )
    job.file.save("report.xlsx", ContentFile(b"Heads of Delegation"))
    client.force_login(StaffUserFactory())
    file_url = reverse("diplomacy:job_file", args=[job.pk])

    just_logged_in = b"".join(client.get(file_url).streaming_content)
    stale(client, settings)
    later = client.get(file_url)

    assert just_logged_in == b"Heads of Delegation"
    assert later.status_code == 302
    assert later.url.startswith(reverse("accounts:reauthenticate"))
