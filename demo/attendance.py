"""The reference meeting's access zones, and who entered which of them on its two days.

All invented (the source says nothing of the venue's zones): three zones of CIPS-NUST, and
for each participant who arrived (demo/timeline.py plans the arrival) their entries: the
plenary hall on arrival, and again on the second day for most of those who came on the first;
the VIP lounge for most Heads of Delegation soon after arriving; the bilateral rooms for
about a third of the delegates. Each participant's entries come from a generator seeded with
their e-mail address, so the same participant always gets the same entries.
"""

import datetime
import random
from dataclasses import dataclass

from accreditation.models import Zone
from conference.models import Conference
from delegations.models import Category, Participant, Role
from demo.registrations import SEED


@dataclass(frozen=True)
class ZonePlan:
    code: str
    name: str
    french: str
    arabic: str
    colour: str
    categories: tuple[str, ...]
    roles: tuple[str, ...] = ()
    confirm_each_entry: bool = False


PLENARY, BILATERALS, VIP = "1", "2", "V"
ZONES = (
    ZonePlan(PLENARY, "Plenary hall", "Salle plénière", "قاعة الجلسات العامة", "#0B5CAD",
             tuple(Category.values)),
    ZonePlan(BILATERALS, "Bilateral meeting rooms", "Salles de réunions bilatérales",
             "قاعات الاجتماعات الثنائية", "#2E7D32",
             (Category.DELEGATE, Category.UN_SECRETARIAT, Category.ORGANISER, Category.SECURITY)),
    ZonePlan(VIP, "VIP lounge", "Salon VIP", "صالة كبار الشخصيات", "#B8860B",
             (Category.ORGANISER, Category.SECURITY), roles=(Role.HEAD, Role.DEPUTY),
             confirm_each_entry=True),
)  # fmt: skip
SECOND_DAY_RETURN = 0.85
BILATERAL_SHARE = 0.35
VIP_LOUNGE_SHARE = 0.6


def zones_load(*, conference: Conference) -> dict[str, Zone]:
    """The demo's zones, by code; any other zone of the conference (an organiser's) stays."""
    zones = {}
    for order, plan in enumerate(ZONES):
        zones[plan.code], _ = Zone.objects.update_or_create(
            conference=conference,
            code=plan.code,
            defaults={
                "name": plan.name,
                "name_translations": {
                    code: text
                    for code, text in (("fr", plan.french), ("ar", plan.arabic))
                    if code in conference.languages
                },
                "colour": plan.colour,
                "categories": list(plan.categories),
                "roles": list(plan.roles),
                "confirm_each_entry": plan.confirm_each_entry,
                "order": order,
            },
        )
    return zones


def _at(day: datetime.date, minutes: float, conference: Conference) -> datetime.datetime:
    midnight = datetime.datetime.combine(day, datetime.time.min, tzinfo=conference.tzinfo)
    return midnight + datetime.timedelta(minutes=round(minutes))


def entries_plan(
    *,
    conference: Conference,
    participant: Participant,
    arrival: datetime.datetime | None,
    zones: dict[str, Zone],
) -> dict[tuple[int, datetime.date], datetime.datetime]:
    """The participant's entries, {(zone id, day): entered at}; none without an arrival."""
    if arrival is None:
        return {}
    rng = random.Random(f"{SEED}:entries:{participant.email}")
    first_day, second_day = conference.days[:2]
    arrival_day = arrival.astimezone(conference.tzinfo).date()
    plenary = zones[PLENARY].pk
    entries = {(plenary, arrival_day): arrival}
    days = [arrival_day]
    if arrival_day == first_day and rng.random() < SECOND_DAY_RETURN:
        entries[(plenary, second_day)] = _at(
            second_day, rng.triangular(8 * 60, 9 * 60 + 30, 8 * 60 + 25), conference
        )
        days.append(second_day)
    if participant.role == Role.HEAD and rng.random() < VIP_LOUNGE_SHARE:
        entries[(zones[VIP].pk, arrival_day)] = arrival + datetime.timedelta(
            minutes=rng.randint(10, 50)
        )
    if participant.category == Category.DELEGATE and rng.random() < BILATERAL_SHARE:
        day = rng.choice(days)
        entries[(zones[BILATERALS].pk, day)] = _at(day, rng.uniform(11 * 60, 16 * 60), conference)
    return entries
