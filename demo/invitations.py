"""Invitations for a few delegations of the reference meeting, with links load_demo prints.

The database keeps only a hash of an invitation's token, so a link cannot be read back. The
demo's tokens are therefore derived from SECRET_KEY and the delegation: an install prints the
same links on every run, and nobody without its key can work them out.
"""

import base64

from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import salted_hmac

from conference.models import Conference
from delegations.models import Delegation, Invitation, token_hash
from demo import programme

# The co-hosts, the host of the Ministerial and a UN department, all accredited; Ecuador, which
# submitted its list (Head and members still pending); Brazil, which has not submitted yet.
INVITED = ("PK", "JP", "GH", programme.DPO, "EC", "BR")
SALT = "demo.invitations"


def demo_invitation_token(*, conference: Conference, delegation: Delegation) -> str:
    """The token of the delegation's demo link. Demo data only: real invitations are random."""
    key = f"{conference.slug}:{delegation.country.code or delegation.organisation_name}"
    digest = salted_hmac(SALT, key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def invitations_load(*, conference: Conference) -> None:
    """Invite the INVITED delegations, as if the invitations had left when registration opened.

    A rerun restores a link that an organiser re-sent or revoked meanwhile, so that the
    printed links always work; other delegations' invitations are left alone.
    """
    for delegation in _invited_delegations(conference):
        Invitation.objects.update_or_create(
            delegation=delegation,
            defaults={
                "token_hash": token_hash(
                    demo_invitation_token(conference=conference, delegation=delegation)
                ),
                "sent_at": conference.registration_opens_at,
                "sent_by": None,
                "send_count": 1,
                "revoked_at": None,
            },
        )


def demo_portal_paths(*, conference: Conference) -> list[tuple[Delegation, str]]:
    """Each invited delegation with the path of its focal points' portal."""
    return [
        (
            delegation,
            reverse(
                "registration:portal",
                kwargs={
                    "token": demo_invitation_token(conference=conference, delegation=delegation)
                },
            ),
        )
        for delegation in _invited_delegations(conference)
    ]


def _invited_delegations(conference: Conference) -> list[Delegation]:
    """The INVITED delegations, in that order."""
    delegations = {
        delegation.country.code or delegation.organisation_name: delegation
        for delegation in conference.delegations.filter(
            Q(country__in=INVITED) | Q(organisation_name__in=INVITED)
        )
    }
    return [delegations[key] for key in INVITED]
