"""Delete a row's private files with the row, whichever way it goes (portal, admin, cascade).

Signals, not services, because rows are also deleted by the admin and by cascades; the only
thing done here is removing files nothing points to any more, no business rule.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from delegations.models import Delegation, Participant
from delegations.storage import file_delete_on_commit


@receiver(post_delete, sender=Participant)
def _participant_deleted(sender, instance: Participant, **kwargs) -> None:
    file_delete_on_commit(storage=instance.photo.storage, name=instance.photo.name)


@receiver(post_delete, sender=Delegation)
def _delegation_deleted(sender, instance: Delegation, **kwargs) -> None:
    letter = instance.nomination_letter
    file_delete_on_commit(storage=letter.storage, name=letter.name)
