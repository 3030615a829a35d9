"""Badge QR codes: they hold only the participant's badge token, signed; nothing personal."""

import segno
from django.core import signing

from delegations.models import Participant

SIGNER = signing.Signer(salt="plenary.badge")


def badge_token_sign(*, participant: Participant) -> str:
    return SIGNER.sign(participant.badge_token)


def badge_token_unsign(*, value: str) -> str | None:
    """The badge token inside a scanned value, or None if it was not signed by us."""
    try:
        return SIGNER.unsign(value.strip())
    except signing.BadSignature:
        return None


def badge_qr_data_uri(*, participant: Participant) -> str:
    """The QR code as an SVG data URI, ready for an <img> in a badge."""
    qr = segno.make(badge_token_sign(participant=participant), error="m")
    return qr.svg_data_uri(scale=4, border=4)
