"""Writes to delegations and participants. Registration state rules live here and only here."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from delegations.events import delegation_status_changed
from delegations.models import (
    ACTIVE_STATES,
    Category,
    CategoryAllowance,
    Delegation,
    DelegationKind,
    DelegationStatus,
    Participant,
    ParticipantStateChange,
    QuotaRequest,
    QuotaRequestState,
    Role,
    State,
)
from delegations.tasks import participant_state_email

# Every permitted move between registration states; anything else is refused.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    State.PENDING: frozenset({State.APPROVED, State.REJECTED, State.WITHDRAWN}),
    State.APPROVED: frozenset({State.WITHDRAWN, State.PENDING}),
    State.REJECTED: frozenset({State.PENDING}),
    State.WITHDRAWN: frozenset({State.PENDING}),
}
# Rejecting someone, or withdrawing them, must say why.
REASON_REQUIRED = frozenset({State.REJECTED, State.WITHDRAWN})
# The states a move can bring someone back into the active states by (from rejected or
# withdrawn): such a move counts against the delegation's quota.
MAY_REACTIVATE = frozenset(
    to_state
    for from_state, to_states in ALLOWED_TRANSITIONS.items()
    if from_state not in ACTIVE_STATES
    for to_state in to_states
    if to_state in ACTIVE_STATES
)


class TransitionNotAllowed(ValidationError):
    pass


def delegation_lock(*, delegation_id: int, with_conference: bool = True) -> Delegation:
    """The delegation, its row locked until the transaction ends, with its conference unless
    the caller has it already (`with_conference=False`: the conference's row is not locked
    either way, so the caller's copy read in the same request is as good).

    Every write that may add to a delegation's active members takes this lock first and only
    then a participant's row, never the other way round: concurrent writers queue up instead
    of deadlocking. Writes that cannot (approving, rejecting, withdrawing) lock only the
    participant's row, and never a delegation after it.
    """
    # Only the delegation's row: locking its conference too would queue every delegation.
    delegations = Delegation.objects.select_for_update(of=("self",))
    if with_conference:
        delegations = delegations.select_related("conference")
    return delegations.get(pk=delegation_id)


def participant_save_within_constraints(
    *, participant: Participant, update_fields: list[str]
) -> None:
    """Save, or raise the ValidationError of the database constraint the save would break.

    Checking each constraint first would cost a query per constraint for every participant of
    a bulk approval; the database checks them anyway, so its answer is translated instead.
    """
    try:
        with transaction.atomic():
            participant.save(update_fields=update_fields)
    except IntegrityError as error:
        broken = getattr(getattr(error, "__cause__", None), "diag", None)
        name = getattr(broken, "constraint_name", None)
        for constraint in Participant._meta.constraints:
            if constraint.name == name:
                raise ValidationError(
                    constraint.get_violation_error_message(), code="constraint"
                ) from error
        raise


def delegation_check_quota(*, delegation: Delegation) -> None:
    """Refuse one more active member when the delegation is full; call under delegation_lock."""
    if delegation.participants.active().count() >= delegation.quota:
        raise ValidationError(
            ngettext(
                "%(delegation)s is full: its quota is %(quota)d member.",
                "%(delegation)s is full: its quota is %(quota)d members.",
                delegation.quota,
            )
            % {"delegation": delegation.name, "quota": delegation.quota},
            code="quota",
        )


@transaction.atomic
def participant_transition(
    *,
    participant: Participant,
    to_state: str,
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> ParticipantStateChange:
    """Move a participant to `to_state`, or raise TransitionNotAllowed; logs who, when and why.

    The participant and the delegation's focal points get an e-mail, queued with the change.
    Bringing someone back to pending or approved counts against the delegation's quota.
    """
    # A move that may count against the quota locks the delegation first, then the participant,
    # as everywhere: a focal point adding a member waits while the quota is counted here.
    # Other moves (approving many at once, above all) lock only the participant: two
    # organisers still cannot both move them.
    delegation = (
        delegation_lock(delegation_id=participant.delegation_id)
        if to_state in MAY_REACTIVATE
        else None
    )
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    reason = reason.strip()
    if to_state not in ALLOWED_TRANSITIONS[locked.state]:
        raise TransitionNotAllowed(
            _("%(name)s cannot go from “%(from)s” to “%(to)s”.")
            % {
                "name": locked.full_name,
                "from": State(locked.state).label,
                "to": State(to_state).label,
            },
            code="transition_not_allowed",
        )
    if to_state in REASON_REQUIRED and not reason:
        raise ValidationError(
            {"reason": _("Give a reason: the participant will see it.")}, code="reason_required"
        )
    # Only a registration coming back into the active states counts against the quota (its
    # delegation is locked then, see MAY_REACTIVATE).
    reactivated = locked.state not in ACTIVE_STATES and to_state in ACTIVE_STATES
    if reactivated:
        delegation_check_quota(delegation=delegation)
    change = ParticipantStateChange.objects.create(
        participant=locked,
        from_state=locked.state,
        to_state=to_state,
        reason=reason,
        changed_by=by if by and by.is_authenticated else None,
    )
    locked.state = to_state
    locked.state_reason = reason
    locked.state_changed_at = change.changed_at
    changed = ["state", "state_reason", "state_changed_at", "updated_at"]
    # The database refuses what would clash with another registration (the same e-mail
    # active in the delegation or approved in the conference, a second Head of Delegation);
    # its refusal becomes the constraint's own message. Only the constraints: the fields were
    # checked when typed, and a rule added since (names in Latin letters) must not block a
    # decision on an older registration.
    participant_save_within_constraints(participant=locked, update_fields=changed)
    for field in changed:
        setattr(participant, field, getattr(locked, field))
    # Queued in the change's transaction: a rolled-back change is never announced.
    participant_state_email.enqueue(participant_id=locked.pk, state=to_state, change_id=change.pk)
    return change


def participant_approve(
    *, participant: Participant, by: AbstractBaseUser | None = None
) -> ParticipantStateChange:
    return participant_transition(participant=participant, to_state=State.APPROVED, by=by)


def participant_reject(
    *, participant: Participant, reason: str, by: AbstractBaseUser | None = None
) -> ParticipantStateChange:
    return participant_transition(
        participant=participant, to_state=State.REJECTED, reason=reason, by=by
    )


def participant_withdraw(
    *, participant: Participant, reason: str, by: AbstractBaseUser | None = None
) -> ParticipantStateChange:
    return participant_transition(
        participant=participant, to_state=State.WITHDRAWN, reason=reason, by=by
    )


def participant_reset(
    *, participant: Participant, by: AbstractBaseUser | None = None, reason: str = ""
) -> ParticipantStateChange:
    return participant_transition(
        participant=participant, to_state=State.PENDING, reason=reason, by=by
    )


def participants_transition(
    *,
    participants: Iterable[Participant],
    to_state: str,
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> tuple[list[Participant], list[tuple[Participant, ValidationError]]]:
    """Move many participants; each succeeds or fails on its own. Returns (moved, refused)."""
    moved, refused = [], []
    for participant in participants:
        try:
            participant_transition(participant=participant, to_state=to_state, by=by, reason=reason)
        except ValidationError as error:
            refused.append((participant, error))
        else:
            moved.append(participant)
    return moved, refused


@transaction.atomic
def delegations_accredit(
    *, delegations: Iterable[Delegation], by: AbstractBaseUser | None = None
) -> tuple[int, int]:
    """Accredit the delegations that have not declined; returns (accredited, skipped).

    Accreditation is the secretariat's protocol decision: it puts the delegation on the
    public list of participating delegations.
    """
    pks = [delegation.pk for delegation in delegations]
    to_accredit = list(
        Delegation.objects.filter(pk__in=pks)
        .exclude(status__in=[DelegationStatus.DECLINED, DelegationStatus.ACCREDITED])
        .select_for_update()
    )
    already = Delegation.objects.filter(pk__in=pks, status=DelegationStatus.ACCREDITED).count()
    # updated_at by hand: update() skips auto_now, and the public list's cache keys on it.
    Delegation.objects.filter(pk__in=[d.pk for d in to_accredit]).update(
        status=DelegationStatus.ACCREDITED, updated_at=timezone.now()
    )
    for delegation in to_accredit:
        delegation.status = DelegationStatus.ACCREDITED
        delegation_status_changed.send(
            sender=Delegation,
            delegation=delegation,
            status=DelegationStatus.ACCREDITED,
            by=by if by and by.is_authenticated else None,
        )
    accredited = len(to_accredit) + already
    return accredited, len(pks) - accredited


@transaction.atomic
def delegation_decline(*, delegation: Delegation, by: AbstractBaseUser | None = None) -> Delegation:
    """Record that the delegation declined the invitation (its focal point, or an organiser
    who received its answer: `by`); its members stay as they are, for the organisers."""
    locked = delegation_lock(delegation_id=delegation.pk)
    if locked.status == DelegationStatus.ACCREDITED:
        raise ValidationError(
            _("%(delegation)s is accredited: withdraw its members instead.")
            % {"delegation": locked.name},
            code="accredited",
        )
    if locked.status != DelegationStatus.DECLINED:
        locked.status = DelegationStatus.DECLINED
        locked.save(update_fields=["status", "updated_at"])
        delegation_status_changed.send(
            sender=Delegation,
            delegation=locked,
            status=DelegationStatus.DECLINED,
            by=by if by and by.is_authenticated else None,
        )
    delegation.status = locked.status
    return locked


# What the portal and the admin offer a former Head of Delegation: any other role, or leaving.
FORMER_HEAD_ROLES = [role for role in Role if role != Role.HEAD]
HEAD_CHANGED_REASON = gettext_noop("Named Head of Delegation by the focal point; needs review.")
FORMER_HEAD_REASON = gettext_noop("No longer Head of Delegation; needs review.")


@transaction.atomic
def delegation_head_replace(
    *,
    delegation: Delegation,
    new_head: Participant,
    former_head_role: str | None,
    reason: str = "",
    by: AbstractBaseUser | None = None,
    review: bool = False,
) -> Participant:
    """Make `new_head` (an active member) the Head of Delegation in one step.

    The current Head, if any, takes `former_head_role` or, when it is None, is withdrawn with
    `reason`; the constraint of one active Head holds at every moment. With `review` (the focal
    point's swap) an approved member whose role changes goes back to pending, as any change of
    role by a focal point does; an organiser's swap keeps their approval. Returns the new Head.
    """
    locked = delegation_lock(delegation_id=delegation.pk)
    members = Participant.objects.select_for_update().filter(delegation=locked).active()
    new = members.filter(pk=new_head.pk).first()
    if new is None:
        raise ValidationError(
            {"new_head": _("Choose an active member of this delegation.")}, code="not_member"
        )
    if new.role == Role.HEAD:
        raise ValidationError(
            {"new_head": _("%(name)s is already the Head of Delegation.") % {"name": new}},
            code="already_head",
        )
    if former_head_role is not None and former_head_role not in FORMER_HEAD_ROLES:
        raise ValidationError(
            {"former_head_role": _("Choose another role than Head of Delegation.")},
            code="former_head_role",
        )
    former = members.filter(role=Role.HEAD).first()
    if former is not None:
        if former_head_role is None:
            if not reason.strip():
                raise ValidationError(
                    {"reason": _("Give a reason: the participant will see it.")},
                    code="reason_required",
                )
            participant_transition(
                participant=former, to_state=State.WITHDRAWN, by=by, reason=reason
            )
        else:
            if review and former.state == State.APPROVED:
                participant_transition(
                    participant=former, to_state=State.PENDING, by=by, reason=_(FORMER_HEAD_REASON)
                )
            former.role = former_head_role
            participant_save_within_constraints(
                participant=former, update_fields=["role", "updated_at"]
            )
    if review and new.state == State.APPROVED:
        participant_transition(
            participant=new, to_state=State.PENDING, by=by, reason=_(HEAD_CHANGED_REASON)
        )
    new.role = Role.HEAD
    participant_save_within_constraints(participant=new, update_fields=["role", "updated_at"])
    return new


# What a focal point may register members as, by delegation kind, unless the organiser chose
# otherwise for the conference (CategoryAllowance); Organiser and Security never by default:
# they are the host's own people, whose badges open more doors.
DEFAULT_PORTAL_CATEGORIES: dict[str, tuple[str, ...]] = {
    DelegationKind.MEMBER_STATE: (Category.DELEGATE, Category.EXPERT),
    DelegationKind.OBSERVER_STATE: (Category.DELEGATE, Category.EXPERT),
    DelegationKind.UN_SECRETARIAT: (Category.UN_SECRETARIAT, Category.EXPERT),
    DelegationKind.IGO: (Category.DELEGATE, Category.EXPERT),
    DelegationKind.NGO: (Category.DELEGATE, Category.EXPERT),
    DelegationKind.EXPERTS: (Category.EXPERT, Category.MEDIA),
    DelegationKind.HOST: tuple(Category.values),
}


def portal_categories(*, delegation: Delegation) -> list[str]:
    """The categories the delegation's focal point may register members in, in declared order:
    the organiser's choice for the conference and the delegation's kind, else the default.

    Read once per Delegation object: the request that draws the member form from them and
    then registers the member asks the database once.
    """
    if (known := getattr(delegation, "_portal_categories", None)) is not None:
        return known
    chosen = set(
        CategoryAllowance.objects.filter(
            conference_id=delegation.conference_id, kind=delegation.kind
        )
        # A set: unordered, so no join to the conference for the model's ordering.
        .order_by()
        .values_list("category", flat=True)
    )
    allowed = chosen or set(DEFAULT_PORTAL_CATEGORIES[delegation.kind])
    delegation._portal_categories = [
        category for category in Category.values if category in allowed
    ]
    return delegation._portal_categories


@transaction.atomic
def quota_request_create(*, delegation: Delegation, places: int, reason: str) -> QuotaRequest:
    """A focal point asks for `places` more; refused while an earlier request is undecided."""
    locked = delegation_lock(delegation_id=delegation.pk)
    if locked.quota_requests.filter(state=QuotaRequestState.REQUESTED).exists():
        raise ValidationError(
            _("Your delegation already has a request with the organisers; wait for their answer."),
            code="request_open",
        )
    request = QuotaRequest(delegation=locked, places=places, reason=reason)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def quota_request_decide(
    *, request: QuotaRequest, grant: bool, by: AbstractBaseUser | None, answer: str = ""
) -> QuotaRequest:
    """Grant (the quota grows by the places asked) or refuse an open request, once."""
    locked_delegation = delegation_lock(delegation_id=request.delegation_id)
    locked = QuotaRequest.objects.select_for_update().get(pk=request.pk)
    if locked.state != QuotaRequestState.REQUESTED:
        raise ValidationError(
            _("This request has already been decided: %(state)s.")
            % {"state": locked.get_state_display()},
            code="decided",
        )
    locked.state = QuotaRequestState.GRANTED if grant else QuotaRequestState.REFUSED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.answer = answer
    locked.full_clean()
    locked.save()
    if grant:
        locked_delegation.quota += locked.places
        locked_delegation.save(update_fields=["quota", "updated_at"])
    return locked
