"""Security clearance's share of retention (conference.retention): every person's security
data and scan, and the log of who saw it. What the record needs stays: each person's
clearance state and its dated steps."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from clearance.models import SecurityDataAccess, SecurityRecord
from clearance.services import security_data_wipe_for_retention
from conference.models import Conference
from conference.retention import PersonalData, personal_data_held


@receiver(personal_data_held, sender=Conference)
def _security_data(sender, *, conference: Conference, purge: bool, **kwargs) -> list[PersonalData]:
    records = SecurityRecord.objects.filter(
        participant__conference=conference, data_purged_at__isnull=True
    )
    accesses = SecurityDataAccess.objects.filter(conference=conference)
    held = [
        PersonalData(_("security data (passports)"), records.count()),
        PersonalData(_("accesses to security data"), accesses.count()),
    ]
    if purge:
        # The scans go once the purge has committed (the service schedules them).
        security_data_wipe_for_retention(conference=conference)
        accesses.delete()
    return held
