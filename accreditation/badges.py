"""PDF badges: one per page for e-mail, or four to an A4 sheet with cut marks for printing."""

import base64
import mimetypes
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accreditation.models import CategoryColour
from accreditation.pdf import pdf_render
from accreditation.qr import badge_qr_data_uri
from conference.models import Conference
from delegations.models import Participant

BADGES_PER_SHEET = 4


def badge_number(participant: Participant) -> str:
    """The number printed on the badge; door staff can type it to find the participant."""
    return f"{participant.pk:06d}"


def photo_data_uri(participant: Participant) -> str:
    if not participant.photo:
        return ""
    with participant.photo.open("rb") as photo:
        encoded = base64.b64encode(photo.read()).decode("ascii")
    content_type = mimetypes.guess_type(participant.photo.name)[0] or "image/jpeg"
    return f"data:{content_type};base64,{encoded}"


def band_colours_css(conference: Conference) -> str:
    # Colours are validated as #RRGGBB by a database constraint, so they are safe in CSS.
    colours = CategoryColour.objects.as_mapping(conference)
    return "".join(
        f".band-{category} {{ background: {colour}; }}" for category, colour in colours.items()
    )


def badge_context(participants: Iterable[Participant]) -> list[dict]:
    return [
        {
            "participant": participant,
            "number": badge_number(participant),
            "qr": badge_qr_data_uri(participant=participant),
            "photo": photo_data_uri(participant),
        }
        for participant in participants
    ]


def participant_badge_pdf(*, participant: Participant) -> bytes:
    """One badge on a page of its own (for the approval e-mail), in the participant's language;
    does not count as printed."""
    conference = participant.conference
    with translation.override(participant.language):
        return pdf_render(
            template="accreditation/badges_pdf.html",
            context={
                "conference": conference,
                "sheets": [badge_context([participant])],
                "layout": "single",
            },
            stylesheet="accreditation/badges_pdf.css",
            extra_css=band_colours_css(conference),
        )


def badges_print(*, conference: Conference, participants: QuerySet[Participant]) -> bytes:
    """A4 sheets of badges for the approved among `participants`, in protocol order, in the
    active language (the organiser's).

    Records when each was printed; refuses a selection with nobody approved.
    """
    approved = list(
        participants.filter(conference=conference)
        .approved()
        .select_related("delegation")
        .in_protocol_order()
    )
    if not approved:
        raise ValidationError(_("Badges are printed for approved participants only."))
    badges = badge_context(approved)
    sheets = [badges[i : i + BADGES_PER_SHEET] for i in range(0, len(badges), BADGES_PER_SHEET)]
    pdf = pdf_render(
        template="accreditation/badges_pdf.html",
        context={"conference": conference, "sheets": sheets, "layout": "sheet"},
        stylesheet="accreditation/badges_pdf.css",
        extra_css=band_colours_css(conference),
    )
    Participant.objects.filter(pk__in=[p.pk for p in approved]).update(
        badge_printed_at=timezone.now()
    )
    return pdf
