import csv
import io

import pytest
from openpyxl import load_workbook

from accreditation.participant_list import participant_list_csv, participant_list_xlsx
from conference.spreadsheets import spreadsheet_safe
from tests.factories import ApprovedParticipantFactory

FORMULA = '=HYPERLINK("https://evil.example","Click")'


@pytest.mark.parametrize("text", [FORMULA, "+SUM(A1:A9)", "-2+3", "@cmd", "\t=1"])
def test_spreadsheet_safe_prefixes_text_that_starts_like_a_formula(text):
    assert spreadsheet_safe(text) == f"'{text}"


@pytest.mark.parametrize("text", ["+92 51 9204 000", "Minister of Defence", "", "H.E."])
def test_spreadsheet_safe_leaves_ordinary_text_and_phone_numbers_alone(text):
    assert spreadsheet_safe(text) == text


def test_spreadsheet_safe_turns_none_into_an_empty_cell():
    assert spreadsheet_safe(None) == ""


@pytest.mark.django_db
def test_participant_list_csv_defuses_a_formula_in_a_title():
    participant = ApprovedParticipantFactory(functional_title=FORMULA)

    content = participant_list_csv(conference=participant.conference).decode("utf-8-sig")

    header, row = list(csv.reader(io.StringIO(content)))
    assert row[header.index("Functional title")] == f"'{FORMULA}"


@pytest.mark.django_db
def test_participant_list_xlsx_keeps_a_formula_in_a_title_as_text():
    participant = ApprovedParticipantFactory(functional_title=FORMULA)

    content = participant_list_xlsx(conference=participant.conference)

    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Functional title") + 1)
    assert (cell.data_type, cell.value) == ("s", f"'{FORMULA}")
