import datetime
import hashlib
import ipaddress
import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce, Collate, Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django_countries import countries

from conference.collation import language_collation
from conference.countries import CountryField
from conference.models import Conference
from conference.plain_text import ControlCharactersRefused
from delegations.email_templates import (
    email_kinds,
    placeholders_check,
    required_placeholders_check,
)
from delegations.names import PersonName, validate_latin_letters
from delegations.storage import private_storage
from delegations.task_documents import TaskDocument, done_has_its_file
from delegations.uploads import RandomFileName


def preferred_language_field() -> models.CharField:
    """A person's language for what Plenary sends them; blank means the conference's main one.

    Any of the six; forms offer only the conference's languages."""
    return models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "E-mails and documents sent to this person are in this language; when blank, in "
            "the conference's main language."
        ),
    )


# ICU's root collation sorts as people expect whatever the database's own locale: case and
# accents only break ties, so “Côte d'Ivoire” comes between Costa Rica and Croatia.
PROTOCOL_COLLATION = "und-x-icu"
# Protocol order follows the English short names of States unless another language is asked
# for (the List of Participants in French, say).
PROTOCOL_LANGUAGE = "en"
# The most places one request may add: more is a typo, or a conversation with the organisers.
MAX_EXTRA_PLACES = 50


# Names of this machine or of a local network, never of the internet: localhost (RFC 6761),
# the `localhost.localdomain` of many systems, mDNS (.local, RFC 6762), home networks
# (.home.arpa, RFC 8375) and private networks (.internal, reserved by ICANN in 2024).
LOCAL_DOMAINS = ("localhost", "localdomain", "local", "home.arpa", "internal")


def validate_internet_email(value: str) -> None:
    """Refuse an address at a local host or network name or at an IP address: mail to it would
    go to the mail server itself or to a machine of its network, never to a delegate."""
    domain = value.rpartition("@")[2].strip("[]").removeprefix("IPv6:").lower()
    try:
        ipaddress.ip_address(domain)
    except ValueError:
        if not any(domain == local or domain.endswith(f".{local}") for local in LOCAL_DOMAINS):
            return
    raise ValidationError(
        _("Enter an address at an internet domain, not at a local host or an IP address."),
        code="not_internet_email",
    )


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


class RepresentationLevel(models.TextChoices):
    """The level of the Head of Delegation, highest precedence first (shared/reference/protocol.md).

    Declared in order of precedence: the list of speakers and protocol reports follow it.
    """

    HEAD_OF_STATE = "head_of_state", _("Head of State")
    VICE_PRESIDENT = "vice_president", _("Vice-President / Crown Prince or Princess")
    HEAD_OF_GOVERNMENT = "head_of_government", _("Head of Government")
    DEPUTY_PRIME_MINISTER = "deputy_prime_minister", _("Deputy Prime Minister")
    MINISTER = "minister", _("Minister")
    VICE_MINISTER = "vice_minister", _("Vice-Minister / Deputy Minister")
    AMBASSADOR = "ambassador", _("Ambassador / Permanent Representative")
    SENIOR_OFFICIAL = "senior_official", _("Senior official")
    OTHER = "other", _("Other")


class DelegationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    NOMINATED = "nominated", _("Nominated")
    ACCREDITED = "accredited", _("Accredited")
    DECLINED = "declined", _("Declined")


class LookUp(models.Func):
    """`values[array_position(keys, key)]` in SQL: the value paired with `key`, or NULL.

    Two array parameters instead of a CASE with a branch per key: Django takes some 40 ms to
    compile a CASE over the 250 countries, the arrays nothing.
    """

    output_field = models.CharField()

    def __init__(self, key: models.Expression, *, keys: list[str], values: list[str]) -> None:
        super().__init__(key, models.Value(keys), models.Value(values))

    def as_sql(self, compiler, connection, **extra_context):
        (key, key_params), (keys, keys_params), (values, values_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        sql = f"(({values})::text[])[array_position(({keys})::text[], ({key})::text)]"
        return sql, (*values_params, *keys_params, *key_params)


def delegation_name_in(language: str, prefix: str = "") -> models.Func:
    """The delegation's name as `Delegation.name` gives it in `language`, in SQL: the country's
    name (django-countries' CLDR names), or else the organisation's; `prefix` reaches the
    delegation from another model."""
    with translation.override(language):
        codes, names = zip(*((code, str(name)) for code, name in countries), strict=True)
    return Coalesce(
        LookUp(models.F(f"{prefix}country"), keys=list(codes), values=list(names)),
        models.F(f"{prefix}organisation_name"),
    )


def declared_order(field: str, choices: type[models.Choices]) -> models.Case:
    """`field`'s value as its position in `choices`, to order by the choices' declared order."""
    return models.Case(
        *[
            models.When(**{field: value}, then=models.Value(position))
            for position, value in enumerate(choices.values)
        ],
        output_field=models.IntegerField(),
    )


def delegation_protocol_order(
    prefix: str = "", *, language: str = PROTOCOL_LANGUAGE
) -> list[OrderBy]:
    """ORDER BY terms for delegations in protocol order: by kind in its declared order, then by
    name: in English by the protocol sort key in ICU collation, in another language by the
    names in that language in its own collation. `prefix` reaches the delegation from another
    model."""
    if language == PROTOCOL_LANGUAGE:
        name = Collate(f"{prefix}protocol_sort_key", PROTOCOL_COLLATION)
    else:
        name = Collate(delegation_name_in(language, prefix), language_collation(language))
    return [
        declared_order(f"{prefix}kind", DelegationKind).asc(),
        name.asc(),
        # Two delegations may share a sort key; their members must not interleave.
        models.F(f"{prefix}id").asc(),
    ]


class DelegationQuerySet(models.QuerySet):
    def in_protocol_order(self, *, language: str = PROTOCOL_LANGUAGE) -> "DelegationQuerySet":
        return self.order_by(*delegation_protocol_order(language=language))


class Delegation(ControlCharactersRefused, models.Model):
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
    representation_level = models.CharField(
        _("level of representation"),
        max_length=30,
        choices=RepresentationLevel.choices,
        blank=True,
        help_text=_("The level of the Head of Delegation; it sets the order of precedence."),
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
            with translation.override(PROTOCOL_LANGUAGE):
                return str(self.country.name)
        return self.organisation_name


class FocalPoint(ControlCharactersRefused, models.Model):
    """The delegation's contact who registers its members (a mission's officer, say)."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="focal_points",
        verbose_name=_("delegation"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), validators=[validate_internet_email])
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = preferred_language_field()

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

    @property
    def language(self) -> str:
        """The language of what is sent to this focal point."""
        return self.preferred_language or self.delegation.conference.main_language


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


# The heading of the date a participant registered on; "registered" in a count is another string.
REGISTERED_AT = pgettext_lazy("heading of the date a participant registered on", "registered")


def new_badge_token() -> str:
    return secrets.token_urlsafe(24)


def participant_protocol_order(*, language: str = PROTOCOL_LANGUAGE) -> list[OrderBy]:
    """The ORDER BY terms of ParticipantQuerySet.in_protocol_order(): delegations in protocol
    order (in `language`); within each, roles in their declared order, then the Latin family
    and given names, never the name in its own script."""
    return [
        *delegation_protocol_order("delegation__", language=language),
        declared_order("role", Role).asc(),
        Collate("family_name", PROTOCOL_COLLATION).asc(),
        Collate("given_name", PROTOCOL_COLLATION).asc(),
        models.F("id").asc(),
    ]


# For orderings that add to the protocol order (the admin's exports and its delegation column).
PARTICIPANT_PROTOCOL_ORDER = participant_protocol_order()


class ParticipantQuerySet(models.QuerySet):
    def active(self) -> "ParticipantQuerySet":
        return self.filter(state__in=ACTIVE_STATES)

    def approved(self) -> "ParticipantQuerySet":
        return self.filter(state=State.APPROVED)

    def sharing_an_address(self) -> "ParticipantQuerySet":
        """Active registrations whose address is also active in another delegation of the
        conference. A focal point who registers such an address is not told (that would say
        who takes part); the organisers are, on the dashboard, and approve one of the two."""
        elsewhere = (
            Participant.objects.active()
            .filter(
                conference=models.OuterRef("conference"), email__iexact=models.OuterRef("email")
            )
            .exclude(delegation=models.OuterRef("delegation"))
        )
        return self.active().filter(models.Exists(elsewhere))

    def in_protocol_order(self, *, language: str = PROTOCOL_LANGUAGE) -> "ParticipantQuerySet":
        """The order of the List of Participants, everywhere people are listed by protocol:
        delegations in protocol order (English, or `language`'s names and collation); within
        each, the Head of Delegation first and the other roles in their declared order, then
        the Latin family and given names in ICU collation."""
        return self.order_by(*participant_protocol_order(language=language))


class Participant(ControlCharactersRefused, PersonName):
    # Denormalised from the delegation so that the database can keep e-mails unique per
    # conference; services keep the two in step.
    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("conference"),
        # Indexed with the id instead (participant_conf_id_idx), which serves the same lookups.
        db_index=False,
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
    given_name = models.CharField(
        _("given name"),
        max_length=150,
        validators=[validate_latin_letters],
        help_text=_("In Latin letters, as in the passport."),
    )
    family_name = models.CharField(
        _("family name"),
        max_length=150,
        validators=[validate_latin_letters],
        help_text=_("In Latin letters, as in the passport."),
    )
    functional_title = models.CharField(_("functional title"), max_length=250, blank=True)
    role = models.CharField(
        _("role in delegation"), max_length=20, choices=Role.choices, default=Role.REPRESENTATIVE
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.DELEGATE
    )
    email = models.EmailField(_("e-mail"), validators=[validate_internet_email])
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = preferred_language_field()
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
    # Media only: who they report for, and the press card the organisers check.
    media_outlet = models.CharField(
        _("media outlet"), max_length=200, blank=True, help_text=_("For media: who you report for.")
    )
    press_card_number = models.CharField(
        _("press card number"),
        max_length=60,
        blank=True,
        help_text=_("For media: the number of your press card, as issued."),
    )
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
    registered_at = models.DateTimeField(REGISTERED_AT, auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["conference", "state"], name="participant_conf_state_idx"),
            # A conference's participants' ids from the index alone: what the admin's counts of
            # what hangs on them (state changes, entries, security data) join on to keep to
            # a conference (half the time of reading the participants' rows at a COP).
            models.Index(fields=["conference", "id"], name="participant_conf_id_idx"),
            # Lists in the participants' name order (the model's own) read their first page
            # from here, e.g. security clearances: 126 -> 5 ms at a COP.
            models.Index(fields=["family_name", "given_name"], name="participant_name_order_idx"),
            # The admin's review queue (pending first, oldest first; the admin adds -pk): its
            # first page is read from this index instead of sorting every participant.
            models.Index(
                declared_order("state", State),
                models.F("registered_at"),
                models.F("id").desc(),
                name="participant_review_order_idx",
            ),
            # The admin's counts of each delegation's members by state, from the index alone.
            models.Index(fields=["delegation", "state"], name="participant_deleg_state_idx"),
            # The registration date filter of the admin (today, the past 7 days, ...).
            models.Index(fields=["registered_at"], name="participant_registered_at_idx"),
            # The public delegations page: how many each delegation lists, from the index.
            models.Index(
                fields=["delegation"],
                condition=models.Q(state="approved", consents_to_public_listing=True),
                name="participant_listed_idx",
            ),
            # The public pages' version (count and latest change), from the index alone.
            models.Index(fields=["conference", "updated_at"], name="participant_conf_updated_idx"),
            # The public List of Participants' file version: the listed ones' count and latest
            # change, from the index alone (accreditation.selectors).
            models.Index(
                fields=["conference", "updated_at"],
                condition=models.Q(state="approved", consents_to_public_listing=True),
                name="participant_listed_updated_idx",
            ),
            GinIndex(
                fields=["family_name", "given_name"],
                name="participant_name_trgm_idx",
                opclasses=["gin_trgm_ops", "gin_trgm_ops"],
            ),
            GinIndex(
                fields=["own_script_name"],
                name="participant_own_name_trgm_idx",
                opclasses=["gin_trgm_ops"],
            ),
        ]
        constraints = [
            # An address is registered once per delegation, and approved once per conference
            # (one badge per person). Across delegations it may be pending twice: refusing
            # it would tell a focal point who is registered elsewhere; organisers see both
            # (the participant list's "shared e-mail address" filter) and approve one.
            models.UniqueConstraint(
                "delegation",
                Lower("email"),
                condition=models.Q(state__in=ACTIVE_STATES),
                name="participant_unique_active_email_per_delegation",
                violation_error_message=_(
                    "This e-mail address is already registered in this delegation."
                ),
            ),
            models.UniqueConstraint(
                "conference",
                Lower("email"),
                condition=models.Q(state=State.APPROVED),
                name="participant_unique_approved_email_per_conference",
                violation_error_message=_(
                    "This e-mail address is already approved for someone else at this conference."
                ),
            ),
            models.UniqueConstraint(
                fields=["delegation"],
                condition=models.Q(role=Role.HEAD, state__in=ACTIVE_STATES),
                name="participant_one_head_per_delegation",
                violation_error_message=_("The delegation already has a Head of Delegation."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def language(self) -> str:
        """The language of the e-mails and documents sent to this participant."""
        return self.preferred_language or self.conference.main_language


class ParticipantStateChange(ControlCharactersRefused, models.Model):
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
        # The admin's log, newest first, read from the index rather than sorted.
        indexes = [models.Index(fields=["changed_at", "id"], name="state_change_changed_at_idx")]

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class QuotaRequestState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class QuotaRequest(ControlCharactersRefused, models.Model):
    """A focal point's request for more places than the delegation's quota; the waiting list.

    Granting raises the quota by `places` (delegations.services.quota_request_decide).
    """

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="quota_requests",
        verbose_name=_("delegation"),
    )
    places = models.PositiveSmallIntegerField(
        _("extra places"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EXTRA_PLACES)],
    )
    reason = models.TextField(_("reason"), max_length=1000)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=QuotaRequestState.choices,
        default=QuotaRequestState.REQUESTED,
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    answer = models.TextField(_("answer to the focal point"), blank=True)

    class Meta:
        verbose_name = _("request for more places")
        verbose_name_plural = _("requests for more places")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places__gte=1, places__lte=MAX_EXTRA_PLACES),
                name="quota_request_places_in_range",
            ),
            # One open request per delegation: a second one would be granted twice over.
            models.UniqueConstraint(
                fields=["delegation"],
                condition=models.Q(state="requested"),
                name="quota_request_one_open_per_delegation",
            ),
            models.CheckConstraint(
                condition=models.Q(state="requested", decided_at__isnull=True)
                | (~models.Q(state="requested") & models.Q(decided_at__isnull=False)),
                name="quota_request_decided_when_not_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: +{self.places} ({self.get_state_display()})"


class EmailTemplate(ControlCharactersRefused, models.Model):
    """A conference's own wording of one kind of e-mail in one of its languages
    (delegations/email_templates.py); without one, the default text is sent."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="email_templates",
        verbose_name=_("conference"),
    )
    kind = models.CharField(_("e-mail"), max_length=40)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=10000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail text")
        verbose_name_plural = _("e-mail texts")
        ordering = ["conference", "kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "kind", "language"], name="email_template_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} ({self.language})"

    @property
    def kind_label(self) -> str:
        kind = email_kinds().get(self.kind)
        return str(kind.label) if kind else self.kind

    def clean(self) -> None:
        errors = {}
        kind = email_kinds().get(self.kind)
        if kind is None:
            errors["kind"] = _("Choose one of the e-mails Plenary sends.")
        if self.conference_id and self.language not in self.conference.languages:
            errors["language"] = _("Choose one of the conference's languages.")
        if kind is not None:
            for name in ("subject", "body"):
                try:
                    placeholders_check(getattr(self, name), kind=kind)
                    if name == "body":
                        required_placeholders_check(self.body, kind=kind)
                except ValidationError as error:
                    errors[name] = error.messages
        if errors:
            raise ValidationError(errors)


def token_hash(token: str) -> str:
    """What is kept of an invitation link's token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


USE_RECORD_INTERVAL = datetime.timedelta(minutes=5)


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
    # Set by the portal (delegations.portal.with_invitation): when its link was first opened,
    # and, to within USE_RECORD_INTERVAL, last used; a re-issued link starts again.
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["delegation"]

    def __str__(self) -> str:
        return str(self.delegation)

    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def use_record(self, *, now: datetime.datetime | None = None) -> None:
        """Note that the link was used now: its first opening, and its last use, written at
        most once per USE_RECORD_INTERVAL so that a focal point's clicks cost no writes."""
        now = now or timezone.now()
        if self.last_used_at is not None and now - self.last_used_at < USE_RECORD_INTERVAL:
            return
        self.opened_at = self.opened_at or now
        self.last_used_at = now
        Invitation.objects.filter(pk=self.pk).update(
            opened_at=Coalesce("opened_at", models.Value(now)), last_used_at=now
        )

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


class CategoryAllowance(models.Model):
    """A category that focal points of one kind of delegation may register members in, at one
    conference. A kind with no row here gets the default (delegations.services)."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="category_allowances",
        verbose_name=_("conference"),
    )
    kind = models.CharField(_("delegation kind"), max_length=20, choices=DelegationKind.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)

    class Meta:
        verbose_name = _("category focal points may register")
        verbose_name_plural = _("categories focal points may register")
        ordering = ["conference", "kind", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "kind", "category"],
                name="category_allowance_once_per_kind",
                violation_error_message=_("This category is already allowed for this kind."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=DelegationKind.values)
                & models.Q(category__in=Category.values),
                name="category_allowance_known_values",
                violation_error_message=_("Choose a known kind and category."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_category_display()}"


class ExportKind(models.TextChoices):
    """What an admin export lists, named by its model's label (delegations/exports.py)."""

    PARTICIPANTS = "delegations.participant", _("Participants (CSV)")
    DELEGATIONS = "delegations.delegation", _("Delegations (CSV)")
    CHECK_INS = "accreditation.entry", _("Check-ins (CSV)")


def export_permission(kind: str) -> str:
    """Who may take an export's file: who may see its rows in the admin, e.g.
    "delegations.view_participant"."""
    app_label, model_name = kind.split(".")
    return f"{app_label}.view_{model_name}"


class Export(TaskDocument):
    """The CSV of an admin selection (participants, delegations, check-ins) of one conference,
    made by a task (delegations/exports.py) in the language of the organiser who asked."""

    kind = models.CharField(_("kind"), max_length=40, choices=ExportKind.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # The rows selected when it was asked for: what the list showed then, not what its filters
    # (such as "registered today") would find when the task runs.
    row_ids = ArrayField(models.BigIntegerField(), default=list, verbose_name=_("rows"))

    url_name = "delegations:export"
    content_type = "text/csv; charset=utf-8"

    class Meta(TaskDocument.Meta):
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [done_has_its_file("export_done_has_its_file")]

    @property
    def permission(self) -> str:
        return export_permission(self.kind)

    def steps_text(self) -> str:
        return ngettext(
            "%(done)s of %(total)s row.", "%(done)s of %(total)s rows.", self.progress_total
        ) % {"done": self.progress_done, "total": self.progress_total}

    def download_name(self) -> str:
        """As the export in the request named it: participant-2026-11-30.csv."""
        model_name = self.kind.split(".")[1]
        return f"{model_name}-{timezone.localdate(self.requested_at):%Y-%m-%d}.csv"
