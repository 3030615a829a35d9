"""What the protocol workflow follows in the core: a delegation's status (its response steps)
and focal points' changes to submitted lists (the secretariat's digest)."""

from django.dispatch import receiver
from django.utils import timezone

from delegations.events import delegation_members_changed, delegation_status_changed
from delegations.models import Delegation, DelegationStatus, Participant
from diplomacy.models import MemberChange, Step
from diplomacy.services import DIGEST_DELAY, response_record

STATUS_STEPS = {
    DelegationStatus.NOMINATED: Step.NOMINATED,
    DelegationStatus.ACCREDITED: Step.ACCREDITED,
    DelegationStatus.DECLINED: Step.DECLINED,
}


@receiver(delegation_status_changed, sender=Delegation)
def _status_changed(sender, delegation: Delegation, status: str, by, **kwargs) -> None:
    step = STATUS_STEPS.get(status)
    if step is None:
        return
    # Nomination comes from the portal; accreditation is always the organisers'.
    by_focal_point = by is None and step != Step.ACCREDITED
    response_record(delegation=delegation, step=step, by=by, by_focal_point=by_focal_point)


@receiver(delegation_members_changed, sender=Delegation)
def _members_changed(
    sender, delegation: Delegation, participant: Participant, change: str, **kwargs
) -> None:
    from diplomacy.tasks import secretariat_digest

    conference_id = delegation.conference_id
    # The first change not yet reported queues the digest; later ones ride along with it.
    waiting = MemberChange.objects.filter(
        delegation__conference_id=conference_id, digested_at__isnull=True
    ).exists()
    MemberChange.objects.create(
        delegation=delegation, kind=change, member_name=participant.full_name
    )
    if not waiting:
        # Queued in the change's transaction: a change rolled back queues nothing.
        secretariat_digest.using(run_after=timezone.now() + DIGEST_DELAY).enqueue(
            conference_id=conference_id
        )
