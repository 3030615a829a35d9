"""Reads about conferences as a whole, and the staff pages the admin's index links to."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conference.jobs import Job
from conference.models import Conference
from delegations.models import Delegation, Participant, State
from sessions.models import Session


@dataclass(frozen=True)
class ConferenceCounts:
    conference: Conference
    delegations: int
    participants_by_state: list[tuple[State, int]]
    sessions_published: int
    sessions_total: int


def _count_per_conference(queryset: QuerySet) -> Coalesce:
    # A correlated subquery per count: joining delegations, participants and sessions in
    # one query would multiply their rows.
    counts = (
        queryset.filter(conference=OuterRef("pk"))
        .order_by()
        .values("conference")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def conference_counts(*, conferences: list[Conference] | None = None) -> list[ConferenceCounts]:
    """The `conferences` (None: every one), newest first, with their delegations, participants
    and sessions counted.

    One query, whatever the number of conferences.
    """
    queryset = Conference.objects.all()
    if conferences is not None:
        queryset = queryset.filter(pk__in=[conference.pk for conference in conferences])
    conferences = queryset.annotate(
        delegation_count=_count_per_conference(Delegation.objects.all()),
        session_count=_count_per_conference(Session.objects.all()),
        published_session_count=_count_per_conference(Session.objects.filter(is_published=True)),
        **{
            f"participant_count_{state}": _count_per_conference(
                Participant.objects.filter(state=state)
            )
            for state in State.values
        },
    )
    return [
        ConferenceCounts(
            conference=conference,
            delegations=conference.delegation_count,
            participants_by_state=[
                (state, getattr(conference, f"participant_count_{state.value}")) for state in State
            ],
            sessions_published=conference.published_session_count,
            sessions_total=conference.session_count,
        )
        for conference in conferences
    ]


@dataclass(frozen=True)
class StaffPage:
    """A page of the workspace's conference outside the model admins, in a job of the index."""

    job: Job
    name: str
    key: str
    url: str

    def as_app_list_entry(self) -> dict:
        return {
            "name": self.name,
            "object_name": self.key,
            "admin_url": self.url,
            "add_url": None,
            "view_only": True,
            "perms": {"view": True},
            "model": None,
        }


# (job, name, key, URL name, the permission it needs); the URL takes the conference's slug,
# but for "admin:retention" which works on the workspace.
STAFF_PAGES = [
    (
        Job.DELEGATIONS,
        _("Import participants"),
        "import",
        "accreditation:import",
        "delegations.add_participant",
    ),
    (
        Job.DOOR,
        _("Check-in"),
        "check-in",
        "accreditation:check_in",
        "accreditation.check_in_participants",
    ),
    (
        Job.REPORTS,
        _("Dashboard"),
        "dashboard",
        "accreditation:dashboard",
        "delegations.view_participant",
    ),
    (
        Job.REPORTS,
        _("List of Participants"),
        "participant-list",
        "accreditation:participant_list",
        "delegations.view_participant",
    ),
    (
        Job.SECURITY,
        _("Security clearance"),
        "clearance",
        "clearance:vetting",
        "clearance.view_securityrecord",
    ),
    (
        Job.SETTINGS,
        _("Retention of personal data"),
        "retention",
        "admin:retention",
        "conference.change_conference",
    ),
]


def staff_pages(request: HttpRequest, conference: Conference | None) -> list[StaffPage]:
    """The staff pages of `conference` the user may open; none without a conference."""
    if conference is None:
        return []
    user = request.user
    pages = []
    for job, name, key, url_name, permission in STAFF_PAGES:
        if not (user.has_perm(permission) or user.has_perm(permission, conference)):
            continue
        url = (
            reverse(url_name)
            if url_name.startswith("admin:")
            else reverse(url_name, args=[conference.slug])
        )
        pages.append(StaffPage(job=job, name=name, key=key, url=url))
    return pages
