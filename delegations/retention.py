"""The delegations' share of retention (conference.retention).

Kept for the official record: names, honorifics, titles, delegations, roles, categories
(delegations.participant_fields.OFFICIAL_RECORD_FIELDS), consent to the public listing,
registration states and dates. Removed: every other participant detail (e-mail addresses,
phone numbers, preferred languages, nationality, dietary and access needs), photos, reasons
given for state changes, nomination letters, the focal points' contact records and invitation
links, which would otherwise keep opening the delegation's list; and the admin's exports
(delegations/exports.py), files and all.
"""

from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.dispatch import receiver
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.retention import PersonalData, personal_data_held
from delegations.models import (
    Delegation,
    Export,
    FocalPoint,
    Invitation,
    Participant,
    ParticipantStateChange,
)
from delegations.participant_fields import OFFICIAL_RECORD_FIELDS, PARTICIPANT_DETAILS

# Addresses under a reserved domain (RFC 2606) keep the column valid and unique per person.
REMOVED_EMAIL_DOMAIN = "@removed.invalid"
# Emptied: the details the official record does not keep (a new detail is removed unless it
# joins the record), the photo and the reason for the state. The e-mail address is replaced.
CLEARED_FIELDS = [
    *(
        field
        for field in PARTICIPANT_DETAILS
        if field not in (*OFFICIAL_RECORD_FIELDS, "email", "consents_to_public_listing")
    ),
    "photo",
    "state_reason",
]


def participants_with_personal_data(conference: Conference):
    still_there = ~Q(email__endswith=REMOVED_EMAIL_DOMAIN)
    for field in CLEARED_FIELDS:
        still_there |= ~Q(**{field: ""})
    return Participant.objects.filter(conference=conference).filter(still_there)


@receiver(personal_data_held, sender=Conference)
def _delegations_personal_data(
    sender, *, conference: Conference, purge: bool, **kwargs
) -> list[PersonalData]:
    delegations = Delegation.objects.filter(conference=conference)
    if purge:
        # Delegations before participants, the order of every writer (services.delegation_lock):
        # an organiser's late state change then waits for the purge instead of deadlocking.
        list(delegations.select_for_update().values_list("pk", flat=True))
    participants = Participant.objects.filter(conference=conference)
    with_photo = participants.exclude(photo="")
    with_letter = delegations.exclude(nomination_letter="")
    focal_points = FocalPoint.objects.filter(delegation__in=delegations)
    invitations = Invitation.objects.filter(delegation__in=delegations)
    held = [
        PersonalData(_("participants"), participants_with_personal_data(conference).count()),
        PersonalData(_("photos"), with_photo.count(), [p.photo for p in with_photo]),
        PersonalData(
            _("nomination letters"),
            with_letter.count(),
            [d.nomination_letter for d in with_letter],
        ),
        PersonalData(_("focal points' contact records"), focal_points.count()),
        PersonalData(_("invitation links"), invitations.count()),
    ]
    if purge:
        participants_with_personal_data(conference).update(
            email=Concat(
                Value("participant-"), Cast(F("pk"), CharField()), Value(REMOVED_EMAIL_DOMAIN)
            ),
            **dict.fromkeys(CLEARED_FIELDS, ""),
        )
        ParticipantStateChange.objects.filter(participant__conference=conference).update(reason="")
        with_letter.update(nomination_letter="")
        focal_points.delete()
        invitations.delete()
    return held


@receiver(personal_data_held, sender=Conference)
def _exports(sender, *, conference: Conference, purge: bool, **kwargs) -> list[PersonalData]:
    exports = Export.objects.filter(conference=conference)
    held = [PersonalData(_("exports made for staff"), exports.count())]
    if purge:
        # Their files go with them, on commit (task_documents.task_document_files_follow_rows).
        exports.delete()
    return held
