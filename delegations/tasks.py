"""The delegations' work off the request path: e-mails about invitations and registrations.

The services enqueue these in the transaction of the change they announce: a change that
rolls back was never queued, and a committed one is sent by the worker (`manage.py db_worker`)
however long the mail server or the badge takes.
"""

from urllib.parse import urljoin

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from conference.task_retries import retrying_task
from delegations.email_templates import email_template_sample
from delegations.emails import (
    email_invitation,
    email_participant_state,
    email_send_written,
    focal_points_by_language,
)
from delegations.models import EmailTemplate, Invitation, Participant, ParticipantStateChange


@retrying_task(queue_name="email")
def participant_state_email(
    *, participant_id: int, state: str, change_id: int | None = None
) -> None:
    """Tell the participant, copying the focal points, that their registration is now `state`.

    The reason comes from the logged change (`change_id`), so no personal text waits in the
    queue; a registration just received has no change logged and no reason.
    """
    participant = (
        Participant.objects.select_related("conference", "delegation")
        .filter(pk=participant_id)
        .first()
    )
    if participant is None:
        return  # Deleted meanwhile: nobody to tell.
    reason = ParticipantStateChange.objects.get(pk=change_id).reason if change_id else ""
    email_participant_state(participant=participant, state=state, reason=reason)


@retrying_task(queue_name="email")
def invitation_email(*, invitation_id: int, site_url: str) -> None:
    """Give the invitation a new link and e-mail it to the delegation's focal points, each
    in the language they read, with the link to the portal in that language.

    The link is made here, not in the request, so it is never stored anywhere, the queue
    included; `site_url` is the site's root (https://plenary.example.org/). Nothing is sent
    for an invitation revoked or deleted since.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("delegation__conference")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.is_revoked():
            return
        token = invitation.link_renew()
        invitation.save(update_fields=["token_hash"])
        portal_urls = {}
        for language in focal_points_by_language(invitation.delegation):
            with translation.override(language):
                path = reverse("registration:portal", kwargs={"token": token})
            portal_urls[language] = urljoin(site_url, path)
        # One transaction: the new hash is kept only with the e-mails carrying its link (with
        # EMAIL_QUEUE on, the queued messages are rows written in this same transaction).
        email_invitation(invitation=invitation, portal_urls=portal_urls)


@retrying_task(queue_name="email")
def email_template_test_email(*, email_template_id: int, user_id: int) -> None:
    """Send an organiser their own text, filled in for a real recipient, to their address."""
    written = (
        EmailTemplate.objects.select_related("conference").filter(pk=email_template_id).first()
    )
    user = get_user_model().objects.filter(pk=user_id).first()
    if written is None or user is None or not user.email:
        return
    with translation.override(written.language):
        values = email_template_sample(written)
        if values is not None:
            email_send_written(written=written, values=values, to=[user.email], cc=[])
