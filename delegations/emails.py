"""Registration e-mails: each is one message, HTML and text, from translatable templates.

They are sent by tasks (delegations/tasks.py, registration/tasks.py), never in a request.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delegations.models import Invitation, Participant, State


def email_send(
    *,
    template: str,
    subject: str,
    to: list[str],
    cc: list[str],
    context: dict,
    attachments: list[tuple[str, bytes, str]] = (),
) -> None:
    """Send one message, its text and HTML parts rendered from `template`.txt and .html."""
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


def email_invitation(*, invitation: Invitation, url: str) -> None:
    """Send the delegation's personal registration link to all its focal points."""
    delegation = invitation.delegation
    conference = delegation.conference
    email_send(
        template="delegations/emails/invitation",
        subject=_("Invitation to register: %(conference)s") % {"conference": conference},
        to=[focal_point.email for focal_point in delegation.focal_points.all()],
        cc=[],
        context={"delegation": delegation, "conference": conference, "url": url},
    )


# Sent while the e-mail announcing a participant's new state is written, with `participant`
# and `state`; a receiver returns a (filename, content, mimetype) attachment, or None.
participant_state_email_attachments = Signal()

STATE_SUBJECTS = {
    State.PENDING: gettext_lazy("Registration received: %(conference)s"),
    State.APPROVED: gettext_lazy("Registration approved: %(conference)s"),
    State.REJECTED: gettext_lazy("Registration not accepted: %(conference)s"),
    State.WITHDRAWN: gettext_lazy("Registration withdrawn: %(conference)s"),
}


def email_participant_state(*, participant: Participant, state: str, reason: str = "") -> None:
    """Tell the participant, copying the delegation's focal points, about their new state.

    Other apps may attach files (accreditation attaches the badge to an approval) through
    `participant_state_email_attachments`.
    """
    conference = participant.conference
    attachments = [
        attachment
        for _receiver, attachment in participant_state_email_attachments.send(
            sender=Participant, participant=participant, state=state
        )
        if attachment is not None
    ]
    email_send(
        template="delegations/emails/participant_state",
        subject=str(STATE_SUBJECTS[state]) % {"conference": conference},
        to=[participant.email],
        cc=[focal_point.email for focal_point in participant.delegation.focal_points.all()],
        context={
            "participant": participant,
            "conference": conference,
            "state": state,
            "reason": reason,
        },
        attachments=attachments,
    )
