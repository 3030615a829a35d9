"""Invitations: a delegation's personal registration link, sent, re-sent and revoked."""

import hashlib
import secrets
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from delegations.emails import email_invitation, email_on_commit, focal_points_by_language
from delegations.models import Delegation, Invitation


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_send(
    *,
    delegation: Delegation,
    portal_url: Callable[[str], str],
    by: AbstractBaseUser | None = None,
) -> Invitation:
    """Issue a new token (the previous link stops working) and e-mail it to the focal points.

    `portal_url` turns a token into the absolute link to the portal in the active language;
    each focal point gets it in theirs. The e-mail leaves after the commit.
    """
    if not delegation.focal_points.exists():
        raise ValidationError(
            _("%(delegation)s has no focal point to invite.") % {"delegation": delegation},
            code="no_focal_point",
        )
    token = secrets.token_urlsafe(32)
    invitation, _created = Invitation.objects.select_for_update().get_or_create(
        delegation=delegation, defaults={"token_hash": token_hash(token)}
    )
    invitation.token_hash = token_hash(token)
    invitation.sent_at = timezone.now()
    invitation.sent_by = by if by and by.is_authenticated else None
    invitation.send_count += 1
    invitation.revoked_at = None
    invitation.save()
    portal_urls = {}
    for language in focal_points_by_language(delegation):
        with translation.override(language):
            portal_urls[language] = portal_url(token)
    email_on_commit(email_invitation, invitation=invitation, portal_urls=portal_urls)
    return invitation


def invitation_revoke(*, delegation: Delegation) -> bool:
    """Make the delegation's link stop working; True if there was a live link to revoke."""
    return bool(
        Invitation.objects.filter(delegation=delegation, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )
