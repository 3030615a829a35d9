"""An application's photo goes with the application, whichever way it is deleted."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from delegations.storage import file_delete_on_commit
from registration.models import Application


@receiver(post_delete, sender=Application)
def _application_deleted(sender, instance: Application, **kwargs) -> None:
    file_delete_on_commit(storage=instance.photo.storage, name=instance.photo.name)
