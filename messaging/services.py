"""Messages organisers write to many people: one row per message, one per recipient, sent by a
task (messaging/tasks.py), never in the request."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conference.models import Conference
from delegations.email_templates import EmailKind, placeholders_check
from delegations.models import Delegation, FocalPoint, Participant
from messaging.models import BulkMessage, Recipient
from messaging.tasks import bulk_message_send

BULK_MESSAGE = EmailKind(
    key="bulk",
    label=gettext_lazy("Message to many"),
    placeholders={
        "name": gettext_lazy("the recipient's name"),
        "conference": gettext_lazy("the conference's title"),
    },
)


def participant_recipients(participants: Iterable[Participant]) -> list[tuple[str, str, str]]:
    """(name, e-mail, language) of each participant."""
    return [
        (participant.display_name, participant.email, participant.language)
        for participant in participants
    ]


def focal_point_recipients(delegations: Iterable[Delegation]) -> list[tuple[str, str, str]]:
    """(name, e-mail, language) of every focal point of these delegations."""
    focal_points = FocalPoint.objects.filter(delegation__in=list(delegations)).select_related(
        "delegation__conference"
    )
    return [(point.name, point.email, point.language) for point in focal_points]


def one_conference(rows: Iterable[Participant | Delegation]) -> Conference:
    """The conference all `rows` belong to; a message is written within one conference."""
    conferences = {row.conference_id: row.conference for row in rows}
    if len(conferences) != 1:
        raise ValidationError(
            _("Select people of one conference: a message is written within one conference."),
            code="conferences",
        )
    return next(iter(conferences.values()))


@transaction.atomic
def bulk_message_create(
    *,
    conference: Conference,
    audience: str,
    subject: str,
    body: str,
    by,
    recipients: list[tuple[str, str, str]],
) -> BulkMessage:
    """Record the message and its recipients (each address once) and queue its sending."""
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        try:
            placeholders_check(text, kind=BULK_MESSAGE)
        except ValidationError as error:
            errors[name] = error.messages
    if not recipients:
        errors["__all__"] = [_("Nobody to write to: none of them has an address.")]
    if errors:
        raise ValidationError(errors)
    message = BulkMessage(
        conference=conference, audience=audience, subject=subject, body=body, created_by=by
    )
    message.full_clean()
    message.save()
    unique = {email.lower(): (name, email, language) for name, email, language in recipients}
    Recipient.objects.bulk_create(
        Recipient(message=message, name=name[:300], email=email, language=language)
        for name, email, language in unique.values()
    )
    bulk_message_send.enqueue(message_id=message.pk)
    return message
