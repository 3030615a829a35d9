"""The e-mails of visa support letters, to the focal points or the applicant, each in the
language they read: the letter itself, and a refusal with its reason. Organisers may reword
both (admin: E-mail texts)."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delegations.email_templates import EmailKind, email_kind_register
from delegations.emails import (
    email_send,
    email_send_written,
    email_template_for,
    focal_points_by_language,
)
from diplomacy.models import VisaLetterRequest
from diplomacy.visa_letters import mission_recipient

VISA_LETTER = "visa_letter"
VISA_REFUSED = "visa_refused"


def visa_letter_placeholders(*, visa_request: VisaLetterRequest) -> dict[str, str]:
    """The placeholders' values, in the active language."""
    return {
        "name": visa_request.participant.full_name,
        "delegation": visa_request.participant.delegation.name,
        "conference": visa_request.conference.translated_title,
        "reference": visa_request.reference,
        "mission": mission_recipient(visa_request),
        "reason": visa_request.refusal_reason,
    }


def _sample(*, conference) -> dict[str, str] | None:
    visa_request = (
        VisaLetterRequest.objects.filter(conference=conference)
        .select_related("conference", "participant__delegation")
        .first()
    )
    if visa_request is None:
        return None
    return visa_letter_placeholders(visa_request=visa_request)


def visa_email_kind_register() -> None:
    """Called from DiplomacyConfig.ready()."""
    email_kind_register(
        EmailKind(
            key=VISA_LETTER,
            label=gettext_lazy("Visa support letter (the letter is attached)"),
            placeholders={
                "name": gettext_lazy("the person's name, as in the passport"),
                "delegation": gettext_lazy("the delegation's name"),
                "conference": gettext_lazy("the conference's title"),
                "reference": gettext_lazy("the letter's reference number"),
                "mission": gettext_lazy("the mission the letter is addressed to"),
            },
            sample=_sample,
        )
    )
    email_kind_register(
        EmailKind(
            key=VISA_REFUSED,
            label=gettext_lazy("Visa support letter refused"),
            placeholders={
                "name": gettext_lazy("the person's name, as in the passport"),
                "delegation": gettext_lazy("the delegation's name"),
                "conference": gettext_lazy("the conference's title"),
                "mission": gettext_lazy("the mission the letter is addressed to"),
                "reason": gettext_lazy("the reason the organisers gave"),
            },
            sample=_sample,
        )
    )


def _recipients(visa_request: VisaLetterRequest) -> dict[str, list[str]]:
    participant = visa_request.participant
    if visa_request.by_applicant:
        return {participant.language: [participant.email]}
    return focal_points_by_language(participant.delegation)


def visa_letter_email(*, visa_request: VisaLetterRequest, content: bytes) -> None:
    """Send the letter (`content`, its PDF) to whoever asked for it."""
    _visa_email_send(
        visa_request=visa_request,
        kind=VISA_LETTER,
        attachments=[
            (f"{visa_request.reference.replace('/', '-')}.pdf", content, "application/pdf")
        ],
    )


def visa_refusal_email(*, visa_request: VisaLetterRequest) -> None:
    """Tell whoever asked that the letter is refused, and why."""
    _visa_email_send(visa_request=visa_request, kind=VISA_REFUSED, attachments=[])


def _subject(visa_request: VisaLetterRequest, kind: str) -> str:
    conference = visa_request.conference.translated_name
    if kind == VISA_LETTER:
        return _("Visa support letter %(reference)s: %(conference)s") % {
            "reference": visa_request.reference,
            "conference": conference,
        }
    return _("Visa support letter refused: %(conference)s") % {"conference": conference}


def _visa_email_send(*, visa_request: VisaLetterRequest, kind: str, attachments: list) -> None:
    """Send the e-mail of `kind` in the language each recipient reads: the organisers' own text
    if they wrote one, else the standard one (diplomacy/emails/<kind>)."""
    conference = visa_request.conference
    for language, emails in _recipients(visa_request).items():
        with translation.override(language):
            values = visa_letter_placeholders(visa_request=visa_request)
            written = email_template_for(conference=conference, kind=kind)
            if written:
                email_send_written(
                    written=written, values=values, to=emails, cc=[], attachments=attachments
                )
                continue
            email_send(
                template=f"diplomacy/emails/{kind}",
                subject=_subject(visa_request, kind),
                to=emails,
                cc=[],
                context={**values, "conference": conference},
                attachments=attachments,
            )
