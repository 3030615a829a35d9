"""Accreditation's share of retention (conference.retention): the documents made for staff
(badge sheets, Lists of Participants), which hold participants' names and details."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from accreditation.models import Document
from conference.models import Conference
from conference.retention import PersonalData, personal_data_held


@receiver(personal_data_held, sender=Conference)
def _documents(sender, *, conference: Conference, purge: bool, **kwargs) -> list[PersonalData]:
    documents = Document.objects.filter(conference=conference)
    held = [PersonalData(_("documents made for staff"), documents.count())]
    if purge:
        # Their files go with them, on commit (accreditation.signals).
        documents.delete()
    return held
