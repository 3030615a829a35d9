import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Collate, Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from conference.models import Conference
from delegations.storage import private_storage
from delegations.uploads import RandomFileName

# ICU's root collation sorts as people expect whatever the database's own locale: case and
# accents only break ties, so “Côte d'Ivoire” comes between Costa Rica and Croatia.
PROTOCOL_COLLATION = "und-x-icu"


class DelegationKind(models.TextChoices):
    # Declared in protocol order: the List of Participants follows it. The host institution's
    # own team (organisers, security) comes last, as a conference secretariat does; co-host
    # governments attend as Member States.
    MEMBER_STATE = "member_state", _("Member State")
    OBSERVER_STATE = "observer_state", _("Observer State")
    UN_SECRETARIAT = "un_secretariat", _("UN Secretariat / UN entity")
    IGO = "igo", _("Intergovernmental organisation")
    NGO = "ngo", _("NGO / academia")
    EXPERTS = "experts", _("Experts")
    HOST = "host", _("Host institution")


STATE_KINDS = (DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE)

# Headings of the List of Participants and the public list, one per kind.
SECTION_HEADINGS = {
    DelegationKind.MEMBER_STATE: _("Member States"),
    DelegationKind.OBSERVER_STATE: _("Observer States"),
    DelegationKind.UN_SECRETARIAT: _("United Nations Secretariat and entities"),
    DelegationKind.IGO: _("Intergovernmental organisations"),
    DelegationKind.NGO: _("Non-governmental organisations and academia"),
    DelegationKind.EXPERTS: _("Experts"),
    DelegationKind.HOST: _("Host institution and organisers"),
}


class DelegationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    NOMINATED = "nominated", _("Nominated")
    ACCREDITED = "accredited", _("Accredited")
    DECLINED = "declined", _("Declined")


class DelegationQuerySet(models.QuerySet):
    def in_protocol_order(self) -> "DelegationQuerySet":
        kind_rank = models.Case(
            *[
                models.When(kind=kind, then=models.Value(rank))
                for rank, kind in enumerate(DelegationKind.values)
            ],
            output_field=models.IntegerField(),
        )
        return self.alias(kind_rank=kind_rank).order_by(
            "kind_rank", Collate("protocol_sort_key", PROTOCOL_COLLATION)
        )


class Delegation(models.Model):
    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("conference"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DelegationKind.choices)
    country = CountryField(_("country"), blank=True)
    organisation_name = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For delegations that are not States."),
    )
    protocol_sort_key = models.CharField(
        _("protocol sort key"),
        max_length=200,
        blank=True,
        help_text=_("English short name used for protocol order; filled in when left blank."),
    )
    quota = models.PositiveSmallIntegerField(
        _("quota"), default=5, help_text=_("Maximum number of members.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DelegationStatus.choices,
        default=DelegationStatus.INVITED,
    )
    nomination_letter = models.FileField(
        _("nomination letter"),
        storage=private_storage,
        upload_to="nomination-letters/%Y/",
        blank=True,
    )
    notes = models.TextField(_("internal notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["conference", "protocol_sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "country"],
                condition=~models.Q(country=""),
                name="delegation_one_per_country_per_conference",
                violation_error_message=_("This country already has a delegation here."),
            ),
            models.UniqueConstraint(
                fields=["conference", "organisation_name"],
                condition=~models.Q(organisation_name=""),
                name="delegation_one_per_organisation_per_conference",
                violation_error_message=_("This organisation already has a delegation here."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind__in=STATE_KINDS, organisation_name="") & ~models.Q(country="")
                )
                | (~models.Q(kind__in=STATE_KINDS) & ~models.Q(organisation_name="")),
                name="delegation_state_has_country_others_have_name",
                violation_error_message=_(
                    "A State's delegation names a country; any other delegation names its "
                    "organisation."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.country:
            return str(self.country.name)
        return self.organisation_name

    def clean(self) -> None:
        if not self.protocol_sort_key:
            self.protocol_sort_key = self.default_protocol_sort_key()

    def default_protocol_sort_key(self) -> str:
        if self.country:
            # Protocol order follows the English short name whatever language is active.
            with translation.override("en"):
                return str(self.country.name)
        return self.organisation_name


class FocalPoint(models.Model):
    """The delegation's contact who registers its members (a mission's officer, say)."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="focal_points",
        verbose_name=_("delegation"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["delegation", "name"]
        constraints = [
            models.UniqueConstraint(
                "delegation", Lower("email"), name="focal_point_unique_email_per_delegation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Role(models.TextChoices):
    # Declared in protocol order within a delegation.
    HEAD = "head", _("Head of Delegation")
    DEPUTY = "deputy", _("Deputy Head of Delegation")
    REPRESENTATIVE = "representative", _("Representative")
    ALTERNATE = "alternate", _("Alternate")
    ADVISER = "adviser", _("Adviser")
    EXPERT = "expert", _("Expert")
    OBSERVER = "observer", _("Observer")
    SUPPORT = "support", _("Support staff")


class Category(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    UN_SECRETARIAT = "un_secretariat", _("UN Secretariat")
    EXPERT = "expert", _("Expert")
    MEDIA = "media", _("Media")
    ORGANISER = "organiser", _("Organiser")
    SECURITY = "security", _("Security")


class State(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ACTIVE_STATES = (State.PENDING, State.APPROVED)


def new_badge_token() -> str:
    return secrets.token_urlsafe(24)


class ParticipantQuerySet(models.QuerySet):
    def active(self) -> "ParticipantQuerySet":
        return self.filter(state__in=ACTIVE_STATES)

    def approved(self) -> "ParticipantQuerySet":
        return self.filter(state=State.APPROVED)

    def in_delegation_order(self) -> "ParticipantQuerySet":
        role_rank = models.Case(
            *[
                models.When(role=role, then=models.Value(rank))
                for rank, role in enumerate(Role.values)
            ],
            output_field=models.IntegerField(),
        )
        return self.alias(role_rank=role_rank).order_by(
            "role_rank",
            Collate("family_name", PROTOCOL_COLLATION),
            Collate("given_name", PROTOCOL_COLLATION),
        )


class Participant(models.Model):
    # Denormalised from the delegation so that the database can keep e-mails unique per
    # conference; services keep the two in step.
    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("conference"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("delegation"),
    )
    honorific = models.CharField(
        _("honorific"), max_length=40, blank=True, help_text=_("e.g. H.E., Gen., Dr.")
    )
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150)
    functional_title = models.CharField(_("functional title"), max_length=250, blank=True)
    role = models.CharField(
        _("role in delegation"), max_length=20, choices=Role.choices, default=Role.REPRESENTATIVE
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.DELEGATE
    )
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    # Private: only staff, check-in staff and the delegation's focal point may see it.
    photo = models.ImageField(
        _("photo"),
        storage=private_storage,
        upload_to=RandomFileName("participant-photos"),
        blank=True,
    )
    dietary_needs = models.CharField(_("dietary needs"), max_length=250, blank=True)
    access_needs = models.CharField(_("access needs"), max_length=250, blank=True)
    consents_to_public_listing = models.BooleanField(
        _("appears in the public list of participants"), default=False
    )
    state = models.CharField(
        _("registration state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    state_reason = models.TextField(_("reason for the state"), blank=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    badge_token = models.CharField(
        _("badge token"), max_length=64, unique=True, default=new_badge_token, editable=False
    )
    badge_printed_at = models.DateTimeField(_("badge printed"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["conference", "state"], name="participant_conf_state_idx"),
            GinIndex(
                fields=["family_name", "given_name"],
                name="participant_name_trgm_idx",
                opclasses=["gin_trgm_ops", "gin_trgm_ops"],
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                "conference",
                Lower("email"),
                condition=models.Q(state__in=ACTIVE_STATES),
                name="participant_unique_active_email_per_conference",
                violation_error_message=_("This e-mail address is already registered."),
            ),
            models.UniqueConstraint(
                fields=["delegation"],
                condition=models.Q(role=Role.HEAD, state__in=ACTIVE_STATES),
                name="participant_one_head_per_delegation",
                violation_error_message=_("The delegation already has a Head of Delegation."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def name_with_honorific(self) -> str:
        return " ".join(part for part in (self.honorific, self.full_name) if part)


class ParticipantStateChange(models.Model):
    """One registration state change: who made it, when, from what, to what and why."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="state_changes",
        verbose_name=_("participant"),
    )
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["participant", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


def token_hash(token: str) -> str:
    """What is kept of an invitation link's token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def for_token_hash(self, token_hash: str) -> "InvitationQuerySet":
        return self.filter(token_hash=token_hash).select_related("delegation__conference")


class Invitation(models.Model):
    """A delegation's personal registration link; only the token's SHA-256 hash is kept."""

    delegation = models.OneToOneField(
        Delegation,
        on_delete=models.CASCADE,
        related_name="invitation",
        verbose_name=_("delegation"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last sent by"),
    )
    send_count = models.PositiveIntegerField(_("times sent"), default=0)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["delegation"]

    def __str__(self) -> str:
        return str(self.delegation)

    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def link_renew(self) -> str:
        """Give the invitation a new link token (the old link stops working) and return it.

        Only its hash is kept; the caller saves the row.
        """
        token = secrets.token_urlsafe(32)
        self.token_hash = token_hash(token)
        return token

    @property
    def expires_at(self) -> datetime.datetime:
        """When the link stops working: the later of registration closing and the meeting's end.

        Until registration closes the link registers; from then on it shows the list read-only,
        so focal points can follow accreditation up to the meeting. Reopening registration
        (a later closing date) makes an expired link work again.
        """
        conference = self.delegation.conference
        closes = conference.registration_closes_at
        return max(closes, conference.ends_at) if closes else conference.ends_at

    def is_expired(self, *, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at
