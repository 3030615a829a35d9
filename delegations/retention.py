"""The delegations' share of retention (conference.retention): participants' contact details,
photos, needs and state reasons, nomination letters, focal points and invitation links."""

from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.dispatch import receiver
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.retention import PersonalData, personal_data_held
from delegations.models import (
    Delegation,
    FocalPoint,
    Invitation,
    Participant,
    ParticipantStateChange,
)

# Addresses under a reserved domain (RFC 2606) keep the column valid and unique per person.
REMOVED_EMAIL_DOMAIN = "@removed.invalid"


def participants_with_personal_data(conference: Conference):
    return Participant.objects.filter(conference=conference).filter(
        ~Q(email__endswith=REMOVED_EMAIL_DOMAIN)
        | ~Q(photo="")
        | ~Q(phone="")
        | ~Q(nationality="")
        | ~Q(dietary_needs="")
        | ~Q(access_needs="")
        | ~Q(state_reason="")
    )


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
            photo="",
            phone="",
            nationality="",
            dietary_needs="",
            access_needs="",
            state_reason="",
        )
        ParticipantStateChange.objects.filter(participant__conference=conference).update(reason="")
        with_letter.update(nomination_letter="")
        focal_points.delete()
        invitations.delete()
    return held
