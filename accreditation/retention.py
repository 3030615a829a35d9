"""Retention: after a conference's retention period, remove personal data it no longer needs.

Kept for the official record: names, honorifics, titles, delegations, roles, categories,
registration states and dates, badge-printing and check-in times. Removed: photos, e-mail
addresses, phone numbers, nationality, dietary and access needs, reasons given for state
changes, nomination letters, the focal points' contact records, individual applications
(their details and photos), invitation links, which would otherwise keep opening the
delegation's list, and the documents made for staff (badge sheets, Lists of Participants).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat

from accreditation.models import Document
from conference.models import Conference
from delegations.models import (
    Delegation,
    FocalPoint,
    Invitation,
    Participant,
    ParticipantStateChange,
)
from registration.models import Application

# Addresses under a reserved domain (RFC 2606) keep the column valid and unique per person.
REMOVED_EMAIL_DOMAIN = "@removed.invalid"


@dataclass(frozen=True)
class PurgeReport:
    conference: Conference
    participants: int
    photos: int
    nomination_letters: int
    focal_points: int
    applications: int
    invitations: int
    documents: int

    @property
    def is_empty(self) -> bool:
        return not (
            self.participants
            or self.photos
            or self.nomination_letters
            or self.focal_points
            or self.applications
            or self.invitations
            or self.documents
        )


def conferences_due_for_purge(*, today: datetime.date) -> list[Conference]:
    """Conferences whose retention period, counted from their last day, is over."""
    return [
        conference
        for conference in Conference.objects.order_by("end_date", "pk")
        if conference.end_date + datetime.timedelta(days=conference.retention_days) < today
    ]


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


def personal_data_report(*, conference: Conference) -> PurgeReport:
    """What a purge of `conference` would remove now."""
    delegations = Delegation.objects.filter(conference=conference)
    return PurgeReport(
        conference=conference,
        participants=participants_with_personal_data(conference).count(),
        photos=Participant.objects.filter(conference=conference).exclude(photo="").count(),
        nomination_letters=delegations.exclude(nomination_letter="").count(),
        focal_points=FocalPoint.objects.filter(delegation__in=delegations).count(),
        applications=Application.objects.filter(conference=conference).count(),
        invitations=Invitation.objects.filter(delegation__in=delegations).count(),
        documents=Document.objects.filter(conference=conference).count(),
    )


def personal_data_purge(*, conference: Conference) -> PurgeReport:
    """Remove the conference's personal data; files go only once the database has committed."""
    with transaction.atomic():
        delegations = Delegation.objects.filter(conference=conference)
        # Delegations before participants, the order of every writer (services.delegation_lock):
        # an organiser's late state change then waits for the purge instead of deadlocking.
        list(delegations.select_for_update().values_list("pk", flat=True))
        report = personal_data_report(conference=conference)
        participants = Participant.objects.filter(conference=conference)
        applications = Application.objects.filter(conference=conference)
        files = [
            *(p.photo for p in participants.exclude(photo="")),
            *(d.nomination_letter for d in delegations.exclude(nomination_letter="")),
            *(a.photo for a in applications.exclude(photo="")),
        ]
        participants_with_personal_data(conference).update(
            email=Concat(
                Value("participant-"),
                Cast(F("pk"), CharField()),
                Value(REMOVED_EMAIL_DOMAIN),
            ),
            photo="",
            phone="",
            nationality="",
            dietary_needs="",
            access_needs="",
            state_reason="",
        )
        ParticipantStateChange.objects.filter(participant__conference=conference).update(reason="")
        delegations.exclude(nomination_letter="").update(nomination_letter="")
        FocalPoint.objects.filter(delegation__in=delegations).delete()
        applications.delete()
        Invitation.objects.filter(delegation__in=delegations).delete()
        # Their files go after the commit (accreditation/signals.py).
        Document.objects.filter(conference=conference).delete()
        transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files])
    return report
