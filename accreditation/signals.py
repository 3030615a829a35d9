"""What accreditation adds to the core's events: the badge on the approval e-mail, unless a
feature holds it (delegations.badge_checks); the public List of Participants made again when
what it lists changes, and deleted with its conference.

Signals for the list, not services, because organisers change delegations and participants
in the admin too; all that is done here is queueing a task or deleting files, no business rule.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accreditation.badges import participant_badge_pdf
from accreditation.public_list import public_list_after_change, public_list_files_delete
from conference.models import Conference
from delegations.badge_checks import badge_holds
from delegations.emails import participant_state_email_attachments
from delegations.models import Delegation, Participant, State


@receiver(participant_state_email_attachments, sender=Participant)
def _badge_for_approval(
    sender, participant: Participant, state: str, **kwargs
) -> tuple[str, bytes, str] | None:
    if state != State.APPROVED or badge_holds([participant]):
        # A badge held (e.g. until security clearance) is sent once nothing holds it.
        return None
    badge = participant_badge_pdf(participant=participant)
    return f"badge-{participant.pk:06d}.pdf", badge, "application/pdf"


@receiver([post_save, post_delete], sender=Participant)
@receiver([post_save, post_delete], sender=Delegation)
def _public_list_changed(sender, instance, **kwargs) -> None:
    # What the public List of Participants' version is built from (the rows' updated_at and
    # counts): its new file is made by a task, not on a visitor's request.
    public_list_after_change(conference_id=instance.conference_id)


@receiver(post_save, sender=Conference)
def _public_list_header_changed(sender, instance: Conference, **kwargs) -> None:
    public_list_after_change(conference_id=instance.pk)


@receiver(post_delete, sender=Conference)
def _public_list_files_deleted(sender, instance: Conference, **kwargs) -> None:
    public_list_files_delete(conference_id=instance.pk)
