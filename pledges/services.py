"""Writes to the pledge register. The pledge state rules live here and only here."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.models import Conference
from delegations.models import Delegation, DelegationKind
from pledges.models import (
    Pledge,
    PledgeRegister,
    PledgeState,
    PledgeStateChange,
)

# Every permitted move between states; anything else is refused.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    PledgeState.DRAFT: frozenset({PledgeState.SUBMITTED, PledgeState.WITHDRAWN}),
    PledgeState.SUBMITTED: frozenset(
        {PledgeState.ACKNOWLEDGED, PledgeState.WITHDRAWN, PledgeState.SUPERSEDED}
    ),
    PledgeState.ACKNOWLEDGED: frozenset(
        {PledgeState.ANNOUNCED, PledgeState.WITHDRAWN, PledgeState.SUPERSEDED}
    ),
    PledgeState.ANNOUNCED: frozenset({PledgeState.WITHDRAWN, PledgeState.SUPERSEDED}),
    PledgeState.WITHDRAWN: frozenset(),
    PledgeState.SUPERSEDED: frozenset(),
}
# Who may make which move: the focal point submits and withdraws its own pledges; organisers
# review, announce and withdraw (a duplicate, say). Superseding happens only when a new
# version is submitted (pledge_submit).
FOCAL_POINT_MOVES = frozenset({PledgeState.SUBMITTED, PledgeState.WITHDRAWN})
ORGANISER_MOVES = frozenset(
    {PledgeState.ACKNOWLEDGED, PledgeState.ANNOUNCED, PledgeState.WITHDRAWN}
)
REASON_REQUIRED = frozenset({PledgeState.WITHDRAWN})
# Versions that are still the pledge's latest word and can be amended or confirmed.
LIVE_STATES = frozenset({PledgeState.SUBMITTED, PledgeState.ACKNOWLEDGED, PledgeState.ANNOUNCED})
# What a focal point types; the rest (state, versions) is the services'.
CONTENT_FIELDS = [
    "capability",
    "quantity",
    "unit",
    "deployable_from",
    "caveats",
    "contact_name",
    "contact_email",
    "contact_phone",
    "may_be_announced",
]


class TransitionNotAllowed(ValidationError):
    pass


def register_active(*, conference: Conference) -> PledgeRegister | None:
    return PledgeRegister.objects.active().filter(conference=conference).first()


def delegation_may_pledge(delegation: Delegation) -> bool:
    """Whether the delegation's portal offers pledges: a Member State at a conference that
    runs a pledge register."""
    return (
        delegation.kind == DelegationKind.MEMBER_STATE
        and PledgeRegister.objects.active().filter(conference_id=delegation.conference_id).exists()
    )


def _refuse_unless_may_pledge(delegation: Delegation) -> None:
    if not delegation_may_pledge(delegation):
        raise ValidationError(
            _("This conference does not take pledges from this delegation."), code="no_register"
        )


def _register_touch(conference_id: int) -> None:
    """Tell the public page (its cache key and ETag) that the register changed."""
    PledgeRegister.objects.filter(conference_id=conference_id).update(changed_at=timezone.now())


def pledge_check_content(*, pledge: Pledge, conference: Conference) -> None:
    """Field errors for what a focal point typed, beyond the model's own checks."""
    errors = {}
    today = timezone.localdate(timezone=conference.tzinfo)
    if pledge.deployable_from and pledge.deployable_from < today:
        errors["deployable_from"] = _("The deployment date cannot be in the past.")
    if pledge.capability_id and not pledge.capability.is_active and pledge._state.adding:
        errors["capability"] = _("This capability is no longer offered.")
    try:
        pledge.full_clean(exclude=["delegation", "state", "previous", "duplicate_of"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pledge_save_draft(*, delegation: Delegation, pledge: Pledge) -> Pledge:
    """Create or update the delegation's draft `pledge`; raises ValidationError (by field)."""
    _refuse_unless_may_pledge(delegation)
    if pledge.pk is not None:
        stored = Pledge.objects.select_for_update().get(pk=pledge.pk, delegation=delegation)
        if stored.state != PledgeState.DRAFT:
            raise ValidationError(
                _("A submitted pledge cannot be changed; amend it as a new version."),
                code="frozen",
            )
    pledge.delegation = delegation
    pledge.state = PledgeState.DRAFT
    pledge_check_content(pledge=pledge, conference=delegation.conference)
    pledge.save()
    return pledge


@transaction.atomic
def pledge_transition(
    *,
    pledge: Pledge,
    to_state: str,
    by: AbstractBaseUser | None = None,
    by_focal_point: bool = False,
    reason: str = "",
) -> PledgeStateChange:
    """Move `pledge` to `to_state`, or raise TransitionNotAllowed; logs who, when and why.

    `by_focal_point` is a move the delegation's focal point makes through the portal; else
    an organiser (`by`) makes it.
    """
    locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
    allowed = FOCAL_POINT_MOVES if by_focal_point else ORGANISER_MOVES
    if to_state not in ALLOWED_TRANSITIONS[locked.state] or to_state not in allowed:
        raise TransitionNotAllowed(
            _("A pledge cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": PledgeState(locked.state).label,
                "to": PledgeState(to_state).label,
            },
            code="transition",
        )
    reason = reason.strip()
    if to_state in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Give a reason.")}, code="reason_required")
    if to_state == PledgeState.ANNOUNCED and not locked.may_be_announced:
        raise TransitionNotAllowed(
            _("The delegation has not agreed to this pledge being announced."),
            code="not_announceable",
        )
    return _state_set(
        pledge=locked, to_state=to_state, by=by, by_focal_point=by_focal_point, reason=reason
    )


def _state_set(
    *,
    pledge: Pledge,
    to_state: str,
    by: AbstractBaseUser | None,
    by_focal_point: bool,
    reason: str,
) -> PledgeStateChange:
    from_state = pledge.state
    pledge.state = to_state
    pledge.save(update_fields=["state", "duplicate_of", "updated_at"])
    _register_touch(pledge.delegation.conference_id)
    return PledgeStateChange.objects.create(
        pledge=pledge,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        changed_by=by if by is not None and by.is_authenticated else None,
        by_focal_point=by_focal_point,
    )


@transaction.atomic
def pledge_submit(*, delegation: Delegation, pledge: Pledge) -> PledgeStateChange:
    """The focal point submits its draft: it is frozen from now on. A new version of a pledge
    made at this meeting supersedes that version."""
    _refuse_unless_may_pledge(delegation)
    locked = Pledge.objects.select_for_update().get(pk=pledge.pk, delegation=delegation)
    # Checked again: the date may have passed since the draft was saved.
    pledge_check_content(pledge=locked, conference=delegation.conference)
    change = pledge_transition(pledge=locked, to_state=PledgeState.SUBMITTED, by_focal_point=True)
    previous = locked.previous
    if previous is not None and previous.delegation_id == delegation.pk:
        previous = Pledge.objects.select_for_update().get(pk=previous.pk)
        if previous.state in LIVE_STATES:
            _state_set(
                pledge=previous,
                to_state=PledgeState.SUPERSEDED,
                by=None,
                by_focal_point=True,
                reason=_("Replaced by a new version."),
            )
    return change


def _new_version(*, pledge: Pledge, delegation: Delegation) -> Pledge:
    if Pledge.objects.filter(previous=pledge).exists():
        raise ValidationError(
            _("This pledge already has a newer version; change that one."), code="has_next"
        )
    if pledge.state not in LIVE_STATES:
        raise ValidationError(
            _("Only a submitted, acknowledged or announced pledge can be taken further."),
            code="not_live",
        )
    draft = Pledge(
        delegation=delegation,
        previous=pledge,
        state=PledgeState.DRAFT,
        **{field: getattr(pledge, field) for field in CONTENT_FIELDS},
    )
    # The old date may have passed: the focal point gives a new one before submitting.
    today = timezone.localdate(timezone=delegation.conference.tzinfo)
    draft.deployable_from = max(draft.deployable_from, today)
    draft.save()
    return draft


@transaction.atomic
def pledge_amend(*, delegation: Delegation, pledge: Pledge) -> Pledge:
    """A new draft version of the delegation's submitted `pledge`, with its content; the old
    version stays as it is until the new one is submitted."""
    _refuse_unless_may_pledge(delegation)
    locked = Pledge.objects.select_for_update().get(pk=pledge.pk, delegation=delegation)
    return _new_version(pledge=locked, delegation=delegation)


def earlier_pledges(*, delegation: Delegation):
    """The same Member State's pledges at the other meetings of the conference's series that
    have no newer version yet: those it can confirm or update here."""
    register = register_active(conference=delegation.conference)
    if register is None or register.series_id is None or not delegation.country:
        return Pledge.objects.none()
    return (
        Pledge.objects.filter(
            delegation__conference__pledge_register__series_id=register.series_id,
            delegation__country=delegation.country,
            delegation__conference__start_date__lt=delegation.conference.start_date,
            state__in=LIVE_STATES,
            next_version__isnull=True,
        )
        .select_related("capability", "delegation__conference")
        .order_by("delegation__conference__start_date", "capability__order", "pk")
    )


@transaction.atomic
def pledge_confirm(*, delegation: Delegation, pledge: Pledge) -> Pledge:
    """A new draft at this meeting continuing `pledge`, made by the same Member State at an
    earlier meeting of the series; submitted unchanged, it confirms it, changed, updates it."""
    _refuse_unless_may_pledge(delegation)
    if not earlier_pledges(delegation=delegation).filter(pk=pledge.pk).exists():
        raise ValidationError(
            _("This pledge cannot be confirmed at this meeting."), code="not_in_series"
        )
    locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
    return _new_version(pledge=locked, delegation=delegation)


@transaction.atomic
def pledges_merge(
    *, keep: Pledge, duplicates: Iterable[Pledge], by: AbstractBaseUser | None
) -> list[PledgeStateChange]:
    """Withdraw each of `duplicates` as a duplicate of `keep`: same delegation, same
    capability; the log says which pledge was kept."""
    changes = []
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        if (duplicate.delegation_id, duplicate.capability_id) != (
            keep.delegation_id,
            keep.capability_id,
        ):
            raise ValidationError(
                _("Only pledges of one delegation for one capability can be merged."),
                code="not_duplicates",
            )
        locked = Pledge.objects.select_for_update().get(pk=duplicate.pk)
        if PledgeState.WITHDRAWN not in ALLOWED_TRANSITIONS[locked.state]:
            raise TransitionNotAllowed(
                _("Pledge %(number)s cannot be withdrawn.") % {"number": locked.pk},
                code="transition",
            )
        locked.duplicate_of = keep
        changes.append(
            _state_set(
                pledge=locked,
                to_state=PledgeState.WITHDRAWN,
                by=by,
                by_focal_point=False,
                reason=_("Duplicate of pledge %(number)s.") % {"number": keep.pk},
            )
        )
    return changes
