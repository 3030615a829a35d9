"""The pledge register's share of retention (conference.retention): the contact person named
on each pledge. The pledges themselves are the record of what each State pledged, and stay."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.retention import PersonalData, personal_data_held
from pledges.models import Pledge


@receiver(personal_data_held, sender=Conference)
def _pledge_contacts(
    sender, *, conference: Conference, purge: bool, **kwargs
) -> list[PersonalData]:
    pledges = Pledge.objects.filter(delegation__conference=conference).exclude(
        contact_name="", contact_email="", contact_phone=""
    )
    held = [PersonalData(_("contacts named on pledges"), pledges.count())]
    if purge:
        pledges.update(contact_name="", contact_email="", contact_phone="")
    return held
