import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from accreditation.imports import import_rows_read, import_run
from delegations.models import Delegation, DelegationKind, Participant, Role, State
from delegations.names import NameOrder
from registration.services import MEMBER_FIELDS
from tests.factories import ConferenceFactory, DelegationFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

HEADER = "delegation_kind,country,organisation,honorific,given_name,family_name,role,email"
GOOD_CSV = f"""{HEADER}
Member State,GH,,H.E.,Kwame,Mensah,Head of Delegation,kwame@example.org
member_state,Ghana,,,Ama,Owusu,adviser,ama@example.org
UN Secretariat / UN entity,,Department of Peace Operations,,,,,
"""


def rows_of(text: str) -> list[dict[str, str]]:
    return import_rows_read(name="list.csv", content=text.encode())


def test_import_rows_read_reads_xlsx_like_csv():
    workbook = Workbook()
    for line in GOOD_CSV.strip().splitlines():
        workbook.active.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert import_rows_read(name="list.xlsx", content=buffer.getvalue()) == rows_of(GOOD_CSV)


def test_import_rows_read_refuses_unknown_columns():
    with pytest.raises(ValidationError, match="Unknown columns: passport"):
        rows_of("given_name,passport\nKwame,X123\n")


def test_import_run_saves_delegations_and_participants():
    conference = ConferenceFactory()

    report = import_run(conference=conference, rows=rows_of(GOOD_CSV), save=True)

    assert report.saved
    assert (report.delegations, report.participants) == (2, 2)
    ghana = Delegation.objects.get(conference=conference, country="GH")
    assert ghana.kind == DelegationKind.MEMBER_STATE
    assert ghana.protocol_sort_key == "Ghana"
    head = Participant.objects.get(email="kwame@example.org")
    assert (head.delegation, head.role, head.state) == (ghana, Role.HEAD, State.PENDING)
    assert Delegation.objects.filter(organisation_name="Department of Peace Operations").exists()


def test_import_run_takes_every_detail_the_portal_takes():
    conference = ConferenceFactory()
    row = {
        "delegation_kind": "member_state",
        "country": "GH",
        "honorific": "H.E.",
        "given_name": "Kwame",
        "family_name": "Mensah",
        "name_order": "given_first",
        "own_script_name": "",
        "functional_title": "Minister of Defence",
        "role": "head",
        "category": "delegate",
        "email": "kwame@example.org",
        "phone": "+233 20 000 0000",
        "preferred_language": "fr",
        "nationality": "Ghana",
        "dietary_needs": "Halal",
        "access_needs": "Wheelchair",
        "consents_to_public_listing": "yes",
    }

    report = import_run(conference=conference, rows=[row], save=True)

    assert report.saved
    participant = Participant.objects.get(conference=conference)
    assert {name: str(getattr(participant, name)) for name in MEMBER_FIELDS} == {
        **{name: row[name] for name in MEMBER_FIELDS},
        "nationality": "GH",
        "consents_to_public_listing": "True",
    }


def test_import_run_preview_saves_nothing():
    conference = ConferenceFactory()

    report = import_run(conference=conference, rows=rows_of(GOOD_CSV), save=False)

    assert not report.has_errors
    assert report.participants == 2
    assert not Delegation.objects.exists()
    assert not Participant.objects.exists()


def test_import_run_reports_each_rows_errors_by_column():
    bad = f"""{HEADER}
Member State,XX,,,Kwame,Mensah,,kwame@example.org
Member State,GH,,,Ama,,,not-an-email
NGO / academia,,,,,,,
"""

    report = import_run(conference=ConferenceFactory(), rows=rows_of(bad), save=False)

    errors = [sorted(row.errors) for row in report.rows]
    assert errors == [["country"], ["email", "family_name"], ["__all__"]]


def test_import_run_finds_conflicts_between_rows_and_saves_nothing():
    two_heads = f"""{HEADER}
Member State,GH,,,Kwame,Mensah,Head of Delegation,kwame@example.org
Member State,GH,,,Ama,Owusu,Head of Delegation,ama@example.org
Member State,GH,,,Kofi,Annan,,KWAME@example.org
"""

    report = import_run(conference=ConferenceFactory(), rows=rows_of(two_heads), save=True)

    assert not report.saved
    assert [bool(row.errors) for row in report.rows] == [False, True, True]
    assert not Participant.objects.exists()
    assert not Delegation.objects.exists()


def test_import_page_previews_then_imports_on_confirmation(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())
    url = reverse("accreditation:import", args=[conference.slug])

    preview = client.post(url, {"file": SimpleUploadedFile("list.csv", GOOD_CSV.encode())})
    saved = client.post(url, {"payload": preview.context["payload"]}, follow=True)

    assert "Ready to import 2 new delegations and 2 participants." in preview.text
    assert "Imported 2 new delegations and 2 participants." in saved.text
    assert Participant.objects.count() == 2


def test_import_page_shows_row_errors_and_offers_no_import(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())
    bad = f"{HEADER}\nMember State,GH,,,Ama,,,ama@example.org\n"

    response = client.post(
        reverse("accreditation:import", args=[conference.slug]),
        {"file": SimpleUploadedFile("list.csv", bad.encode())},
    )

    assert "family_name: This field cannot be blank." in response.text
    assert 'name="payload"' not in response.text
    assert not Participant.objects.exists()


def test_import_page_refuses_a_file_that_is_not_csv_or_xlsx(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("accreditation:import", args=[conference.slug]),
        {"file": SimpleUploadedFile("list.pdf", b"%PDF")},
    )

    assert response.context["form"].errors == {"file": ["Upload a .csv or .xlsx file."]}


def test_import_page_refuses_a_tampered_preview(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("accreditation:import", args=[conference.slug]), {"payload": "forged"}, follow=True
    )

    assert "The preview has expired" in response.text
    assert not Participant.objects.exists()


def test_import_run_beyond_the_quota_reports_the_rows_and_saves_nothing():
    conference = ConferenceFactory()
    DelegationFactory(conference=conference, country="GH", quota=1)
    three = f"""{HEADER}
Member State,GH,,,Kwame,Mensah,Head of Delegation,kwame@example.org
Member State,GH,,,Ama,Owusu,,ama@example.org
Member State,GH,,,Kofi,Boateng,,kofi@example.org
"""

    report = import_run(conference=conference, rows=rows_of(three), save=True)

    assert not report.saved
    assert [row.errors for row in report.rows] == [
        {},
        {"__all__": ["Ghana is full: its quota is 1 member."]},
        {"__all__": ["Ghana is full: its quota is 1 member."]},
    ]
    assert not Participant.objects.exists()


def test_import_run_takes_the_name_order_and_the_name_in_its_own_script():
    conference = ConferenceFactory()
    rows = rows_of(
        "delegation_kind,country,given_name,family_name,name_order,own_script_name,email\n"
        "Member State,CN,Wei,Wang,family_first,王伟,wang@example.org\n"
        "Member State,EG,Mohamed,Elhusseini,,محمد الحسيني,mohamed@example.org\n"
    )

    report = import_run(conference=conference, rows=rows, save=True)

    assert report.saved
    wang, mohamed = Participant.objects.order_by("family_name").reverse()
    assert (wang.full_name, wang.own_script_name) == ("WANG Wei", "王伟")
    assert (mohamed.name_order, mohamed.own_script_name) == (
        NameOrder.GIVEN_FIRST,
        "محمد الحسيني",
    )


def test_import_run_reports_names_not_in_latin_letters_and_unknown_orders_by_column():
    conference = ConferenceFactory()
    rows = rows_of(
        "delegation_kind,country,given_name,family_name,name_order,email\n"
        "Member State,CN,伟,Wang,family first please,wang@example.org\n"
    )

    report = import_run(conference=conference, rows=rows, save=True)

    assert not report.saved
    assert set(report.rows[0].errors) == {"given_name", "name_order"}
    assert not Participant.objects.exists()
