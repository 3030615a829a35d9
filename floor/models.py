"""The floor of the meeting: lists of speakers and seating by lot.

A session takes inscriptions once it has a SpeakersList (plenary sessions get one on their
first inscription, others when an organiser opens one). Rules the data must never break are
constraints here; the order and every change go through floor/speakers.py and
floor/seating.py.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Deferrable
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from conference.models import Conference, Room
from conference.plain_text import ControlCharactersRefused
from delegations.models import Delegation, Participant
from delegations.task_documents import TaskDocument, done_has_its_file
from sessions.models import Session

DEFAULT_TIME_LIMIT = datetime.timedelta(minutes=3)


class SpeakersList(models.Model):
    """The list of speakers of one session."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="speakers_list", verbose_name=_("session")
    )
    closes_at = models.DateTimeField(
        _("closes"),
        null=True,
        blank=True,
        help_text=_("Focal points may inscribe their delegation until then."),
    )
    time_limit = models.DurationField(_("time limit per statement"), default=DEFAULT_TIME_LIMIT)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("The public may see the list.")
    )
    # Bumped by every change: the live pages and the public page's cache key follow it.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("list of speakers")
        verbose_name_plural = _("lists of speakers")
        ordering = ["session__starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(time_limit__gt=datetime.timedelta(0)),
                name="speakers_list_time_limit_positive",
                violation_error_message=_("The time limit must be longer than nothing."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.session)

    @property
    def time_limit_text(self) -> str:
        """The time limit as a clock shows it, e.g. 3:00."""
        seconds = int(self.time_limit.total_seconds())
        return f"{seconds // 60}:{seconds % 60:02d}"


class InscriptionStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    SPEAKING = "speaking", _("speaking")
    DELIVERED = "delivered", _("delivered")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Inscription(ControlCharactersRefused, models.Model):
    """A delegation's place on a list of speakers, for a named speaker of its own."""

    speakers_list = models.ForeignKey(
        SpeakersList,
        on_delete=models.CASCADE,
        related_name="inscriptions",
        verbose_name=_("list of speakers"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="inscriptions",
        verbose_name=_("delegation"),
    )
    speaker = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="inscriptions",
        verbose_name=_("speaker"),
    )
    language = models.CharField(
        _("language of the statement"), max_length=10, choices=settings.LANGUAGES
    )
    on_behalf_of = models.CharField(
        _("on behalf of"),
        max_length=200,
        blank=True,
        help_text=_("A group's or regional statement (e.g. the African Group) speaks first."),
    )
    position = models.PositiveIntegerField(_("position"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InscriptionStatus.choices,
        default=InscriptionStatus.WAITING,
    )
    inscribed_at = models.DateTimeField(_("inscribed"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    delivered_order = models.PositiveIntegerField(_("order delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["speakers_list", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["speakers_list", "delegation"],
                condition=~models.Q(status=InscriptionStatus.WITHDRAWN),
                name="inscription_one_per_delegation_per_list",
                violation_error_message=_("This delegation is already on the list."),
            ),
            # Deferred: moving a speaker renumbers the list in one transaction.
            models.UniqueConstraint(
                fields=["speakers_list", "position"],
                name="inscription_unique_position",
                deferrable=Deferrable.DEFERRED,
            ),
            models.UniqueConstraint(
                fields=["speakers_list"],
                condition=models.Q(status=InscriptionStatus.SPEAKING),
                name="inscription_one_speaking_per_list",
                violation_error_message=_("Someone is already speaking."),
            ),
            models.UniqueConstraint(
                fields=["speakers_list", "delivered_order"],
                name="inscription_unique_delivered_order",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status=InscriptionStatus.DELIVERED,
                    delivered_order__isnull=False,
                    started_at__isnull=False,
                    ended_at__isnull=False,
                )
                | (~models.Q(status=InscriptionStatus.DELIVERED) & models.Q(delivered_order=None)),
                name="inscription_delivered_has_its_order_and_times",
                violation_error_message=_("A delivered statement has its order and times."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.delegation}"


class ListChangeKind(models.TextChoices):
    INSCRIBED = "inscribed", _("inscribed")
    WITHDRAWN = "withdrawn", _("withdrawn")
    MOVED = "moved", _("moved")
    SWAPPED = "swapped", _("swapped")
    SPEAKER = "speaker", _("speaker changed")


class SwapStatus(models.TextChoices):
    PENDING = "pending", _("awaiting an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


class SwapRequest(ControlCharactersRefused, models.Model):
    """A delegation asks another on the same list to exchange places; the other's focal point
    accepts or declines from its portal (floor/swaps.py)."""

    proposer = models.ForeignKey(
        Inscription,
        on_delete=models.CASCADE,
        related_name="swaps_proposed",
        verbose_name=_("asked by"),
    )
    partner = models.ForeignKey(
        Inscription,
        on_delete=models.CASCADE,
        related_name="swaps_offered",
        verbose_name=_("asked of"),
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=SwapStatus.choices, default=SwapStatus.PENDING
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to exchange places")
        verbose_name_plural = _("requests to exchange places")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposer"],
                condition=models.Q(status="pending"),
                name="swap_request_one_pending_per_delegation",
                violation_error_message=_("Your delegation already awaits an answer."),
            ),
            models.CheckConstraint(
                condition=~models.Q(proposer=models.F("partner")),
                name="swap_request_with_another",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="swap_request_has_reason"),
            models.CheckConstraint(
                condition=models.Q(status="pending", answered_at=None)
                | (~models.Q(status="pending") & models.Q(answered_at__isnull=False)),
                name="swap_request_answered_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposer.delegation} ⇄ {self.partner.delegation}"


class ListChange(ControlCharactersRefused, models.Model):
    """One change to a list of speakers: what, by whom (a focal point when blank), why."""

    inscription = models.ForeignKey(
        Inscription, on_delete=models.CASCADE, related_name="changes", verbose_name=_("inscription")
    )
    kind = models.CharField(_("change"), max_length=10, choices=ListChangeKind.choices)
    from_position = models.PositiveIntegerField(_("from"), null=True, blank=True)
    to_position = models.PositiveIntegerField(_("to"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # Set on a swap the two delegations agreed from their portals.
    swap_request = models.ForeignKey(
        SwapRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed swap"),
    )
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
        verbose_name = _("change to the list")
        verbose_name_plural = _("changes to the list")
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind__in=["moved", "swapped"]) | ~models.Q(reason=""),
                name="list_change_move_has_reason",
                violation_error_message=_("Give the reason for the move."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.inscription}"


class RoomLayout(models.Model):
    """Where delegations can sit in a room: rows of seats, front row first."""

    room = models.OneToOneField(
        Room, on_delete=models.CASCADE, related_name="layout", verbose_name=_("room")
    )
    rows = models.PositiveSmallIntegerField(_("rows"))
    seats_per_row = models.PositiveSmallIntegerField(_("seats per row"))

    class Meta:
        verbose_name = _("seating layout")
        verbose_name_plural = _("seating layouts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rows__gte=1, rows__lte=100)
                & models.Q(seats_per_row__gte=1, seats_per_row__lte=100),
                name="room_layout_between_1_and_100",
                violation_error_message=_("Rows and seats per row are between 1 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.room)


class SeatingOrder(models.TextChoices):
    LOT = "lot", _("by lot, then English alphabetical order")
    CUSTOM = "custom", _("custom order")


class SeatingPlan(ControlCharactersRefused, models.Model):
    """Who sits where in one room at one conference."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="seating_plans",
        verbose_name=_("conference"),
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="seating_plans", verbose_name=_("room")
    )
    order = models.CharField(
        _("order"), max_length=10, choices=SeatingOrder.choices, default=SeatingOrder.LOT
    )
    seats_per_delegation = models.PositiveSmallIntegerField(
        _("seats per delegation"),
        default=3,
        help_text=_("The Head of Delegation in front, the others in the rows behind."),
    )
    custom_order = models.TextField(
        _("custom order"),
        blank=True,
        help_text=_("For a custom order: the delegations' names, one per line, first seat first."),
    )
    seed = models.CharField(_("seed of the draw"), max_length=32, blank=True)
    first_country = CountryField(_("country drawn"), blank=True)
    drawn_at = models.DateTimeField(_("drawn"), null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drawn by"),
    )

    class Meta:
        verbose_name = _("seating plan")
        verbose_name_plural = _("seating plans")
        ordering = ["conference", "room"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "room"],
                name="seating_plan_one_per_room_per_conference",
                violation_error_message=_("This room already has a seating plan here."),
            ),
            models.CheckConstraint(
                condition=models.Q(seats_per_delegation__gte=1, seats_per_delegation__lte=10),
                name="seating_plan_seats_per_delegation_1_to_10",
                violation_error_message=_("A delegation has between 1 and 10 seats."),
            ),
            models.CheckConstraint(
                condition=models.Q(drawn_at=None)
                | (~models.Q(seed="") & ~models.Q(first_country="")),
                name="seating_plan_draw_records_seed_and_country",
                violation_error_message=_("A draw records its seed and the country drawn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room} · {self.conference}"


class Seat(models.Model):
    """A delegation's place in a seating plan: its front seat; the others are behind it."""

    plan = models.ForeignKey(
        SeatingPlan, on_delete=models.CASCADE, related_name="seats", verbose_name=_("seating plan")
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="seats", verbose_name=_("delegation")
    )
    order = models.PositiveIntegerField(_("order"))
    row = models.PositiveSmallIntegerField(_("row"))
    seat = models.PositiveSmallIntegerField(_("seat"))

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "delegation"], name="seat_one_place_per_delegation"
            ),
            models.UniqueConstraint(fields=["plan", "order"], name="seat_unique_order"),
            models.UniqueConstraint(fields=["plan", "row", "seat"], name="seat_never_shared"),
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.row}/{self.seat}"


class ReservedFor(models.TextChoices):
    # As the place card says: the office, not the person.
    CHAIR = "chair", pgettext_lazy("reserved seat", "Chair")
    SECRETARIAT = "secretariat", pgettext_lazy("reserved seat", "Secretariat")
    DELEGATION = "delegation", _("a delegation")


class ReservedSeat(models.Model):
    """A place the draw leaves out of the seating: at the head table (the chair, the host
    country, the Secretariat) or a delegation's column on the floor (a reserved front row).

    A delegation with a reserved seat is not seated by the draw or the custom order; the
    others are seated around the reserved columns (floor/seating.py).
    """

    plan = models.ForeignKey(
        SeatingPlan,
        on_delete=models.CASCADE,
        related_name="reserved_seats",
        verbose_name=_("seating plan"),
    )
    reserved_for = models.CharField(_("reserved for"), max_length=12, choices=ReservedFor.choices)
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reserved_seats",
        verbose_name=_("delegation"),
        help_text=_("For a delegation: the host country, the United Nations…"),
    )
    at_head_table = models.BooleanField(_("at the head table"), default=True)
    band = models.PositiveSmallIntegerField(
        _("row of delegations"),
        null=True,
        blank=True,
        help_text=_(
            "Off the head table: 1 for the front row of delegations; each is as deep as a "
            "delegation's seats."
        ),
    )
    seat = models.PositiveSmallIntegerField(
        _("seat"), null=True, blank=True, help_text=_("Off the head table: 1 for the first seat.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=1, help_text=_("At the head table: its place, from the left.")
    )

    class Meta:
        verbose_name = _("reserved seat")
        verbose_name_plural = _("reserved seats")
        ordering = ["plan", "-at_head_table", "order", "band", "seat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reserved_for="delegation", delegation__isnull=False)
                | (~models.Q(reserved_for="delegation") & models.Q(delegation=None)),
                name="reserved_seat_names_its_delegation",
                violation_error_message=_(
                    "Name the delegation for a delegation's seat, and none otherwise."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(at_head_table=True, band=None, seat=None)
                # NULL >= 1 is unknown, which a check lets pass: say "not null" too.
                | models.Q(
                    at_head_table=False,
                    band__isnull=False,
                    seat__isnull=False,
                    band__gte=1,
                    seat__gte=1,
                ),
                name="reserved_seat_at_the_head_table_or_on_the_floor",
                violation_error_message=_(
                    "A seat off the head table has its row of delegations and its seat; one at "
                    "the head table has neither."
                ),
            ),
            models.UniqueConstraint(
                fields=["plan", "delegation"],
                name="reserved_seat_one_per_delegation",
                violation_error_message=_("This delegation already has a reserved seat."),
            ),
            models.UniqueConstraint(
                fields=["plan", "band", "seat"],
                name="reserved_seat_never_shared",
                violation_error_message=_("This seat is already reserved."),
            ),
        ]

    def __str__(self) -> str:
        return self.label()

    def label(self) -> str:
        """What its place card and the floor plan say, in the active language."""
        if self.delegation_id:
            return self.delegation.name
        return str(self.get_reserved_for_display())

    def clean(self) -> None:
        if (
            self.delegation_id
            and self.plan_id
            and self.delegation.conference_id != self.plan.conference_id
        ):
            raise ValidationError(
                {"delegation": _("This delegation does not take part in this meeting.")}
            )


class FloorDocumentKind(models.TextChoices):
    SPEAKERS_LIST = "speakers_list", _("List of speakers (PDF)")
    DELIVERED = "delivered", _("Statements in the order delivered (PDF)")
    PLACE_CARDS = "place_cards", _("Place cards (PDF)")


class FloorDocument(TaskDocument):
    """A PDF an organiser asked for, made by the worker (floor/tasks.py)."""

    kind = models.CharField(_("kind"), max_length=20, choices=FloorDocumentKind.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    speakers_list = models.ForeignKey(
        SpeakersList, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    seating_plan = models.ForeignKey(
        SeatingPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    url_name = "floor:document"

    class Meta(TaskDocument.Meta):
        verbose_name = _("floor document")
        verbose_name_plural = _("floor documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="place_cards", seating_plan__isnull=False)
                | (~models.Q(kind="place_cards") & models.Q(speakers_list__isnull=False)),
                name="floor_document_names_its_source",
            ),
            done_has_its_file("floor_document_done_has_its_file"),
        ]

    def download_name(self) -> str:
        return f"{self.kind.replace('_', '-')}-{self.conference.slug}-{self.language}.pdf"
