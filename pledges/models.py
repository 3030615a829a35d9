"""The pledge register: which conferences run one (and their series), the capabilities
Member States pledge, the pledges with their versions, and every change of a pledge's state.

Rules the data must never break are constraints here (and the trigger of migration 0002 that
freezes a pledge once submitted); the state rules live in pledges/services.py.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conference.models import Conference
from conference.plain_text import ControlCharactersRefused
from conference.translations import Translated, TranslationsField, translations_constraint
from delegations.models import Delegation, validate_internet_email
from delegations.task_documents import TaskDocument, done_has_its_file

# Quantities above this are typing mistakes (10^12 of anything), not pledges: even funding in
# US dollars stays below a thousand million per pledge.
MAX_QUANTITY = 1_000_000_000


class PledgeSeries(ControlCharactersRefused, models.Model):
    """Meetings that build on each other (a preparatory meeting feeds the ministerial)."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("series of meetings")
        verbose_name_plural = _("series of meetings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PledgeRegisterQuerySet(models.QuerySet):
    def active(self) -> "PledgeRegisterQuerySet":
        return self.filter(is_active=True)


class PledgeRegister(models.Model):
    """A conference's pledge register: whether it runs one, and the series it belongs to."""

    conference = models.OneToOneField(
        Conference,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pledge_register",
        verbose_name=_("conference"),
    )
    is_active = models.BooleanField(
        _("runs a pledge register"),
        default=True,
        help_text=_("Focal points of Member States see the pledges page in their portal."),
    )
    series = models.ForeignKey(
        PledgeSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registers",
        verbose_name=_("series"),
        help_text=_("Pledges made at an earlier meeting of the series can be confirmed here."),
    )
    # Bumped by every change to what the public page shows: its cache key and ETag use it.
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = PledgeRegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge register")
        verbose_name_plural = _("pledge registers")
        ordering = ["conference"]

    def __str__(self) -> str:
        return str(self.conference)


class Unit(models.TextChoices):
    PERSONNEL = "personnel", _("personnel")
    UNITS = "units", _("units")
    AIRCRAFT = "aircraft", _("aircraft")
    TRAINING_PLACES = "training_places", _("training places")
    ITEMS = "items", _("items of equipment")
    USD = "usd", _("US dollars")


class Capability(ControlCharactersRefused, models.Model):
    """A type of capability Member States pledge (formed police unit, funding...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    name_translations = TranslationsField(_("name in other languages"), max_length=120)
    default_unit = models.CharField(
        _("usual unit"), max_length=20, choices=Unit.choices, default=Unit.PERSONNEL
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("offered"), default=True, help_text=_("Focal points can choose it for new pledges.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    translated_name = Translated("name")

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["order", "name"]
        constraints = [
            translations_constraint(
                "name_translations", name="capability_name_translations_are_texts"
            ),
        ]

    def __str__(self) -> str:
        return self.translated_name


class PledgeState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    ANNOUNCED = "announced", _("announced")
    WITHDRAWN = "withdrawn", _("withdrawn")
    # Replaced by a newer version submitted at the same meeting.
    SUPERSEDED = "superseded", _("superseded by a new version")


# Pledges the ministerial may announce: reviewed, and the State agreed to their announcement.
SUMMARY_STATES = (PledgeState.ACKNOWLEDGED, PledgeState.ANNOUNCED)


class PledgeQuerySet(models.QuerySet):
    def for_summary(self) -> "PledgeQuerySet":
        return self.filter(state__in=SUMMARY_STATES, may_be_announced=True)

    def announced(self) -> "PledgeQuerySet":
        return self.filter(state=PledgeState.ANNOUNCED)


class Pledge(ControlCharactersRefused, models.Model):
    """One version of a Member State's pledge at one conference.

    Once submitted it is frozen; an amendment is a new version whose `previous` is this one
    (at the same conference), and a confirmation at the next meeting of the series is a new
    version at that meeting.
    """

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="pledges",
        verbose_name=_("delegation"),
    )
    capability = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("capability")
    )
    quantity = models.BigIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    deployable_from = models.DateField(
        _("deployable from"), help_text=_("The first day the capability can deploy.")
    )
    caveats = models.TextField(
        _("caveats"), blank=True, help_text=_("Conditions attached to the pledge, if any.")
    )
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"), validators=[validate_internet_email])
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    may_be_announced = models.BooleanField(
        _("may be announced publicly"),
        default=False,
        help_text=_(
            "If not, the pledge stays confidential: only the organisers see it, and it is "
            "left out of the totals the meeting announces."
        ),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=PledgeState.choices, default=PledgeState.DRAFT
    )
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("previous version"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["delegation", "capability", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1, quantity__lte=MAX_QUANTITY),
                name="pledge_quantity_in_range",
                violation_error_message=_("The quantity must be between 1 and 1,000,000,000."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=PledgeState.values),
                name="pledge_state_known",
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=Unit.values),
                name="pledge_unit_known",
            ),
            # A pledge cannot deploy before it was made (a day's slack for time zones).
            models.CheckConstraint(
                condition=models.Q(
                    deployable_from__gte=Cast("created_at", models.DateField()) - models.Value(1)
                ),
                name="pledge_deployable_after_creation",
                violation_error_message=_("The deployment date cannot be in the past."),
            ),
            models.CheckConstraint(
                condition=~models.Q(state=PledgeState.ANNOUNCED) | models.Q(may_be_announced=True),
                name="pledge_announced_only_if_allowed",
                violation_error_message=_(
                    "Only a pledge that may be announced publicly can be announced."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(previous=models.F("pk")),
                name="pledge_not_its_own_previous_version",
            ),
            models.CheckConstraint(
                condition=models.Q(duplicate_of__isnull=True)
                | (~models.Q(duplicate_of=models.F("pk")) & models.Q(state=PledgeState.WITHDRAWN)),
                name="pledge_duplicate_is_withdrawn",
                violation_error_message=_("A duplicate is withdrawn, and not of itself."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(delegation)s: %(quantity)s %(unit)s, %(capability)s") % {
            "delegation": self.delegation.name,
            "quantity": self.quantity,
            "unit": self.get_unit_display(),
            "capability": self.capability,
        }

    @property
    def is_draft(self) -> bool:
        return self.state == PledgeState.DRAFT


class PledgeStateChange(ControlCharactersRefused, models.Model):
    """One change of a pledge's state: who made it, when, from what, to what and why."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="state_changes", verbose_name=_("pledge")
    )
    from_state = models.CharField(_("from"), max_length=20, choices=PledgeState.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=PledgeState.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    by_focal_point = models.BooleanField(_("by the focal point"), default=False)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("pledge state change")
        verbose_name_plural = _("pledge state changes")
        ordering = ["pledge", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class SummaryDocument(TaskDocument):
    """The summary of pledges as a PDF, made by a task (pledges/tasks.py) in one language."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    region = models.CharField(_("region"), max_length=20, blank=True)

    url_name = "pledges:summary_document"

    class Meta(TaskDocument.Meta):
        verbose_name = _("summary of pledges (PDF)")
        verbose_name_plural = _("summaries of pledges (PDF)")
        constraints = [done_has_its_file("pledge_summary_done_has_its_file")]

    def title(self) -> str:
        return _("Summary of pledges (PDF)")

    def download_name(self) -> str:
        return f"pledges-{self.conference.slug}-{self.language}.pdf"
