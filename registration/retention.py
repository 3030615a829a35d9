"""Registration's share of retention (conference.retention): individual applications, with
their details and photos."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.retention import PersonalData, personal_data_held
from registration.models import Application


@receiver(personal_data_held, sender=Conference)
def _applications(sender, *, conference: Conference, purge: bool, **kwargs) -> list[PersonalData]:
    applications = Application.objects.filter(conference=conference)
    held = [PersonalData(_("individual applications"), applications.count())]
    if purge:
        # Their photos go with them, on commit (registration.signals).
        applications.delete()
    return held
