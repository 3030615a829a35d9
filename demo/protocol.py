"""The reference meeting's diplomatic workflow: the hosts' protocol settings, a note verbale
with its reference number for every State invited, and a spread of responses and credentials.

Invented, as the source is silent on it: the reference prefix PKMPM, the dates of the notes
and of each answer, which missions acknowledged, and whose credentials came as originals or
copies. Derived from each delegation's status, so a rerun gives the same data. The notes' PDFs
are not made here (that takes about a second a note): "Make notes verbales" in the admin makes
them; the demo only records that they were sent.
"""

import datetime
import zoneinfo

from django.db import transaction

from conference.models import Conference
from delegations.models import (
    STATE_KINDS,
    Delegation,
    DelegationStatus,
    RepresentationLevel,
    Role,
)
from diplomacy.models import (
    Credentials,
    CredentialsIssuer,
    CredentialsStatus,
    NoteVerbale,
    ProtocolSettings,
    ResponseStep,
    Step,
)

PREFIX = "PKMPM"
NOTES_SENT = datetime.datetime(2023, 7, 3, 10, 0)
ISSUERS = [
    CredentialsIssuer.MINISTER_FOR_FOREIGN_AFFAIRS,
    CredentialsIssuer.HEAD_OF_STATE_OR_GOVERNMENT,
]


@transaction.atomic
def protocol_load(*, conference: Conference) -> None:
    """Replace the conference's protocol data with the demo's (settings kept if edited)."""
    zone = zoneinfo.ZoneInfo(conference.time_zone)
    ProtocolSettings.objects.get_or_create(
        conference=conference,
        defaults={
            "letterhead": "Ministry of Foreign Affairs\nGovernment of Pakistan\nIslamabad",
            "sender": "The Ministry of Foreign Affairs of the Islamic Republic of Pakistan",
            "place": "Islamabad",
            "reference_prefix": PREFIX,
            "note_date": datetime.date(2023, 7, 3),
            "reply_by": datetime.date(2023, 8, 11),
            "additional_paragraph": (
                "For practical arrangements, the Ministry may be reached at "
                "ummpm2023@mofa.gov.pk.example"
            ),
            "secretariat_email": "secretariat@mofa.gov.pk.example",
        },
    )
    delegations = list(
        conference.delegations.filter(kind__in=STATE_KINDS)
        .prefetch_related("participants")
        .in_protocol_order()
    )
    NoteVerbale.objects.filter(conference=conference).delete()
    # `delegation__in` and not `delegation__conference`: the join would make Django delete by
    # ids from a self-joined subquery, which PostgreSQL plans as nested loops over tables it
    # has no statistics of yet (a fresh database, one transaction): 16 s for 1,000 steps.
    ResponseStep.objects.filter(delegation__in=conference.delegations.all()).delete()
    Credentials.objects.filter(delegation__in=conference.delegations.all()).delete()
    sent = NOTES_SENT.replace(tzinfo=zone)
    notes, steps, credentials = [], [], []
    for number, delegation in enumerate(delegations, start=1):
        notes.append(
            NoteVerbale(
                conference=conference,
                delegation=delegation,
                number=number,
                reference=f"{PREFIX}/2023/{number:03d}",
                language=conference.main_language,
                generated_at=sent,
                sent_at=sent,
            )
        )
        day = datetime.timedelta(days=1 + number % 20)
        steps.append(ResponseStep(delegation=delegation, step=Step.INVITED, at=sent))
        status = delegation.status
        # Two missions in three acknowledge by note; every answer follows the invitation.
        if number % 3 or status != DelegationStatus.INVITED:
            steps.append(
                ResponseStep(
                    delegation=delegation,
                    step=Step.ACKNOWLEDGED,
                    at=sent + day,
                    by_focal_point=bool(number % 2),
                    note="" if number % 2 else "By note verbale",
                )
            )
        if status == DelegationStatus.DECLINED:
            steps.append(ResponseStep(delegation=delegation, step=Step.DECLINED, at=sent + 2 * day))
            continue
        if status in (DelegationStatus.NOMINATED, DelegationStatus.ACCREDITED):
            steps.append(
                ResponseStep(
                    delegation=delegation,
                    step=Step.NOMINATED,
                    at=sent + 2 * day,
                    by_focal_point=True,
                )
            )
            # Credentials for most: nine in ten, originals for two in three of them.
            if number % 10:
                received = sent + 3 * day
                credentials.append(
                    Credentials(
                        delegation=delegation,
                        status=CredentialsStatus.ORIGINAL if number % 3 else CredentialsStatus.COPY,
                        issued_by=ISSUERS[number % 2],
                        recorded_at=received,
                    )
                )
                steps.append(
                    ResponseStep(delegation=delegation, step=Step.CREDENTIALS_RECEIVED, at=received)
                )
        if status == DelegationStatus.ACCREDITED:
            steps.append(
                ResponseStep(delegation=delegation, step=Step.ACCREDITED, at=sent + 4 * day)
            )
    NoteVerbale.objects.bulk_create(notes)
    ResponseStep.objects.bulk_create(steps)
    Credentials.objects.bulk_create(credentials)
    _representation_levels(delegations)


def _representation_levels(delegations) -> None:
    """A level for every State whose Head is registered and has none yet: the ministerial's
    hosts at Minister level, others by the Head's title."""
    changed = []
    for delegation in delegations:
        if delegation.representation_level:
            continue
        heads = [p for p in delegation.participants.all() if p.role == Role.HEAD]
        if not heads:
            continue
        title = heads[0].functional_title.lower()
        if "minister" in title and "deputy" not in title and "vice" not in title:
            level = RepresentationLevel.MINISTER
        elif "deputy minister" in title or "vice" in title:
            level = RepresentationLevel.VICE_MINISTER
        elif "ambassador" in title or "permanent representative" in title:
            level = RepresentationLevel.AMBASSADOR
        else:
            level = RepresentationLevel.SENIOR_OFFICIAL
        delegation.representation_level = level
        changed.append(delegation)
    Delegation.objects.bulk_update(changed, ["representation_level"])
