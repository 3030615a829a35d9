"""The protocol workflow's share of retention (conference.retention): the credentials' scans,
the notes verbales' PDFs (each holds a portal link), the credentials reports (Heads' names),
the reminders' messages, the list of changes to members, and the visa letter requests
(passport details) with their letters. What the record needs stays: each note's reference
number, each delegation's response steps and credentials status."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.retention import PersonalData, personal_data_held
from diplomacy.models import (
    Credentials,
    MemberChange,
    NoteVerbale,
    ProtocolJob,
    Reminder,
    VisaLetterRequest,
)


@receiver(personal_data_held, sender=Conference)
def _protocol(sender, *, conference: Conference, purge: bool, **kwargs) -> list[PersonalData]:
    scans = list(Credentials.objects.filter(delegation__conference=conference).exclude(file=""))
    notes = list(NoteVerbale.objects.filter(conference=conference).exclude(file=""))
    jobs = ProtocolJob.objects.filter(conference=conference)
    changes = MemberChange.objects.filter(delegation__conference=conference)
    reminders = Reminder.objects.filter(delegation__conference=conference).exclude(message="")
    visas = list(VisaLetterRequest.objects.filter(conference=conference))
    held = [
        PersonalData(_("credentials' scans"), len(scans), [row.file for row in scans]),
        PersonalData(_("notes verbales' PDFs"), len(notes), [row.file for row in notes]),
        PersonalData(_("protocol reports"), jobs.count()),
        PersonalData(_("changes to members"), changes.count()),
        PersonalData(_("reminders' messages"), reminders.count()),
        PersonalData(
            _("visa letter requests"), len(visas), [row.file for row in visas if row.file]
        ),
    ]
    if purge:
        # The files themselves go once the purge has committed (conference.retention).
        Credentials.objects.filter(pk__in=[row.pk for row in scans]).update(file="")
        NoteVerbale.objects.filter(pk__in=[row.pk for row in notes]).update(
            file="", link_token_hash=""
        )
        # Their files go with them, on commit (delegations.task_documents).
        jobs.delete()
        changes.delete()
        reminders.update(message="")
        VisaLetterRequest.objects.filter(pk__in=[row.pk for row in visas]).delete()
    return held
