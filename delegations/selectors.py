"""Reads for the registration pages."""

from django.db.models import QuerySet

from delegations.models import Delegation, Invitation, Participant, token_hash


def invitation_for_token(*, token: str) -> Invitation | None:
    """The invitation whose link carries `token`, revoked or not, with its conference."""
    return Invitation.objects.for_token_hash(token_hash(token)).first()


def delegation_members(*, delegation: Delegation) -> QuerySet[Participant]:
    """Everyone the delegation has registered, in protocol order within the delegation."""
    return delegation.participants.in_protocol_order()
