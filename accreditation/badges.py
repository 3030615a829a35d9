"""PDF badges: one per page for e-mail, or four to an A4 sheet with cut marks for printing."""

import base64
import mimetypes
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accreditation.models import CategoryColour, Zone
from accreditation.qr import badge_qr_data_uri
from conference.models import Conference
from conference.pdf import pdf_join, pdf_layout, pdf_render
from delegations.badge_checks import badge_holds
from delegations.models import Participant, RepresentationLevel, Role

BADGES_PER_SHEET = 4
# The badge level printed for a Head of Delegation by the level of representation: the
# highest open the most (security's protocol for Heads of State and Government differs).
VIP_LEVELS = {
    RepresentationLevel.HEAD_OF_STATE: 1,
    RepresentationLevel.VICE_PRESIDENT: 1,
    RepresentationLevel.HEAD_OF_GOVERNMENT: 1,
    RepresentationLevel.DEPUTY_PRIME_MINISTER: 2,
    RepresentationLevel.MINISTER: 2,
}
# Sheets laid out at a time when printing many: the document's progress moves by this much.
SHEETS_PER_STEP = 5


def badge_number(participant: Participant) -> str:
    """The number printed on the badge; door staff can type it to find the participant."""
    return f"{participant.pk:06d}"


def badge_level(participant: Participant) -> str:
    """ "VIP 1" or "VIP 2" for a Head of Delegation of ministerial rank or above, else empty."""
    if participant.role != Role.HEAD:
        return ""
    level = VIP_LEVELS.get(participant.delegation.representation_level)
    return f"VIP {level}" if level else ""


def photo_data_uri(participant: Participant) -> str:
    if not participant.photo:
        return ""
    with participant.photo.open("rb") as photo:
        encoded = base64.b64encode(photo.read()).decode("ascii")
    content_type = mimetypes.guess_type(participant.photo.name)[0] or "image/jpeg"
    return f"data:{content_type};base64,{encoded}"


def band_colours_css(conference: Conference, zones: Iterable[Zone] = ()) -> str:
    # Colours are validated as #RRGGBB by database constraints, so they are safe in CSS.
    colours = CategoryColour.objects.as_mapping(conference)
    return "".join(
        f".band-{category} {{ background: {colour}; }}" for category, colour in colours.items()
    ) + "".join(f".zone-{zone.pk} {{ background: {zone.colour}; }}" for zone in zones)


def badge_context(participants: Iterable[Participant], zones: list[Zone]) -> list[dict]:
    """What each badge prints; `zones` are the conference's, of which each badge shows those
    the participant may enter."""
    return [
        {
            "participant": participant,
            "number": badge_number(participant),
            "qr": badge_qr_data_uri(participant=participant),
            "photo": photo_data_uri(participant),
            "zones": [zone for zone in zones if zone.admits(participant)],
            "level": badge_level(participant),
        }
        for participant in participants
    ]


def participant_badge_pdf(*, participant: Participant) -> bytes:
    """One badge on a page of its own (for the approval e-mail), in the participant's language;
    does not count as printed."""
    conference = participant.conference
    zones = list(conference.zones.all())
    with translation.override(participant.language):
        return pdf_render(
            template="accreditation/badges_pdf.html",
            context={
                "conference": conference,
                "sheets": [badge_context([participant], zones)],
                "layout": "single",
            },
            stylesheet="accreditation/badges_pdf.css",
            extra_css=band_colours_css(conference, zones),
        )


def badges_for_printing(
    *, conference: Conference, participants: QuerySet[Participant]
) -> list[Participant]:
    """The approved among `participants` whose badge nothing holds (security clearance, when
    the conference requires it: delegations.badge_checks), in protocol order; refuses a
    selection with nobody left."""
    approved = list(
        participants.filter(conference=conference)
        .approved()
        .select_related("delegation")
        .in_protocol_order()
    )
    if not approved:
        raise ValidationError(
            _("Badges are printed for approved participants only."), code="none_approved"
        )
    held = badge_holds(approved)
    printable = [participant for participant in approved if participant.pk not in held]
    if not printable:
        raise ValidationError(
            _("No badge can be printed yet for the selected participants: %(reasons)s.")
            % {"reasons": "; ".join(sorted(set(held.values())))},
            code="held",
        )
    return printable


def badge_sheets_pdf(
    *,
    conference: Conference,
    participants: list[Participant],
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> bytes:
    """A4 sheets of the badges of `participants`, four to a sheet, in the order given.

    Laid out SHEETS_PER_STEP sheets at a time, calling `progress(badges done, total)` after
    each step; does not mark the badges printed (badges_mark_printed does).
    """
    zones = list(conference.zones.all())
    extra_css = band_colours_css(conference, zones)
    step = BADGES_PER_SHEET * SHEETS_PER_STEP
    layouts = []
    for start in range(0, len(participants), step):
        badges = badge_context(participants[start : start + step], zones)
        sheets = [badges[i : i + BADGES_PER_SHEET] for i in range(0, len(badges), BADGES_PER_SHEET)]
        layouts.append(
            pdf_layout(
                template="accreditation/badges_pdf.html",
                context={"conference": conference, "sheets": sheets, "layout": "sheet"},
                stylesheet="accreditation/badges_pdf.css",
                extra_css=extra_css,
            )
        )
        progress(start + len(badges), len(participants))
    return pdf_join(layouts)


def badges_mark_printed(*, participants: list[Participant]) -> None:
    """Record that the badges of `participants` were printed now."""
    Participant.objects.filter(pk__in=[p.pk for p in participants]).update(
        badge_printed_at=timezone.now()
    )
