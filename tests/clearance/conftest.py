import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clearance.models import ClearancePolicy
from tests.factories import InvitationFactory, ParticipantFactory

TOKEN = "clearance-token"
PASSPORT = "P4366918"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def scan(content: bytes = PDF, name: str = "passport.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def valid_data(**changes) -> dict:
    """A plausible passport holder's data, valid well after the factories' conferences."""
    return {
        "birth_date": datetime.date(1975, 3, 14),
        "birth_place": "Kumasi",
        "nationality": "GH",
        "document_number": PASSPORT,
        "issuing_country": "GH",
        "document_expiry": datetime.date(2031, 6, 30),
        "armed": False,
        "protected_status": False,
        **changes,
    }


@pytest.fixture
def invitation():
    """A delegation's link to an open conference that collects data and requires clearance."""
    invitation = InvitationFactory(token=TOKEN)
    ClearancePolicy.objects.create(
        conference=invitation.delegation.conference,
        collects_security_data=True,
        requires_clearance=True,
    )
    return invitation


@pytest.fixture
def conference(invitation):
    return invitation.delegation.conference


@pytest.fixture
def member(invitation):
    return ParticipantFactory(delegation=invitation.delegation)
