"""Focal points imported in bulk from CSV or XLSX: all rows or none, every row error at once."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from delegations.models import FocalPoint
from diplomacy.imports import focal_point_rows_read, focal_points_import
from tests.factories import DelegationFactory, OrganisationDelegationFactory

pytestmark = pytest.mark.django_db

CSV = (
    "mission,name,email,language\n"
    "Ghana,Ama Owusu,ama@ghana-mission.example.org,fr\n"
    "JP,Haruto Sato,sato@japan-mission.example.org,\n"
)


@pytest.fixture
def conference():
    ghana = DelegationFactory(country="GH")
    DelegationFactory(conference=ghana.conference, country="JP")
    return ghana.conference


def test_csv_rows_become_focal_points_of_their_missions(conference):
    rows = focal_point_rows_read(name="focal.csv", content=CSV.encode())

    added, errors = focal_points_import(conference=conference, rows=rows)

    assert (added, errors) == (2, [])
    ama = FocalPoint.objects.get(email="ama@ghana-mission.example.org")
    assert (ama.delegation.country.code, ama.preferred_language) == ("GH", "fr")


def test_xlsx_is_read_as_csv_is(conference):
    workbook = Workbook()
    for row in CSV.strip().splitlines():
        workbook.active.append(row.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    organisation = OrganisationDelegationFactory(conference=conference)
    workbook.active.append([organisation.organisation_name, "Ana", "ana@un.example.org", "es"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    rows = focal_point_rows_read(name="focal.xlsx", content=buffer.getvalue())
    added, _errors = focal_points_import(conference=conference, rows=rows)

    assert added == 3


def test_every_error_of_every_row_is_reported_and_nothing_is_saved(conference):
    rows = focal_point_rows_read(
        name="focal.csv",
        content=(
            b"mission,name,email,language\n"
            b"Ghana,Ama Owusu,ama@ghana-mission.example.org,fr\n"
            b"Atlantis,,not-an-address,klingon\n"
            b"Japan,Haruto Sato,sato@localhost,en\n"
        ),
    )

    added, errors = focal_points_import(conference=conference, rows=rows)

    assert added == 0
    assert [line for line, _messages in errors] == [3, 4]
    assert len(errors[0][1]) == 4  # mission, language, name, e-mail
    assert not FocalPoint.objects.exists()


def test_a_focal_point_twice_in_a_delegation_is_a_row_error(conference):
    rows = focal_point_rows_read(name="focal.csv", content=(CSV + CSV.splitlines()[1]).encode())

    _added, errors = focal_points_import(conference=conference, rows=rows)

    assert errors[0][0] == 4
    assert "already a focal point" in errors[0][1][0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("focal.txt", b"mission,name,email,language\n"),
        ("focal.xlsx", b"this is no workbook"),
        ("focal.csv", b"\xff\xfe\x00broken"),
        ("focal.csv", b"mission,name\nGhana,Ama\n"),
    ],
)
def test_unreadable_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        focal_point_rows_read(name=name, content=content)


def test_admin_import_shows_row_errors_then_imports(admin_client, conference):
    changelist = reverse("admin:conference_conference_changelist")
    data = {"action": "import_focal_points", "_selected_action": [conference.pk], "apply": "1"}

    refused = admin_client.post(
        changelist,
        {
            **data,
            "file": SimpleUploadedFile(
                "f.csv", b"mission,name,email,language\nAtlantis,A,a@x.org,en\n"
            ),
        },
    )
    admin_client.post(changelist, {**data, "file": SimpleUploadedFile("f.csv", CSV.encode())})

    assert refused.status_code == 200
    assert refused.context["row_errors"][0][0] == 2
    assert FocalPoint.objects.filter(delegation__conference=conference).count() == 2
