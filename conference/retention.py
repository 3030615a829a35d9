"""Retention: after a conference's retention period, remove the personal data it no longer needs.

Each app removes what it holds itself: it connects a receiver to `personal_data_held`, which
counts (and, when purging, removes) that app's personal data for one conference and names
the files to delete. delegations purges participants' contact details and photos, letters,
focal points and invitation links; registration purges individual applications; accreditation
the documents made for staff (badge sheets, Lists of Participants). What the
official record needs stays: names, titles, delegations, roles, states and their dates.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.dispatch import Signal

from conference.models import Conference

# Sent with `conference` and `purge`; a receiver returns a list of PersonalData, and when
# `purge` is true removes them, inside the caller's transaction.
personal_data_held = Signal()


@dataclass(frozen=True)
class PersonalData:
    """Some kind of personal data an app holds for a conference, e.g. "photos": 12."""

    label: str
    count: int
    # Files to delete once the purge has committed.
    files: list[FieldFile] = field(default_factory=list, compare=False, repr=False)


@dataclass(frozen=True)
class PurgeReport:
    conference: Conference
    held: list[PersonalData]

    @property
    def is_empty(self) -> bool:
        return not any(item.count for item in self.held)

    def count(self, label: str) -> int:
        return sum(item.count for item in self.held if item.label == label)


def conferences_due_for_purge(*, today: datetime.date) -> list[Conference]:
    """Conferences whose retention period, counted from their last day, is over."""
    return [
        conference
        for conference in Conference.objects.order_by("end_date", "pk")
        if conference.end_date + datetime.timedelta(days=conference.retention_days) < today
    ]


def _personal_data(*, conference: Conference, purge: bool) -> PurgeReport:
    # Receivers run in the order their apps are installed: the core's first, so the
    # delegations' rows are locked before anything hanging on them is touched.
    responses = personal_data_held.send(sender=Conference, conference=conference, purge=purge)
    return PurgeReport(
        conference=conference, held=[item for _receiver, items in responses for item in items]
    )


def personal_data_report(*, conference: Conference) -> PurgeReport:
    """What a purge of `conference` would remove now."""
    return _personal_data(conference=conference, purge=False)


def personal_data_purge(*, conference: Conference) -> PurgeReport:
    """Remove the conference's personal data; files go only once the database has committed."""
    with transaction.atomic():
        report = _personal_data(conference=conference, purge=True)
        files = [file for item in report.held for file in item.files]
        transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files])
    return report
