"""What accreditation adds to the core's events: the badge on the approval e-mail, unless a
feature holds it (delegations.badge_checks)."""

from django.dispatch import receiver

from accreditation.badges import participant_badge_pdf
from delegations.badge_checks import badge_holds
from delegations.emails import participant_state_email_attachments
from delegations.models import Participant, State


@receiver(participant_state_email_attachments, sender=Participant)
def _badge_for_approval(
    sender, participant: Participant, state: str, **kwargs
) -> tuple[str, bytes, str] | None:
    if state != State.APPROVED or badge_holds([participant]):
        # A badge held (e.g. until security clearance) is sent once nothing holds it.
        return None
    badge = participant_badge_pdf(participant=participant)
    return f"badge-{participant.pk:06d}.pdf", badge, "application/pdf"
