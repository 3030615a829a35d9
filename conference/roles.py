"""Roles per conference: what each role may do, by job, and the auth backend that says so.

A role grants, in its conference only, *view* or *change* (view, add, change, delete and the
model's own permissions) on the models of each job (conference.jobs.Job). The admin of a
model names its job once (ConferenceScopedAdmin.job), so a new app's models join the table by
naming theirs. Permissions given the stock way (a superuser, a user's or a group's permissions)
still hold in every conference.

    user.has_perm("delegations.change_participant", conference)

is true when the user's role in `conference` allows it (ConferenceRoleBackend). Roles are a
small model of our own rather than django-guardian (one row per object and permission, and an
object permission on a conference says nothing about its participants) or django-rules (a
dependency for the sixty lines below): a role is a fact organisers assign and read in the
admin, one per person and conference, which a database constraint keeps so.
"""

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import AnonymousUser

from conference.jobs import Job, permission_job
from conference.models import Conference, ConferenceRole, Role

VIEW, CHANGE = 1, 2

# The jobs every organiser and viewer sees: all but security's, whose passport data only
# security officers (and those with the permission everywhere) may read.
SHARED_JOBS = [job for job in Job if job != Job.SECURITY]

# Per role, the jobs it works on and how far; a job not named is out of reach.
ROLE_JOBS: dict[Role, dict[Job, int]] = {
    Role.ORGANISER: dict.fromkeys(SHARED_JOBS, CHANGE),
    Role.REGISTRATION_OFFICER: {
        Job.DELEGATIONS: CHANGE,
        Job.ACCREDITATION: CHANGE,
        Job.REPORTS: VIEW,
        Job.SETTINGS: VIEW,
    },
    Role.PROGRAMME_EDITOR: {Job.PROGRAMME: CHANGE, Job.SETTINGS: VIEW},
    Role.CHECK_IN: {Job.DOOR: CHANGE},
    Role.SECURITY_OFFICER: {Job.ACCREDITATION: VIEW, Job.DOOR: VIEW, Job.SECURITY: CHANGE},
    Role.VIEWER: dict.fromkeys(SHARED_JOBS, VIEW),
}


def role_allows(role: Role | str | None, job: Job | str, level: int) -> bool:
    if role is None:
        return False
    return ROLE_JOBS[Role(role)].get(Job(job), 0) >= level


def user_roles(user) -> dict[int, Role]:
    """The user's role in each conference, by conference id; read once per request's user."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return {}
    if not hasattr(user, "_conference_roles"):
        user._conference_roles = {
            conference_id: Role(role)
            for conference_id, role in ConferenceRole.objects.filter(user=user).values_list(
                "conference_id", "role"
            )
        }
    return user._conference_roles


def conferences_with(user, job: Job | str, level: int) -> list[int]:
    """The ids of the conferences where the user's role reaches `level` on `job`."""
    return [pk for pk, role in user_roles(user).items() if role_allows(role, job, level)]


class ConferenceRoleBackend(BaseBackend):
    """Object permissions on a conference, from the user's role in it (ROLE_JOBS)."""

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        if not isinstance(obj, Conference):
            return False
        granted = permission_job(perm)
        if granted is None:
            return False
        job, action = granted
        level = VIEW if action == "view" else CHANGE
        return role_allows(user_roles(user_obj).get(obj.pk), job, level)
