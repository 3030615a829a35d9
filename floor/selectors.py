"""Reading the floor: which sessions take inscriptions, and the live state of a list."""

from collections import defaultdict

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from conference.models import Conference
from delegations.models import Participant
from floor.models import Inscription, InscriptionStatus, SpeakersList
from sessions.models import Session, SessionKind


def sessions_taking_inscriptions(*, conference: Conference) -> QuerySet[Session]:
    """Plenary sessions and those an organiser opened a list for, in time order."""
    return (
        Session.objects.filter(conference=conference)
        .filter(Q(kind=SessionKind.PLENARY) | Q(speakers_list__isnull=False))
        .order_by("starts_at", "pk")
    )


def members_by_delegation(*, delegation_ids: list[int]) -> dict[int, list[Participant]]:
    """The active members of each delegation, who may speak for it, in protocol order: one
    query for a whole list of speakers."""
    members = defaultdict(list)
    for member in (
        Participant.objects.active().filter(delegation_id__in=delegation_ids).in_protocol_order()
    ):
        members[member.delegation_id].append(member)
    return members


def speaker_shown(inscription: Inscription, *, public: bool) -> str:
    """The speaker's name, on public pages only with their consent to be listed."""
    if public and not inscription.speaker.consents_to_public_listing:
        return ""
    return inscription.speaker.display_name


def inscription_row(inscription: Inscription, *, public: bool) -> dict:
    return {
        "delegation": inscription.delegation.name,
        "speaker": speaker_shown(inscription, public=public),
        "on_behalf_of": inscription.on_behalf_of,
        "language": inscription.get_language_display(),
        "started_at": inscription.started_at.isoformat() if inscription.started_at else None,
        "ended_at": inscription.ended_at.isoformat() if inscription.ended_at else None,
    }


def live_state(
    *, speakers_list: SpeakersList, inscriptions: list[Inscription], public: bool
) -> dict:
    """What the chair's page, the room's screen and the public page show, as JSON: the speaker
    on the floor (with the moment they started: browsers run the timer), who follows, and who
    has spoken, in the order delivered."""
    current = [i for i in inscriptions if i.status == InscriptionStatus.SPEAKING]
    waiting = [i for i in inscriptions if i.status == InscriptionStatus.WAITING]
    delivered = sorted(
        (i for i in inscriptions if i.status == InscriptionStatus.DELIVERED),
        key=lambda inscription: inscription.delivered_order,
    )
    return {
        "version": speakers_list.version,
        "time_limit": int(speakers_list.time_limit.total_seconds()),
        "current": inscription_row(current[0], public=public) if current else None,
        "waiting": [inscription_row(i, public=public) for i in waiting],
        "delivered": [inscription_row(i, public=public) for i in delivered],
        "labels": {
            "nobody": _("Nobody has the floor."),
            "on_behalf_of": _("on behalf of %(group)s"),
        },
    }
