"""Security clearance at the upcoming Ministerial: host-country security vets every member.

The Ministerial collects security data and requires clearance: the Minister for Defence is
cleared (her badge prints), the Chief of the Defence Staff and Japan's Head wait for the
vetting authority (the security officer's next export), one adviser was refused for a
mismatched passport number and must resubmit, and Japan's adviser has given nothing yet.
Invented: every date of birth, place and passport number (passport numbers are in the form
of none issued: "DEMO" and digits).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from clearance.models import ClearancePolicy, ClearanceState, SecurityRecord
from clearance.services import clearance_decide, security_data_save
from conference.models import Conference

# A blank one-page PDF standing in for each passport's data page.
SPECIMEN_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 297]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# (family name, birth date, birth place, passport number, protected, armed, decision, reason)
PEOPLE = (
    ("Mensah", datetime.date(1968, 4, 2), "Cape Coast", "DEMO104882", True, False,
     ClearanceState.CLEARED, ""),
    ("Boateng", datetime.date(1966, 11, 19), "Kumasi", "DEMO220931", False, False, None, ""),
    ("Owusu", datetime.date(1979, 7, 8), "Tamale", "DEMO318870", False, False,
     ClearanceState.REFUSED,
     "The passport number does not match the issuing authority's records: please give the "
     "current passport's data page."),
    ("Sato", datetime.date(1971, 1, 25), "Sendai", "DEMO447120", True, False, None, ""),
)  # fmt: skip


def ministerial_clearance_load(*, conference: Conference) -> None:
    """Switch clearance on and give the members above their data and decisions, once."""
    ClearancePolicy.objects.update_or_create(
        conference=conference,
        defaults={"collects_security_data": True, "requires_clearance": True},
    )
    if SecurityRecord.objects.filter(participant__conference=conference).exists():
        return
    participants = {row.family_name: row for row in conference.participants.all()}
    for family, born, place, number, protected, armed, decision, reason in PEOPLE:
        participant = participants[family]
        record = security_data_save(
            participant=participant,
            data={
                "birth_date": born,
                "birth_place": place,
                "nationality": str(participant.nationality),
                "document_number": number,
                "issuing_country": str(participant.nationality),
                "document_expiry": conference.end_date.replace(year=conference.end_date.year + 4),
                "armed": armed,
                "protected_status": protected,
            },
            data_page=SimpleUploadedFile("data-page.pdf", SPECIMEN_PDF),
            by_label="focal point",
        )
        if decision:
            clearance_decide(
                record=record, state=decision, reason=reason, by=None, by_label="vetting authority"
            )
