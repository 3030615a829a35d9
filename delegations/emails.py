"""Registration e-mails: each is one message, HTML and text, from translatable templates, in
the language its recipients read (their preferred language, else the conference's main one).

They are sent by tasks (delegations/tasks.py, registration/tasks.py), never in a request.
"""

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delegations.email_templates import (
    INVITATION,
    PARTICIPANT_STATE_KINDS,
    invitation_placeholders,
    participant_state_placeholders,
    placeholders_fill,
)
from delegations.models import Delegation, EmailTemplate, Invitation, Participant, State


def email_send(
    *,
    template: str,
    subject: str,
    to: list[str],
    cc: list[str],
    context: dict,
    attachments: list[tuple[str, bytes, str]] = (),
) -> None:
    """Send one message, its text and HTML parts rendered from `template`.txt and .html, in the
    active language (callers activate the recipients' one)."""
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject.replace("\n", " "),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        cc=cc,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def email_template_for(*, conference, kind: str) -> EmailTemplate | None:
    """The conference's own text of this e-mail in the active language, if it has one."""
    return EmailTemplate.objects.filter(
        conference=conference, kind=kind, language=translation.get_language()
    ).first()


def email_send_written(
    *,
    written,
    values: dict[str, str],
    to: list[str],
    cc: list[str],
    attachments: list[tuple[str, bytes, str]] = (),
) -> None:
    """Send an organiser's own text (`written`: an EmailTemplate, or anything with its
    `conference`, `subject` and `body`), its placeholders filled with `values`; the HTML part
    is that text escaped, its links made clickable, in the e-mails' layout."""
    body = placeholders_fill(written.body, values)
    message = EmailMultiAlternatives(
        subject=placeholders_fill(written.subject, values).replace("\n", " "),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        cc=cc,
    )
    html = render_to_string(
        "delegations/emails/written.html", {"conference": written.conference, "body": body}
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def focal_points_by_language(delegation: Delegation) -> dict[str, list[str]]:
    """The delegation's focal points' addresses, grouped by the language they read."""
    grouped = defaultdict(list)
    for focal_point in delegation.focal_points.select_related("delegation__conference"):
        grouped[focal_point.language].append(focal_point.email)
    return dict(grouped)


def email_invitation(*, invitation: Invitation, portal_urls: dict[str, str]) -> None:
    """Send the delegation's personal registration link to all its focal points: one message
    per language they read, with the link to the portal in that language (`portal_urls`)."""
    delegation = invitation.delegation
    conference = delegation.conference
    for language, emails in focal_points_by_language(delegation).items():
        with translation.override(language):
            written = email_template_for(conference=conference, kind=INVITATION)
            if written:
                email_send_written(
                    written=written,
                    values=invitation_placeholders(
                        delegation=delegation, url=portal_urls[language]
                    ),
                    to=emails,
                    cc=[],
                )
                continue
            email_send(
                template="delegations/emails/invitation",
                subject=_("Invitation to register: %(conference)s")
                % {"conference": conference.translated_name},
                to=emails,
                cc=[],
                context={
                    "delegation": delegation,
                    "conference": conference,
                    "url": portal_urls[language],
                },
            )


# Sent while the e-mail announcing a participant's new state is written, with `participant`
# and `state`, in the participant's language; a receiver returns a (filename, content,
# mimetype) attachment, or None.
participant_state_email_attachments = Signal()

STATE_SUBJECTS = {
    State.PENDING: gettext_lazy("Registration received: %(conference)s"),
    State.APPROVED: gettext_lazy("Registration approved: %(conference)s"),
    State.REJECTED: gettext_lazy("Registration not accepted: %(conference)s"),
    State.WITHDRAWN: gettext_lazy("Registration withdrawn: %(conference)s"),
}


def email_participant_state(*, participant: Participant, state: str, reason: str = "") -> None:
    """Tell the participant, in their language, about their new state, copying the delegation's
    focal points who read the same language; the others get a copy in theirs.

    Other apps may attach files (accreditation attaches the badge to an approval) through
    `participant_state_email_attachments`; they are made in the participant's language.
    """
    conference = participant.conference
    context = {"participant": participant, "conference": conference, "state": state}
    focal_points = focal_points_by_language(participant.delegation)
    with translation.override(participant.language):
        attachments = [
            attachment
            for _receiver, attachment in participant_state_email_attachments.send(
                sender=Participant, participant=participant, state=state
            )
            if attachment is not None
        ]
    recipients = [
        (participant.language, [participant.email], focal_points.pop(participant.language, [])),
        *((language, emails, []) for language, emails in focal_points.items()),
    ]
    for language, to, cc in recipients:
        with translation.override(language):
            written = email_template_for(conference=conference, kind=PARTICIPANT_STATE_KINDS[state])
            if written:
                email_send_written(
                    written=written,
                    values=participant_state_placeholders(participant=participant, reason=reason),
                    to=to,
                    cc=cc,
                    attachments=attachments,
                )
                continue
            email_send(
                template="delegations/emails/participant_state",
                subject=str(STATE_SUBJECTS[state]) % {"conference": conference.translated_name},
                to=to,
                cc=cc,
                context={**context, "reason": reason},
                attachments=attachments,
            )
