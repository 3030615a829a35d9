"""The list of speakers: inscriptions, their order, the changes organisers make, the live floor.

Order (shared/reference/protocol.md): statements on behalf of a group first, then Member
States before observer States before the UN system and organisations, then by the Head of
Delegation's level of representation (RepresentationLevel, highest first), then by time of
inscription. A new inscription takes its place by these rules among those still waiting;
organisers may then move a speaker, and every change is logged (ListChange) with its reason.

Every service locks the list's row first, so that concurrent inscriptions are placed one after
the other; the database refuses a delegation inscribed twice whatever happens.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from delegations.models import (
    ACTIVE_STATES,
    Delegation,
    DelegationKind,
    Participant,
    RepresentationLevel,
)
from floor.models import (
    Inscription,
    InscriptionStatus,
    ListChange,
    ListChangeKind,
    SpeakersList,
    SwapRequest,
    SwapStatus,
)
from sessions.models import Session, SessionKind

LEVELS = list(RepresentationLevel.values)
WAITING = InscriptionStatus.WAITING


def precedence_key(inscription: Inscription) -> tuple:
    """Where the rules put `inscription`: smaller keys speak earlier."""
    delegation = inscription.delegation
    if delegation.kind == DelegationKind.MEMBER_STATE:
        kind_rank = 0
    elif delegation.kind == DelegationKind.OBSERVER_STATE:
        kind_rank = 1
    else:
        kind_rank = 2
    level = delegation.representation_level
    return (
        0 if inscription.on_behalf_of else 1,
        kind_rank,
        LEVELS.index(level) if level in LEVELS else len(LEVELS),
        inscription.inscribed_at,
        inscription.pk or 0,
    )


def takes_inscriptions(session: Session) -> bool:
    return (
        session.kind == SessionKind.PLENARY or SpeakersList.objects.filter(session=session).exists()
    )


def speakers_list_open(*, session: Session) -> SpeakersList:
    """The session's list, opened now if it has none: any session an organiser chooses."""
    speakers_list, _created = SpeakersList.objects.get_or_create(session=session)
    return speakers_list


def speakers_list_locked(speakers_list: SpeakersList) -> SpeakersList:
    """The list's row, locked until the transaction ends: every change to a list takes it."""
    return (
        SpeakersList.objects.select_for_update()
        .select_related("session__conference")
        .get(pk=speakers_list.pk)
    )


def _bump(speakers_list: SpeakersList) -> None:
    SpeakersList.objects.filter(pk=speakers_list.pk).update(
        version=F("version") + 1, changed_at=timezone.now()
    )


def _waiting(speakers_list: SpeakersList) -> list[Inscription]:
    return list(
        speakers_list.inscriptions.filter(status=WAITING)
        .select_related("delegation")
        .order_by("position")
    )


def _renumber(speakers_list: SpeakersList, ordered: list[Inscription]) -> None:
    """Give the waiting inscriptions `ordered` the positions after everyone who has spoken."""
    first = (
        speakers_list.inscriptions.exclude(status=WAITING)
        .exclude(pk__in=[inscription.pk for inscription in ordered])
        .aggregate(last=Max("position"))["last"]
        or 0
    ) + 1
    # Out of the way first, then in place: the positions are unique (checked at commit).
    for number, inscription in enumerate(ordered):
        inscription.position = first + number
    Inscription.objects.bulk_update(ordered, ["position"])


def _place_by_rules(waiting: list[Inscription], inscription: Inscription) -> list[Inscription]:
    """`waiting` with `inscription` before the first one the rules put after it."""
    key = precedence_key(inscription)
    for index, other in enumerate(waiting):
        if precedence_key(other) > key:
            return [*waiting[:index], inscription, *waiting[index:]]
    return [*waiting, inscription]


def _log(
    inscription: Inscription,
    kind: str,
    *,
    by: AbstractBaseUser | None,
    reason: str = "",
    from_position: int | None = None,
    to_position: int | None = None,
    swap_request: SwapRequest | None = None,
) -> None:
    ListChange.objects.create(
        inscription=inscription,
        kind=kind,
        reason=reason,
        swap_request=swap_request,
        changed_by=by if by is not None and by.is_authenticated else None,
        from_position=from_position,
        to_position=to_position,
    )


def is_closed(speakers_list: SpeakersList, *, now: datetime.datetime | None = None) -> bool:
    return (
        speakers_list.closes_at is not None and (now or timezone.now()) >= speakers_list.closes_at
    )


def inscription_add(
    *,
    session: Session,
    delegation: Delegation,
    speaker: Participant,
    language: str,
    on_behalf_of: str = "",
    by: AbstractBaseUser | None = None,
) -> Inscription:
    """Inscribe `delegation` on the session's list for `speaker`, a member of its own.

    `by` is the organiser inscribing on the delegation's behalf (who may inscribe after the
    list closed and mark a group statement); None for the focal point. Raises
    ValidationError, with the field at fault, and writes nothing, when refused.
    """
    conference = session.conference
    errors = {}
    if delegation.conference_id != conference.pk:
        errors["delegation"] = _("This delegation does not take part in this meeting.")
    if speaker.delegation_id != delegation.pk or speaker.state not in ACTIVE_STATES:
        errors["speaker"] = _("Choose a member of the delegation.")
    if language not in conference.languages:
        errors["language"] = _("Choose one of the meeting's languages.")
    if not takes_inscriptions(session):
        errors["session"] = _("This session takes no inscriptions.")
    if on_behalf_of and by is None:
        errors["on_behalf_of"] = _("Only the organisers mark a group statement.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        speakers_list = speakers_list_locked(speakers_list_open(session=session))
        if by is None and is_closed(speakers_list):
            raise ValidationError({"session": _("The list of speakers is closed.")})
        if (
            speakers_list.inscriptions.filter(delegation=delegation)
            .exclude(status=InscriptionStatus.WITHDRAWN)
            .exists()
        ):
            raise ValidationError({"delegation": _("This delegation is already on the list.")})
        last = speakers_list.inscriptions.aggregate(last=Max("position"))["last"] or 0
        inscription = Inscription(
            speakers_list=speakers_list,
            delegation=delegation,
            speaker=speaker,
            language=language,
            on_behalf_of=on_behalf_of,
            inscribed_at=timezone.now(),
            position=last + 1,
        )
        inscription.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                inscription.save()
        except IntegrityError as error:
            # Another request inscribed the delegation between the check and the insert.
            raise ValidationError(
                {"delegation": _("This delegation is already on the list.")}
            ) from error
        others = [i for i in _waiting(speakers_list) if i.pk != inscription.pk]
        ordered = _place_by_rules(others, inscription)
        _renumber(speakers_list, ordered)
        _log(
            inscription, ListChangeKind.INSCRIBED, by=by, to_position=ordered.index(inscription) + 1
        )
        _bump(speakers_list)
    return inscription


def inscription_withdraw(
    *,
    inscription: Inscription,
    delegation: Delegation | None = None,
    by: AbstractBaseUser | None = None,
) -> None:
    """Take a waiting inscription off the list; `delegation` is the focal point's own, which
    must be the inscription's."""
    if delegation is not None and inscription.delegation_id != delegation.pk:
        raise ValidationError(_("Only the delegation itself may withdraw its inscription."))
    with transaction.atomic():
        speakers_list_locked(inscription.speakers_list)
        updated = Inscription.objects.filter(pk=inscription.pk, status=WAITING).update(
            status=InscriptionStatus.WITHDRAWN
        )
        if not updated:
            raise ValidationError(_("Only a statement still waiting can be withdrawn."))
        # Nobody can exchange places with a delegation that left the list.
        SwapRequest.objects.filter(
            Q(proposer=inscription) | Q(partner=inscription), status=SwapStatus.PENDING
        ).update(status=SwapStatus.CANCELLED, answered_at=timezone.now())
        _log(inscription, ListChangeKind.WITHDRAWN, by=by)
        _bump(inscription.speakers_list)


def inscription_move(
    *, inscription: Inscription, to: int, reason: str, by: AbstractBaseUser
) -> None:
    """Move a waiting speaker to place `to` (1 = next) among those waiting, logged with why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the move.")})
    with transaction.atomic():
        speakers_list = speakers_list_locked(inscription.speakers_list)
        waiting = _waiting(speakers_list)
        current = next((i for i in waiting if i.pk == inscription.pk), None)
        if current is None:
            raise ValidationError(_("Only a statement still waiting can be moved."))
        if not 1 <= to <= len(waiting):
            raise ValidationError(
                {"to": _("Choose a place from 1 to %(count)s.") % {"count": len(waiting)}}
            )
        from_place = waiting.index(current) + 1
        waiting.remove(current)
        waiting.insert(to - 1, current)
        _renumber(speakers_list, waiting)
        _log(
            current,
            ListChangeKind.MOVED,
            by=by,
            reason=reason.strip(),
            from_position=from_place,
            to_position=to,
        )
        _bump(speakers_list)


def inscriptions_swap(
    *,
    first: Inscription,
    second: Inscription,
    reason: str,
    by: AbstractBaseUser | None,
    swap_request: SwapRequest | None = None,
) -> None:
    """Swap two waiting delegations' places, as both agreed; logged on both with why. `by` is
    the organiser recording it, or None for a `swap_request` the delegations agreed."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the move.")})
    if first.speakers_list_id != second.speakers_list_id or first.pk == second.pk:
        raise ValidationError({"other": _("Choose another delegation on the same list.")})
    with transaction.atomic():
        speakers_list = speakers_list_locked(first.speakers_list)
        waiting = _waiting(speakers_list)
        places = {inscription.pk: index for index, inscription in enumerate(waiting)}
        if first.pk not in places or second.pk not in places:
            raise ValidationError(_("Only statements still waiting can be swapped."))
        a, b = places[first.pk], places[second.pk]
        waiting[a], waiting[b] = waiting[b], waiting[a]
        _renumber(speakers_list, waiting)
        for inscription, old, new in ((waiting[b], a, b), (waiting[a], b, a)):
            _log(
                inscription,
                ListChangeKind.SWAPPED,
                by=by,
                reason=reason.strip(),
                from_position=old + 1,
                to_position=new + 1,
                swap_request=swap_request,
            )
        _bump(speakers_list)


def inscription_speaker_change(
    *,
    inscription: Inscription,
    speaker: Participant,
    delegation: Delegation | None = None,
    by: AbstractBaseUser | None = None,
) -> None:
    """Name another member of the delegation to deliver its waiting statement; its place is
    kept (the order follows the Head of Delegation's level, not the speaker's). `delegation`
    is the focal point's own, who may do so until the list closes; `by` an organiser."""
    if delegation is not None and inscription.delegation_id != delegation.pk:
        raise ValidationError(_("Only the delegation itself may change its speaker."))
    if speaker.delegation_id != inscription.delegation_id or speaker.state not in ACTIVE_STATES:
        raise ValidationError({"speaker": _("Choose a member of the delegation.")})
    with transaction.atomic():
        speakers_list = speakers_list_locked(inscription.speakers_list)
        if by is None and is_closed(speakers_list):
            raise ValidationError({"speaker": _("The list of speakers is closed.")})
        current = (
            Inscription.objects.select_for_update().select_related("speaker").get(pk=inscription.pk)
        )
        if current.status != WAITING:
            raise ValidationError(_("Only a statement still waiting can change its speaker."))
        if current.speaker_id == speaker.pk:
            raise ValidationError({"speaker": _("This member is already the speaker.")})
        previous = current.speaker.display_name
        current.speaker = speaker
        current.save(update_fields=["speaker"])
        _log(
            current,
            ListChangeKind.SPEAKER,
            by=by,
            reason=f"{previous} → {speaker.display_name}",
        )
        _bump(speakers_list)


def speaker_call_next(*, speakers_list: SpeakersList) -> Inscription | None:
    """The chair gives the floor to the next speaker; whoever was speaking has delivered."""
    now = timezone.now()
    with transaction.atomic():
        speakers_list = speakers_list_locked(speakers_list)
        _current_delivered(speakers_list, now=now)
        following = speakers_list.inscriptions.filter(status=WAITING).order_by("position").first()
        if following is not None:
            following.status = InscriptionStatus.SPEAKING
            following.started_at = now
            following.save(update_fields=["status", "started_at"])
        _bump(speakers_list)
    return following


def speaker_finish(*, speakers_list: SpeakersList) -> None:
    """The current speaker has finished; nobody has the floor."""
    with transaction.atomic():
        speakers_list = speakers_list_locked(speakers_list)
        _current_delivered(speakers_list, now=timezone.now())
        _bump(speakers_list)


def _current_delivered(speakers_list: SpeakersList, *, now: datetime.datetime) -> None:
    current = speakers_list.inscriptions.filter(status=InscriptionStatus.SPEAKING).first()
    if current is None:
        return
    delivered = speakers_list.inscriptions.aggregate(last=Max("delivered_order"))["last"] or 0
    current.status = InscriptionStatus.DELIVERED
    current.ended_at = now
    current.delivered_order = delivered + 1
    current.save(update_fields=["status", "ended_at", "delivered_order"])


def speakers_list_changed(*, speakers_list: SpeakersList) -> None:
    """Record that the list's settings changed (published, time limit): its pages follow."""
    _bump(speakers_list)


def speakers_in_order(speakers_list: SpeakersList) -> list[Inscription]:
    """Everyone on the list but those who withdrew, in the order of the floor."""
    return list(
        speakers_list.inscriptions.exclude(status=InscriptionStatus.WITHDRAWN)
        .select_related("delegation", "speaker")
        .order_by("position")
    )
