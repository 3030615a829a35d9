"""The e-mail carrying a visa support letter, to the focal points or the applicant, each in the
language they read; organisers may reword it (admin: E-mail texts)."""

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


def visa_letter_placeholders(*, visa_request: VisaLetterRequest) -> dict[str, str]:
    """The placeholders' values, in the active language."""
    return {
        "name": visa_request.participant.full_name,
        "delegation": visa_request.participant.delegation.name,
        "conference": visa_request.conference.translated_title,
        "reference": visa_request.reference,
        "mission": mission_recipient(visa_request),
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


def _recipients(visa_request: VisaLetterRequest) -> dict[str, list[str]]:
    participant = visa_request.participant
    if visa_request.by_applicant:
        return {participant.language: [participant.email]}
    return focal_points_by_language(participant.delegation)


def visa_letter_email(*, visa_request: VisaLetterRequest, content: bytes) -> None:
    """Send the letter (`content`, its PDF) to whoever asked for it, in the language each reads:
    the organisers' own text of the e-mail if they wrote one, else the standard one."""
    conference = visa_request.conference
    attachment = (f"{visa_request.reference.replace('/', '-')}.pdf", content, "application/pdf")
    for language, emails in _recipients(visa_request).items():
        with translation.override(language):
            written = email_template_for(conference=conference, kind=VISA_LETTER)
            if written:
                email_send_written(
                    written=written,
                    values=visa_letter_placeholders(visa_request=visa_request),
                    to=emails,
                    cc=[],
                    attachments=[attachment],
                )
                continue
            email_send(
                template="diplomacy/emails/visa_letter",
                subject=_("Visa support letter %(reference)s: %(conference)s")
                % {"reference": visa_request.reference, "conference": conference.translated_name},
                to=emails,
                cc=[],
                context={
                    "conference": conference,
                    "name": visa_request.participant.full_name,
                    "reference": visa_request.reference,
                    "mission": mission_recipient(visa_request),
                },
                attachments=[attachment],
            )
