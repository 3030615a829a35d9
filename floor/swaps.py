"""Delegations exchange places on a list of speakers by agreement, as at the UN: one focal point
asks, from its portal, with the reason; the other's focal point accepts or declines from its
own. The exchange is made when accepted and logged on both inscriptions with the request, so
the Secretariat sees who agreed to what (the list's page shows every request and its answer).

Each service locks the list's row first, as floor/speakers.py does, so an answer and a
withdrawal, a move or the chair calling the next speaker happen one after the other.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from delegations.models import Delegation
from floor.models import Inscription, InscriptionStatus, SwapRequest, SwapStatus
from floor.speakers import inscriptions_swap, is_closed, speakers_list_locked


def _waiting(inscription: Inscription) -> bool:
    return (
        Inscription.objects.filter(pk=inscription.pk, status=InscriptionStatus.WAITING)
        .only("pk")
        .exists()
    )


def swap_request(
    *, proposer: Inscription, partner: Inscription, delegation: Delegation, reason: str
) -> SwapRequest:
    """`delegation` (the focal point's own, inscribed as `proposer`) asks `partner`'s delegation
    to exchange places; both must still be waiting on the same open list. Raises
    ValidationError, with the field at fault, and writes nothing, when refused."""
    if proposer.delegation_id != delegation.pk:
        raise ValidationError(_("Your delegation is not inscribed on this list."))
    if partner.speakers_list_id != proposer.speakers_list_id or partner.pk == proposer.pk:
        raise ValidationError({"partner": _("Choose another delegation on the same list.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the exchange.")})
    with transaction.atomic():
        speakers_list = speakers_list_locked(proposer.speakers_list)
        if is_closed(speakers_list):
            raise ValidationError(_("The list of speakers is closed."))
        if not _waiting(proposer):
            raise ValidationError(_("Only a statement still waiting can exchange places."))
        if not _waiting(partner):
            raise ValidationError({"partner": _("That delegation's statement is not waiting.")})
        try:
            with transaction.atomic():
                return SwapRequest.objects.create(
                    proposer=proposer, partner=partner, reason=reason.strip()
                )
        except IntegrityError as error:
            raise ValidationError(
                _("Your delegation already awaits an answer: cancel that request first.")
            ) from error


def _pending(swap: SwapRequest) -> SwapRequest:
    """The request again, locked, after its list; refused unless still awaiting an answer."""
    speakers_list_locked(swap.proposer.speakers_list)
    swap = (
        SwapRequest.objects.select_for_update()
        .select_related("proposer__speakers_list", "partner")
        .get(pk=swap.pk)
    )
    if swap.status != SwapStatus.PENDING:
        raise ValidationError(_("This request has already been answered."))
    return swap


def _answered(swap: SwapRequest, status: SwapStatus) -> None:
    swap.status = status
    swap.answered_at = timezone.now()
    swap.save(update_fields=["status", "answered_at"])


def swap_accept(*, swap: SwapRequest, delegation: Delegation) -> None:
    """The partner's focal point agrees: the two delegations exchange places, if the list is
    still open and both still wait to speak."""
    if swap.partner.delegation_id != delegation.pk:
        raise ValidationError(_("Only the delegation asked may answer."))
    with transaction.atomic():
        swap = _pending(swap)
        if is_closed(swap.proposer.speakers_list):
            raise ValidationError(_("The list of speakers is closed."))
        inscriptions_swap(
            first=swap.proposer,
            second=swap.partner,
            reason=swap.reason,
            by=None,
            swap_request=swap,
        )
        _answered(swap, SwapStatus.ACCEPTED)


def swap_decline(*, swap: SwapRequest, delegation: Delegation) -> None:
    """The partner's focal point says no; nothing moves."""
    if swap.partner.delegation_id != delegation.pk:
        raise ValidationError(_("Only the delegation asked may answer."))
    with transaction.atomic():
        _answered(_pending(swap), SwapStatus.DECLINED)


def swap_cancel(*, swap: SwapRequest, delegation: Delegation) -> None:
    """The delegation that asked takes its request back before the answer."""
    if swap.proposer.delegation_id != delegation.pk:
        raise ValidationError(_("Only the delegation that asked may cancel."))
    with transaction.atomic():
        _answered(_pending(swap), SwapStatus.CANCELLED)
