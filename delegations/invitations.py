"""Invitations: a delegation's personal registration link, sent, re-sent and revoked."""

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from delegations.models import Delegation, Invitation, token_hash
from delegations.tasks import invitation_email


@transaction.atomic
def invitation_send(
    *,
    delegation: Delegation,
    site_url: str,
    by: AbstractBaseUser | None = None,
) -> Invitation:
    """Record the sending and queue the e-mail to the focal points; the old link stops now.

    The e-mail task makes the new link, under `site_url` (the site's root, e.g.
    https://plenary.example.org/), so it is never stored.
    """
    if not delegation.focal_points.exists():
        raise ValidationError(
            _("%(delegation)s has no focal point to invite.") % {"delegation": delegation},
            code="no_focal_point",
        )
    invitation, _created = Invitation.objects.select_for_update().get_or_create(
        delegation=delegation, defaults={"token_hash": token_hash(secrets.token_urlsafe(32))}
    )
    # A token nobody is given: the old link stops working at once, the new one comes by e-mail.
    invitation.link_renew()
    invitation.sent_at = timezone.now()
    invitation.sent_by = by if by and by.is_authenticated else None
    invitation.send_count += 1
    invitation.revoked_at = None
    # A new link: its opening and use are those of the new one.
    invitation.opened_at = invitation.last_used_at = None
    invitation.save()
    invitation_email.enqueue(invitation_id=invitation.pk, site_url=site_url)
    return invitation


@transaction.atomic
def invitation_link_issue(
    *, delegation: Delegation, by: AbstractBaseUser | None = None
) -> tuple[Invitation, str]:
    """Give the delegation a new portal link and return (invitation, token): the old link stops
    now. For whoever hands the link over itself (a note verbale, an organiser copying it):
    only the token's hash is kept, so the token is shown once, to the caller."""
    invitation, _created = Invitation.objects.select_for_update().get_or_create(
        delegation=delegation, defaults={"token_hash": token_hash(secrets.token_urlsafe(32))}
    )
    token = invitation.link_renew()
    invitation.sent_at = timezone.now()
    invitation.sent_by = by if by and by.is_authenticated else None
    invitation.send_count += 1
    invitation.revoked_at = None
    invitation.opened_at = invitation.last_used_at = None
    invitation.save()
    return invitation, token


def invitation_revoke(*, delegation: Delegation) -> bool:
    """Make the delegation's link stop working; True if there was a live link to revoke."""
    return bool(
        Invitation.objects.filter(delegation=delegation, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )
