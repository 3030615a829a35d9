"""Bilaterals' share of retention (conference.retention): the topics the delegations wrote,
who attended which meeting, the private calendar links, the door signs and the notices. The
meetings themselves (which two delegations met, when and where) stay."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from bilaterals.models import Bilateral, BilateralAttendee, BilateralNotice, CalendarFeed, DoorSign
from conference.models import Conference
from conference.retention import PersonalData, personal_data_held


@receiver(personal_data_held, sender=Conference)
def _bilaterals(sender, *, conference: Conference, purge: bool, **kwargs) -> list[PersonalData]:
    topics = Bilateral.objects.filter(conference=conference).exclude(topic="")
    attendees = BilateralAttendee.objects.filter(bilateral__conference=conference)
    feeds = CalendarFeed.objects.filter(delegation__conference=conference)
    door_signs = DoorSign.objects.filter(conference=conference)
    held = [
        PersonalData(_("bilateral meetings' topics"), topics.count()),
        PersonalData(_("bilateral meetings' attendees"), attendees.count()),
        PersonalData(_("calendar links"), feeds.count()),
        PersonalData(_("door signs"), door_signs.count()),
    ]
    if purge:
        topics.update(topic="")
        attendees.delete()
        feeds.delete()
        # Their files go with them, on commit (delegations.task_documents).
        door_signs.delete()
        BilateralNotice.objects.filter(bilateral__conference=conference).delete()
    return held
