"""Registering people: delegation members through the portal and individual applications.

Rules: nothing is registered outside the registration window, focal points change nothing
after the modification deadline, a delegation never exceeds its quota, an e-mail address is
registered once per delegation (and approved once per conference: organisers settle an
address two delegations registered), and a submitted delegation has exactly one Head.
"""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from conference.local_time import local_time
from conference.models import Conference
from delegations.events import delegation_members_changed, delegation_status_changed
from delegations.link_secrets import link_token_pk
from delegations.models import (
    ACTIVE_STATES,
    Category,
    Delegation,
    DelegationKind,
    DelegationStatus,
    Participant,
    QuotaRequest,
    Role,
    State,
)
from delegations.participant_fields import (
    MEDIA_FIELDS,
    OFFICIAL_RECORD_FIELDS,
    PARTICIPANT_DETAILS,
    PLACE_FIELDS,
)
from delegations.services import (
    delegation_check_quota,
    delegation_head_replace,
    delegation_lock,
    participant_transition,
    participant_withdraw,
    portal_categories,
)
from delegations.services import quota_request_create as delegations_quota_request_create
from delegations.storage import file_replace_on_commit
from delegations.tasks import participant_state_email
from delegations.uploads import letter_renamed, photo_resized, validate_letter, validate_photo
from registration.models import (
    APPLICATION_MAX_AGE,
    APPLICATION_SALT,
    APPLICATION_STATUS_SALT,
    ApplicantKind,
    Application,
)
from registration.tasks import application_confirmation_email

EXPERTS_NAME = "Experts"
EXPERTS_QUOTA = 1000
# The same words whether the address is taken by someone else or mistyped: registration
# must not reveal who takes part.
EMAIL_REFUSED = gettext_lazy(
    "This e-mail address cannot be used for this registration. Use another address or "
    "contact the organisers."
)
APPLICANT_ROLES = {
    ApplicantKind.EXPERT: (Role.EXPERT, Category.EXPERT),
    ApplicantKind.OBSERVER: (Role.OBSERVER, Category.EXPERT),
    ApplicantKind.MEDIA: (Role.OBSERVER, Category.MEDIA),
}
# What a person tells about themselves, in an application or through the focal point.
PERSON_FIELDS = [field for field in PARTICIPANT_DETAILS if field not in PLACE_FIELDS]
# What a focal point may change about a member; everything else belongs to the organisers.
MEMBER_FIELDS = [field for field in PARTICIPANT_DETAILS if field not in MEDIA_FIELDS]
# What the organisers vetted when they approved someone: who the person is (names, title,
# nationality, photo, the e-mail address the badge goes to) and what the badge grants (role,
# category). A change sends an approved member back to review; contact details, needs and
# consent do not.
IDENTITY_FIELDS = [*OFFICIAL_RECORD_FIELDS, "email", "nationality"]
IDENTITY_CHANGED_REASON = gettext_noop("Changed by the focal point; needs review again.")
# Kept in Application.data until the address is confirmed; the address has its own column.
APPLICATION_TEXT_FIELDS = [
    field for field in PERSON_FIELDS if field not in ("email", "consents_to_public_listing")
]


def registration_closed_message(
    *, conference: Conference, by_focal_point: bool, now: datetime.datetime | None = None
) -> str:
    """Why nobody can register now, saying when it opens or closed; "" while it is open.

    Focal points are also bound by the modification deadline.
    """
    now = now or timezone.now()
    opens, closes = conference.registration_opens_at, conference.registration_closes_at
    if opens is None:
        return _("Registration has not opened yet.")
    if now < opens:
        return _("Registration opens on %(when)s.") % {"when": local_time(opens, conference.tzinfo)}
    if closes is not None and now >= closes:
        return _("Registration closed on %(when)s.") % {
            "when": local_time(closes, conference.tzinfo)
        }
    deadline = conference.modification_deadline
    if by_focal_point and deadline is not None and now >= deadline:
        return _("The deadline for changes passed on %(when)s.") % {
            "when": local_time(deadline, conference.tzinfo)
        }
    return ""


def _require_open(*, conference: Conference, by_focal_point: bool) -> None:
    message = registration_closed_message(conference=conference, by_focal_point=by_focal_point)
    if message:
        raise ValidationError(message, code="registration_closed")


def _require_one_head_once_submitted(delegation: Delegation, *, field: str | None) -> None:
    """On submission: the delegation has exactly one Head of Delegation."""
    if delegation.status == DelegationStatus.INVITED:
        return
    heads = _active_heads(delegation)
    if heads != 1:
        message = _("A submitted delegation needs exactly one Head of Delegation.")
        raise ValidationError({field: message} if field else message, code="one_head")


def _active_heads(delegation: Delegation) -> int:
    return delegation.participants.active().filter(role=Role.HEAD).count()


def _require_head_kept(delegation: Delegation, *, had_head: bool, field: str | None) -> None:
    """After a focal point's change: a submitted delegation that had a Head still has one.

    A delegation left without a Head by the organisers (who rejected or withdrew them) may
    still change its other members; the portal asks it to name a new Head meanwhile. The Head
    is replaced in one step by member_head_replace, never by removing them first.
    """
    if delegation.status == DelegationStatus.INVITED or not had_head:
        return
    if _active_heads(delegation) == 0:
        message = _(
            "A submitted delegation keeps its Head of Delegation: use “Replace the Head of "
            "Delegation” to name another one."
        )
        raise ValidationError({field: message} if field else message, code="one_head")


def _announce_member_change(delegation: Delegation, participant: Participant, change: str) -> None:
    """Tell whoever follows it (the secretariat's digest) of a change to a submitted list."""
    if delegation.status != DelegationStatus.INVITED:
        delegation_members_changed.send(
            sender=Delegation, delegation=delegation, participant=participant, change=change
        )


def _require_allowed_category(delegation: Delegation, participant: Participant) -> None:
    """The caller's delegation object, not the locked row: the lock does not cover the
    organisers' allowances, and the form drawn from that object has read them already."""
    if participant.category not in portal_categories(delegation=delegation):
        raise ValidationError(
            {"category": _("Focal points cannot register members in this category.")},
            code="category_not_allowed",
        )


def _save_participant(participant: Participant) -> None:
    """Save, turning the database's uniqueness rules into form errors.

    The caller took the delegation (and so the conference) from its locked row, and the badge
    token is random: checking that they exist, or that the token is unused, would be three
    queries the database's own keys repeat. A broken rule aborts the caller's transaction,
    which the ValidationError leaves: no savepoint is needed to go on after it.
    """
    participant.full_clean(
        exclude=["photo", "conference", "delegation"],
        validate_unique=False,
        validate_constraints=False,
    )
    try:
        with transaction.atomic(savepoint=False):
            participant.save()
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
        if constraint == "participant_unique_active_email_per_delegation":
            raise ValidationError(
                {"email": _("Another member of the delegation has this e-mail address.")},
                code="email_in_delegation",
            ) from None
        if constraint == "participant_unique_approved_email_per_conference":
            raise ValidationError({"email": EMAIL_REFUSED}, code="email_refused") from None
        if constraint == "participant_one_head_per_delegation":
            raise ValidationError(
                {"role": _("The delegation already has a Head of Delegation.")}, code="one_head"
            ) from None
        raise


def _attach_photo(row: Participant | Application, photo: UploadedFile | None) -> None:
    """Give the row a new photo; the file is written (and the old one deleted) on commit."""
    if photo is not None:
        validate_photo(photo)
        file_replace_on_commit(field_file=row.photo, content=photo_resized(photo))


def _insert(
    *, delegation: Delegation, participant: Participant, photo: UploadedFile | None = None
) -> Participant:
    """Add a pending participant to the locked delegation within its quota; queue the e-mail."""
    delegation_check_quota(delegation=delegation)
    participant.delegation = delegation
    participant.conference_id = delegation.conference_id
    participant.state = State.PENDING
    _attach_photo(participant, photo)
    _save_participant(participant)
    participant_state_email.enqueue(participant_id=participant.pk, state=State.PENDING)
    return participant


@transaction.atomic
def member_add(
    *, delegation: Delegation, participant: Participant, photo: UploadedFile | None = None
) -> Participant:
    """Register `participant` (unsaved) as a pending member of the delegation; whether
    registration is open is read from `delegation.conference` as the caller has it."""
    # The portal's link brought the conference in this request: reading its 26 columns
    # again with the lock cost about 0.3 ms, 4 % of a member's CPU.
    locked = delegation_lock(delegation_id=delegation.pk, with_conference=False)
    locked.conference = delegation.conference
    _require_open(conference=locked.conference, by_focal_point=True)
    _require_allowed_category(delegation, participant)
    _insert(delegation=locked, participant=participant, photo=photo)
    _announce_member_change(locked, participant, "added")
    return participant


def _identity_changed(before: Participant, after: Participant, photo: UploadedFile | None) -> bool:
    return photo is not None or any(
        str(getattr(before, field)) != str(getattr(after, field)) for field in IDENTITY_FIELDS
    )


@transaction.atomic
def member_update(
    *, delegation: Delegation, participant: Participant, photo: UploadedFile | None = None
) -> Participant:
    """Save the focal point's changes to an active member of this delegation; return the row.

    Only the fields a focal point may edit are taken from `participant`, onto the locked row:
    a badge printed or a decision made since the form was loaded is kept. An approved member
    whose identity changes goes back to pending (logged), for review.
    """
    locked = delegation_lock(delegation_id=delegation.pk)
    _require_open(conference=locked.conference, by_focal_point=True)
    current = Participant.objects.select_for_update().get(pk=participant.pk, delegation=locked)
    if current.state not in ACTIVE_STATES:
        raise ValidationError(_("Only active members can be changed."), code="inactive")
    # A category the organisers gave (say, Security for a host's officer) may stay as it is.
    if participant.category != current.category:
        _require_allowed_category(delegation, participant)
    if participant.role == Role.HEAD and current.role != Role.HEAD and _active_heads(locked):
        raise ValidationError(
            {
                "role": _(
                    "The delegation already has a Head of Delegation: use “Replace the Head "
                    "of Delegation” to swap them in one step."
                )
            },
            code="one_head",
        )
    had_head = bool(_active_heads(locked))
    if current.state == State.APPROVED and _identity_changed(current, participant, photo):
        # Back to review before the changes are saved: while approved, a new address would
        # meet the rule that an address is approved once per conference, and its refusal
        # would tell the focal point who is approved elsewhere. The e-mail the transition
        # sends after the commit reads `current`, so it goes to the new address.
        participant_transition(
            participant=current, to_state=State.PENDING, reason=_(IDENTITY_CHANGED_REASON)
        )
    for field in MEMBER_FIELDS:
        setattr(current, field, getattr(participant, field))
    _attach_photo(current, photo)
    _save_participant(current)
    _require_head_kept(locked, had_head=had_head, field="role")
    _announce_member_change(locked, current, "changed")
    return current


@transaction.atomic
def member_withdraw(*, delegation: Delegation, participant: Participant, reason: str) -> None:
    """Withdraw an active member through the state service: logged, and told by e-mail."""
    locked = delegation_lock(delegation_id=delegation.pk)
    _require_open(conference=locked.conference, by_focal_point=True)
    current = Participant.objects.select_for_update().get(pk=participant.pk, delegation=locked)
    if current.state not in ACTIVE_STATES:
        raise ValidationError(_("Only active members can be withdrawn."), code="inactive")
    had_head = bool(_active_heads(locked))
    participant_withdraw(participant=current, reason=reason)
    _require_head_kept(locked, had_head=had_head, field=None)
    _announce_member_change(locked, current, "withdrawn")


@transaction.atomic
def member_head_replace(
    *,
    delegation: Delegation,
    new_head: Participant,
    former_head_role: str | None,
    reason: str = "",
) -> Participant:
    """The focal point's swap of the Head of Delegation, in one step (see
    delegations.services.delegation_head_replace): approved members whose role changes go
    back to the organisers' review."""
    locked = delegation_lock(delegation_id=delegation.pk)
    _require_open(conference=locked.conference, by_focal_point=True)
    head = delegation_head_replace(
        delegation=locked,
        new_head=new_head,
        former_head_role=former_head_role,
        reason=reason,
        review=True,
    )
    _announce_member_change(locked, head, "head_replaced")
    return head


@transaction.atomic
def delegation_submit(*, delegation: Delegation) -> Delegation:
    """Hand the list to the organisers: the delegation moves from invited to nominated."""
    locked = delegation_lock(delegation_id=delegation.pk)
    _require_open(conference=locked.conference, by_focal_point=True)
    if locked.status != DelegationStatus.INVITED:
        raise ValidationError(_("This delegation has already been submitted."), code="submitted")
    if not locked.participants.active().exists():
        raise ValidationError(_("Register at least one member first."), code="empty")
    locked.status = DelegationStatus.NOMINATED
    _require_one_head_once_submitted(locked, field=None)
    locked.save(update_fields=["status", "updated_at"])
    delegation_status_changed.send(
        sender=Delegation, delegation=locked, status=DelegationStatus.NOMINATED, by=None
    )
    delegation.refresh_from_db()
    return locked


@transaction.atomic
def quota_request_create(*, delegation: Delegation, places: int, reason: str) -> QuotaRequest:
    """A focal point asks for more places, while registration is open to them."""
    _require_open(conference=delegation.conference, by_focal_point=True)
    return delegations_quota_request_create(delegation=delegation, places=places, reason=reason)


@transaction.atomic
def delegation_letter_upload(*, delegation: Delegation, letter: UploadedFile) -> Delegation:
    """Store the nomination letter (a PDF) in private storage, replacing any earlier one."""
    locked = delegation_lock(delegation_id=delegation.pk)
    _require_open(conference=locked.conference, by_focal_point=True)
    validate_letter(letter)
    file_replace_on_commit(field_file=locked.nomination_letter, content=letter_renamed(letter))
    locked.save(update_fields=["nomination_letter", "updated_at"])
    delegation.refresh_from_db()
    return locked


def application_data(*, participant: Participant) -> dict:
    """The applicant's details as an Application keeps them until the address is confirmed."""
    return {
        **{field: str(getattr(participant, field)) for field in APPLICATION_TEXT_FIELDS},
        "consents_to_public_listing": participant.consents_to_public_listing,
    }


@transaction.atomic
def application_create(
    *,
    conference: Conference,
    participant: Participant,
    kind: str,
    site_url: str,
    photo: UploadedFile | None = None,
) -> Application:
    """Keep an individual application until its address is confirmed; queue the e-mail
    with the confirmation link, under `site_url` (the site's root)."""
    if not conference.accepts_individual_applications:
        raise ValidationError(
            _("This conference does not take individual applications."), code="closed"
        )
    _require_open(conference=conference, by_focal_point=False)
    application = Application(
        conference=conference,
        kind=kind,
        email=participant.email,
        data=application_data(participant=participant),
    )
    _attach_photo(application, photo)
    # The conference is the caller's row: no query to find it again.
    application.full_clean(exclude=["conference"])
    application.save()
    application_confirmation_email.enqueue(application_id=application.pk, site_url=site_url)
    return application


def experts_delegation(*, conference: Conference) -> Delegation:
    """The conference's Experts delegation, created on first use."""
    existing = conference.delegations.filter(kind=DelegationKind.EXPERTS).order_by("pk").first()
    if existing:
        return existing
    delegation, _created = Delegation.objects.get_or_create(
        conference=conference,
        organisation_name=EXPERTS_NAME,
        defaults={
            "kind": DelegationKind.EXPERTS,
            "protocol_sort_key": EXPERTS_NAME,
            "quota": EXPERTS_QUOTA,
        },
    )
    return delegation


@transaction.atomic
def application_confirm(*, token: str) -> Application:
    """Turn a confirmed application into a pending participant of the Experts delegation.

    Following the link again is harmless, whatever became of the participant since; an expired
    or forged link raises ValidationError.
    """
    try:
        pk = signing.loads(token, salt=APPLICATION_SALT, max_age=APPLICATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This confirmation link has expired. Please apply again."), code="expired"
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is not valid."), code="invalid") from None
    application = (
        Application.objects.select_for_update().select_related("conference").filter(pk=pk).first()
    )
    if application is None:
        raise ValidationError(_("This confirmation link is not valid."), code="invalid")
    # Not participant_id: it is emptied when the participant is deleted, and the link must not
    # bring them back.
    if application.confirmed_at is not None:
        return application
    conference = application.conference
    _require_open(conference=conference, by_focal_point=False)
    role, category = APPLICANT_ROLES[application.kind]
    participant = Participant(
        email=application.email,
        role=role,
        category=category,
        photo=application.photo.name,
        consents_to_public_listing=bool(application.data.get("consents_to_public_listing")),
        # A field the data lacks (an application kept from before the field existed) takes
        # the model's default.
        **{
            field: application.data[field]
            for field in APPLICATION_TEXT_FIELDS
            if field in application.data
        },
    )
    experts = experts_delegation(conference=conference)
    _insert(delegation=delegation_lock(delegation_id=experts.pk), participant=participant)
    application.participant = participant
    application.confirmed_at = timezone.now()
    # The participant takes the photo over: the file goes when they do, and only then.
    application.photo = ""
    application.save(update_fields=["participant", "confirmed_at", "photo"])
    return application


def application_for_status_token(*, token: str) -> Application | None:
    """The application whose status page `token` opens, or None for a forged or stale one."""
    pk = link_token_pk(token, salt=APPLICATION_STATUS_SALT)
    if pk is None:
        return None
    return Application.objects.select_related("conference", "participant").filter(pk=pk).first()
