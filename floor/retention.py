"""The floor's share of retention (conference.retention): the PDFs made for staff (lists of
speakers, place cards), which hold speakers' names. The lists themselves stay: who spoke, in
which order, is part of the official record of the meeting."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.retention import PersonalData, personal_data_held
from floor.models import FloorDocument


@receiver(personal_data_held, sender=Conference)
def _floor_documents(
    sender, *, conference: Conference, purge: bool, **kwargs
) -> list[PersonalData]:
    documents = FloorDocument.objects.filter(conference=conference)
    held = [PersonalData(_("PDFs of the floor made for staff"), documents.exclude(file="").count())]
    if purge:
        # Their files go with them, on commit (delegations.task_documents).
        documents.delete()
    return held
