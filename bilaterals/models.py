"""Bilateral meetings between two delegations of a conference, in rooms the organisers offer.

The organisers offer slots (a room at a time); a delegation asks another for a meeting at one
of the offered times; the other accepts one time (the meeting then takes a free room at that
time), proposes others, or declines. The database keeps the rules that must never break:
a slot, a room, a delegation and a participant are never in two meetings at once (exclusion
constraints), and an attendee never meets while speaking on the programme (a trigger;
migration 0001).
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Room
from delegations.models import Delegation, Participant
from delegations.task_documents import TaskDocument, done_has_its_file


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def during() -> TsTzRange:
    """The half-open range [starts_at, ends_at): a meeting ending at 10:00 leaves 10:00 free."""
    return TsTzRange("starts_at", "ends_at", RangeBoundary())


class BilateralSlot(models.Model):
    """A room the organisers offer for bilaterals at a time."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="bilateral_slots",
        verbose_name=_("conference"),
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bilateral_slots", verbose_name=_("room")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("bilateral slot")
        verbose_name_plural = _("bilateral slots")
        ordering = ["conference", "starts_at", "room__order", "room__name"]
        indexes = [models.Index(fields=["conference", "starts_at"], name="bilat_slot_conf_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="bilateral_slot_ends_after_start",
                violation_error_message=_("A slot must end after it starts."),
            ),
            # Within the conference's dates: a trigger (migration 0001), it reads the conference.
            ExclusionConstraint(
                name="bilateral_slot_room_once_at_a_time",
                expressions=[(during(), RangeOperators.OVERLAPS), ("room", RangeOperators.EQUAL)],
                violation_error_message=_("The room is already offered at that time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M}"


class BilateralState(models.TextChoices):
    REQUESTED = "requested", _("Awaiting an answer")
    COUNTER_PROPOSED = "counter_proposed", _("Other times proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATES = (BilateralState.REQUESTED, BilateralState.COUNTER_PROPOSED)


class BilateralQuerySet(models.QuerySet):
    def involving(self, delegation: Delegation) -> "BilateralQuerySet":
        return self.filter(models.Q(requester=delegation) | models.Q(invitee=delegation))

    def accepted(self) -> "BilateralQuerySet":
        return self.filter(state=BilateralState.ACCEPTED)


class Bilateral(models.Model):
    """A meeting one delegation (the requester) asks another (the invitee) for.

    Accepted, it has a room and a time; otherwise neither.
    """

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="bilaterals",
        verbose_name=_("conference"),
    )
    requester = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="bilaterals_requested",
        verbose_name=_("requested by"),
    )
    invitee = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="bilaterals_invited",
        verbose_name=_("with"),
    )
    # Private to the two delegations: no grid, door sign or feed of anyone else shows it.
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=BilateralState.choices, default=BilateralState.REQUESTED
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bilaterals",
        verbose_name=_("room"),
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BilateralQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilateral meeting")
        verbose_name_plural = _("bilateral meetings")
        ordering = ["conference", "starts_at", "pk"]
        indexes = [
            models.Index(fields=["conference", "state", "starts_at"], name="bilat_conf_state_idx"),
            models.Index(fields=["requester", "state"], name="bilat_requester_idx"),
            models.Index(fields=["invitee", "state"], name="bilat_invitee_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("invitee")),
                name="bilateral_between_two_delegations",
                violation_error_message=_("A delegation cannot meet itself."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        state=BilateralState.ACCEPTED,
                        room__isnull=False,
                        starts_at__isnull=False,
                        ends_at__gt=models.F("starts_at"),
                    )
                    | (
                        ~models.Q(state=BilateralState.ACCEPTED)
                        & models.Q(room__isnull=True, starts_at__isnull=True, ends_at__isnull=True)
                    )
                ),
                name="bilateral_accepted_has_room_and_time",
                violation_error_message=_("An accepted meeting has a room and a time."),
            ),
            ExclusionConstraint(
                name="bilateral_room_once_at_a_time",
                expressions=[(during(), RangeOperators.OVERLAPS), ("room", RangeOperators.EQUAL)],
                condition=models.Q(state=BilateralState.ACCEPTED),
                violation_error_message=_("The room is already taken at that time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} – {self.invitee}"

    def other(self, delegation: Delegation) -> Delegation:
        return self.invitee if delegation.pk == self.requester_id else self.requester

    def awaits(self, delegation: Delegation) -> bool:
        """Whether it is `delegation`'s turn to answer."""
        if self.state == BilateralState.REQUESTED:
            return delegation.pk == self.invitee_id
        if self.state == BilateralState.COUNTER_PROPOSED:
            return delegation.pk == self.requester_id
        return False


class BilateralParty(models.Model):
    """One of the two delegations of a meeting; its time is copied from the meeting by a
    trigger (migration 0001), so the database can keep a delegation in one meeting at a time."""

    bilateral = models.ForeignKey(
        Bilateral, on_delete=models.CASCADE, related_name="parties", verbose_name=_("meeting")
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="bilateral_parties",
        verbose_name=_("delegation"),
    )
    starts_at = models.DateTimeField(null=True, editable=False)
    ends_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["bilateral", "delegation"], name="bilateral_party_once"
            ),
            ExclusionConstraint(
                name="bilateral_delegation_once_at_a_time",
                expressions=[
                    (during(), RangeOperators.OVERLAPS),
                    ("delegation", RangeOperators.EQUAL),
                ],
                condition=models.Q(starts_at__isnull=False),
                violation_error_message=_("The delegation already meets another at that time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation_id} @ {self.bilateral_id}"


class BilateralAttendee(models.Model):
    """A member who attends a meeting for their delegation; the time is the meeting's, copied
    by the same trigger, for the same reason."""

    bilateral = models.ForeignKey(
        Bilateral, on_delete=models.CASCADE, related_name="attendees", verbose_name=_("meeting")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="bilateral_attendances",
        verbose_name=_("participant"),
    )
    starts_at = models.DateTimeField(null=True, editable=False)
    ends_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.UniqueConstraint(
                fields=["bilateral", "participant"], name="bilateral_attendee_once"
            ),
            ExclusionConstraint(
                name="bilateral_participant_once_at_a_time",
                expressions=[
                    (during(), RangeOperators.OVERLAPS),
                    ("participant", RangeOperators.EQUAL),
                ],
                condition=models.Q(starts_at__isnull=False),
                violation_error_message=_("This person already attends another meeting then."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.bilateral_id}"


class BilateralProposal(models.Model):
    """A time on the table: one of the offered times, proposed by one of the two."""

    bilateral = models.ForeignKey(
        Bilateral, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("meeting")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("proposed time")
        verbose_name_plural = _("proposed times")
        ordering = ["bilateral", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["bilateral", "starts_at", "ends_at"], name="bilateral_proposal_once"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="bilateral_proposal_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A delegation's private calendar link; only its token's SHA-256 is kept. Deleting the row
    revokes the link; making a new one replaces it."""

    delegation = models.OneToOneField(
        Delegation,
        on_delete=models.CASCADE,
        related_name="bilateral_feed",
        verbose_name=_("delegation"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self) -> str:
        return str(self.delegation_id)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class NoticeKind(models.TextChoices):
    REQUESTED = "requested", _("asks for a meeting")
    COUNTER_PROPOSED = "counter_proposed", _("proposes other times")
    ACCEPTED = "accepted", _("accepted the meeting")
    DECLINED = "declined", _("declined the meeting")
    CANCELLED = "cancelled", _("the meeting is cancelled")
    MOVED = "moved", _("the meeting has moved")


class BilateralNotice(models.Model):
    """Something to tell a delegation's focal points; sent by a task, many at once as a digest."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="bilateral_notices",
        verbose_name=_("delegation"),
    )
    bilateral = models.ForeignKey(
        Bilateral, on_delete=models.CASCADE, related_name="notices", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["delegation", "created_at", "pk"]
        indexes = [
            models.Index(
                fields=["delegation"],
                condition=models.Q(sent_at__isnull=True),
                name="bilat_notice_unsent_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation_id}: {self.kind}"


class DoorSign(TaskDocument):
    """The PDF for a room's door on one day: who meets there when, without topics. Made by a
    task (bilaterals/tasks.py)."""

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="door_signs", verbose_name=_("room")
    )
    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    url_name = "bilaterals:door_sign"

    class Meta(TaskDocument.Meta):
        verbose_name = _("door sign")
        verbose_name_plural = _("door signs")
        constraints = [done_has_its_file("door_sign_done_has_its_file")]

    def title(self) -> str:
        return _("Door sign: %(room)s, %(day)s") % {
            "room": self.room.translated_name,
            "day": date_format(self.day, "DATE_FORMAT"),
        }

    def download_name(self) -> str:
        return f"door-sign-{self.room_id}-{self.day}.pdf"
