"""When things happened in the reference meeting: registrations, decisions, badges, check-ins.

All invented, from a seeded generator and the conference's own dates, so the same plan always
gives the same times. The plan is pure; `timeline_load` writes it in a handful of queries.
"""

import datetime
import math
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, models

from accreditation.models import Entry, Zone
from conference.models import Conference
from delegations.models import Category, DelegationKind, Participant, ParticipantStateChange, State
from demo.attendance import entries_plan
from demo.registrations import SEED, DelegationPlan, MemberPlan

WORKDAY = ("09:00", "19:00")
DECISION_HOURS = ("09:30", "17:30")
# Pakistan's weekend: fewer registrations, though focal points in other time zones still work.
WEEKEND_WEIGHT = 0.35
# Most of a delegation's members are entered in one sitting; the rest are added later, a few
# of them by the organisers after the focal points' deadline (late nominations by note verbale).
ADDED_LATER = 0.2
LATE_NOMINATION = 0.06
# The organisers register their own team in the first week (Monday 09:00 to Friday 17:00).
HOST_TEAM_WINDOW = datetime.timedelta(days=4, hours=8)
BADGE_SHARE = 0.93
# Badges go to the printer in batches (each batch shares its time, as badges_mark_printed records),
# on the two days before the meeting: (days before the first day, local time).
BADGE_BATCHES = (
    (2, "10:15"),
    (2, "12:40"),
    (2, "15:05"),
    (2, "17:30"),
    (1, "09:45"),
    (1, "11:20"),
    (1, "14:10"),
    (1, "16:35"),
)
# Of those with a printed badge: arriving on the first day, on the second, or not at all.
FIRST_DAY_SHARE = 0.84
SECOND_DAY_SHARE = 0.08
# Check-in opens at 08:00; most arrive well before the 09:00 opening, stragglers until 10:30.
FIRST_DAY_ARRIVALS = (8 * 60, 10 * 60 + 30, 8 * 60 + 45)  # earliest, latest, peak (minutes)
SECOND_DAY_ARRIVALS = (8 * 60, 10 * 60, 8 * 60 + 30)
HOST_TEAM_ARRIVALS = (8 * 60, 8 * 60 + 20, 8 * 60)
HOST_TEAM = (Category.ORGANISER, Category.SECURITY)
# Dr. Asante applied the evening before registration closed and never confirmed.
UNCONFIRMED_APPLIED_BEFORE_CLOSE = datetime.timedelta(hours=19, minutes=20)


@dataclass(frozen=True)
class MemberTimes:
    registered_at: datetime.datetime
    # When each step of the member's path was taken, in order.
    changed_at: tuple[datetime.datetime, ...] = ()
    badge_printed_at: datetime.datetime | None = None
    checked_in_at: datetime.datetime | None = None
    # When someone who applied on their own sent the form; they registered on confirming it.
    applied_at: datetime.datetime | None = None


def timeline_plan(*, conference: Conference, plan: list[DelegationPlan]) -> dict[str, MemberTimes]:
    """Every planned member's times, by e-mail address."""
    planner = _TimelinePlanner(conference)
    registered = {}
    for delegation in plan:
        registered |= planner.registrations(delegation)
    members = [member for delegation in plan for member in delegation.members]
    changed = {
        member.email: planner.decisions(member, registered[member.email]) for member in members
    }
    approved = [member for member in members if _final_state(member) == State.APPROVED]
    printed = [member for member in approved if planner.rng.random() < BADGE_SHARE]
    batch_size = math.ceil(len(printed) / len(BADGE_BATCHES))
    printed_at = {}
    for index, member in enumerate(printed):
        days_before, hhmm = BADGE_BATCHES[index // batch_size]
        day = conference.start_date - datetime.timedelta(days_before)
        printed_at[member.email] = planner.at(day, hhmm)
    checked_in = {member.email: planner.arrival(member) for member in printed}
    return {
        member.email: MemberTimes(
            registered_at=registered[member.email],
            changed_at=changed[member.email],
            badge_printed_at=printed_at.get(member.email),
            checked_in_at=checked_in.get(member.email),
            applied_at=planner.applied(registered[member.email]) if member.applied_as else None,
        )
        for member in members
    }


def unconfirmed_applied_at(*, conference: Conference) -> datetime.datetime:
    """When the one application that was never confirmed was sent."""
    return conference.registration_closes_at - UNCONFIRMED_APPLIED_BEFORE_CLOSE


def timeline_load(
    *,
    conference: Conference,
    registered: list[tuple[Participant, MemberPlan]],
    timeline: dict[str, MemberTimes],
    zones: dict[str, Zone],
) -> None:
    """Give the participants their planned times, writing only what differs.

    Registration times are always restored. State-change times, badges and entries at the
    door only for participants whose logged history is still the script's, and never over
    what an organiser did while trying the demo: a state change, an entry at the door (it
    records who made it; the script's record nobody) or a badge printed since (after the
    meeting).
    """
    logs = defaultdict(list)
    for change in ParticipantStateChange.objects.filter(
        participant__conference=conference
    ).order_by("changed_at", "pk"):
        logs[change.participant_id].append(change)
    entries = defaultdict(dict)
    for entry in Entry.objects.filter(participant__conference=conference):
        entries[entry.participant_id][(entry.zone_id, entry.day)] = entry
    participants, changes = [], []
    added, moved, dropped = [], [], []
    for participant, member in registered:
        times = timeline[participant.email]
        planned = {"registered_at": times.registered_at}
        log = logs[participant.pk]
        scripted = not any(change.changed_by_id for change in log) and [
            change.to_state for change in log
        ] == [to_state for to_state, _reason in member.path]
        if scripted:
            for change, changed_at in zip(log, times.changed_at, strict=True):
                if change.changed_at != changed_at:
                    change.changed_at = changed_at
                    changes.append(change)
            planned["state_changed_at"] = times.changed_at[-1] if times.changed_at else None
            approved = participant.state == State.APPROVED
            printed = participant.badge_printed_at
            if printed is None or printed < conference.starts_at:
                planned["badge_printed_at"] = times.badge_printed_at if approved else None
            planned_entries = entries_plan(
                conference=conference,
                participant=participant,
                arrival=times.checked_in_at if approved else None,
                zones=zones,
            )
            existing = entries[participant.pk]
            for key, entry in existing.items():
                if entry.entered_by_id is not None:
                    continue
                if key not in planned_entries:
                    dropped.append(entry.pk)
                elif entry.entered_at != planned_entries[key]:
                    entry.entered_at = planned_entries[key]
                    moved.append(entry)
            added.extend(
                Entry(participant=participant, zone_id=zone, day=day, entered_at=entered_at)
                for (zone, day), entered_at in planned_entries.items()
                if (zone, day) not in existing
            )
        if any(getattr(participant, field) != value for field, value in planned.items()):
            for field, value in planned.items():
                setattr(participant, field, value)
            participants.append(participant)
    _update_columns(participants, ["registered_at", "state_changed_at", "badge_printed_at"])
    _update_columns(changes, ["changed_at"])
    Entry.objects.filter(pk__in=dropped).delete()
    Entry.objects.bulk_create(added)
    _update_columns(moved, ["entered_at"])


def _update_columns(rows: list[models.Model], fields: list[str]) -> None:
    """Write `fields` of `rows` (all of one model) in a single UPDATE … FROM (VALUES …).

    bulk_update builds a CASE expression per row and field, which took 0.3 s of Python for
    the demo's few hundred participants; this takes milliseconds.
    """
    if not rows:
        return
    meta = rows[0]._meta
    columns = [meta.pk, *(meta.get_field(name) for name in fields)]
    quote = connection.ops.quote_name
    row_sql = "(" + ", ".join(f"%s::{column.db_type(connection)}" for column in columns) + ")"
    sql = (
        f"UPDATE {quote(meta.db_table)} AS t SET "
        + ", ".join(f"{quote(c.column)} = v.{quote(c.column)}" for c in columns[1:])
        + f" FROM (VALUES {', '.join([row_sql] * len(rows))})"
        + f" AS v({', '.join(quote(c.column) for c in columns)})"
        + f" WHERE t.{quote(meta.pk.column)} = v.{quote(meta.pk.column)}"
    )
    params = [
        column.get_db_prep_value(getattr(row, column.attname), connection)
        for row in rows
        for column in columns
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _final_state(member: MemberPlan) -> str:
    return member.path[-1][0] if member.path else State.PENDING


class _TimelinePlanner:
    def __init__(self, conference: Conference) -> None:
        # Its own generator: drawing times must not change the registration plan's draws.
        self.rng = random.Random(f"{SEED} timeline")
        self.conference = conference
        self.tz = conference.tzinfo
        self.opens = conference.registration_opens_at
        self.closes = conference.registration_closes_at
        # Focal points register until the modification deadline; individuals until closing.
        self.focal_points_until = conference.modification_deadline or self.closes
        # Every decision is taken before badge printing starts.
        self.last_decision_day = conference.start_date - datetime.timedelta(days=3)

    def at(self, day: datetime.date, hhmm: str) -> datetime.datetime:
        """The aware instant of `hhmm` on `day` in the conference's zone."""
        return datetime.datetime.combine(day, datetime.time.fromisoformat(hhmm), tzinfo=self.tz)

    def moment(self, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
        """A working-hours moment between start and end, crowding in the days before `end`.

        A smaller bump follows `start`: the invitations went out when registration opened.
        """
        first, last = start.astimezone(self.tz).date(), end.astimezone(self.tz).date()
        days = [first + datetime.timedelta(n) for n in range((last - first).days + 1)]
        weights = [
            (WEEKEND_WEIGHT if day.weekday() >= 5 else 1.0)
            * (1 + 2.5 * math.exp(-(day - first).days / 4) + 9 * math.exp(-(last - day).days / 3.5))
            for day in days
        ]
        day = self.rng.choices(days, weights)[0]
        earliest = max(start, self.at(day, WORKDAY[0]))
        latest = max(earliest, min(end, self.at(day, WORKDAY[1])))
        seconds = self.rng.uniform(0, (latest - earliest).total_seconds())
        return earliest + datetime.timedelta(seconds=round(seconds))

    def registrations(self, delegation: DelegationPlan) -> dict[str, datetime.datetime]:
        """The members' registration times: one sitting of the focal point, a few added later."""
        if delegation.kind == DelegationKind.HOST:
            end = self.opens + HOST_TEAM_WINDOW
        else:
            end = self.focal_points_until
        # An hour's margin, so that the sitting ends before the deadline.
        sitting = self.moment(self.opens, end - datetime.timedelta(hours=1))
        registered = {}
        for index, member in enumerate(delegation.members):
            draw = self.rng.random()
            if member.applied_as:
                registered[member.email] = self.moment(self.opens, self.closes)
            elif index == 0 or draw >= ADDED_LATER:
                entering = datetime.timedelta(minutes=3 * index, seconds=self.rng.randint(0, 150))
                registered[member.email] = sitting + entering
            elif draw < LATE_NOMINATION and delegation.kind != DelegationKind.HOST:
                registered[member.email] = self.moment(self.focal_points_until, self.closes)
            else:
                registered[member.email] = self.moment(sitting, end)
        return registered

    def decisions(
        self, member: MemberPlan, registered_at: datetime.datetime
    ) -> tuple[datetime.datetime, ...]:
        """When each step of the member's path was taken, in office hours: approvals and
        rejections within a few days, withdrawals between approval and the eve of the meeting."""
        times, previous = [], registered_at
        eve = self.conference.start_date - datetime.timedelta(days=1)
        for to_state, _reason in member.path:
            if to_state == State.WITHDRAWN:
                days_left = (eve - previous.astimezone(self.tz).date()).days
                moment = self.office_moment(previous, self.rng.randint(1, max(1, days_left)), eve)
            else:
                days = self.rng.choice((0, 1, 1, 2, 2, 3, 5))
                moment = self.office_moment(previous, days, self.last_decision_day)
            times.append(moment)
            previous = moment
        return tuple(times)

    def office_moment(
        self, after: datetime.datetime, days: int, last_day: datetime.date
    ) -> datetime.datetime:
        """In office hours `days` after `after` (no later than `last_day`), and after it."""
        day = min(after.astimezone(self.tz).date() + datetime.timedelta(days), last_day)
        earliest, latest = (self.at(day, hhmm) for hhmm in DECISION_HOURS)
        moment = earliest + (latest - earliest) * self.rng.random()
        if moment <= after:
            moment = after + datetime.timedelta(minutes=self.rng.uniform(15, 150))
        return moment.replace(microsecond=0)

    def arrival(self, member: MemberPlan) -> datetime.datetime | None:
        first_day, second_day = self.conference.days[:2]
        if member.category in HOST_TEAM:
            return self._minutes(first_day, HOST_TEAM_ARRIVALS)
        draw = self.rng.random()
        if draw < FIRST_DAY_SHARE:
            return self._minutes(first_day, FIRST_DAY_ARRIVALS)
        if draw < FIRST_DAY_SHARE + SECOND_DAY_SHARE:
            return self._minutes(second_day, SECOND_DAY_ARRIVALS)
        return None

    def _minutes(
        self, day: datetime.date, earliest_latest_peak: tuple[int, int, int]
    ) -> datetime.datetime:
        minutes = self.rng.triangular(*earliest_latest_peak)
        midnight = datetime.datetime.combine(day, datetime.time.min, tzinfo=self.tz)
        return midnight + datetime.timedelta(seconds=round(minutes * 60))

    def applied(self, registered_at: datetime.datetime) -> datetime.datetime:
        """The application was sent a little before its e-mail was confirmed."""
        waited = datetime.timedelta(minutes=self.rng.randint(4, 240))
        return max(self.opens, registered_at - waited)
