"""The jobs organisers do, and which conference each admin's objects belong to.

Every ModelAdmin of a conference's data declares, once, its `job` (where it sits in the admin's
sidebar, and which roles reach it: conference.roles) and its `conference_path` (the lookup from
its model to the conference). Registering it records both here (conference.workspace), so the
rest of the code can ask of any model or object: which job, which conference.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from conference.models import Conference


class Job(models.TextChoices):
    """The admin's sidebar, in this order."""

    PROGRAMME = "programme", _("Programme")
    DELEGATIONS = "delegations", _("Delegations")
    ACCREDITATION = "accreditation", _("Accreditation")
    DOOR = "door", _("At the door")
    # Passport data and security clearance: only the security role's (conference.roles).
    SECURITY = "security", _("Security")
    REPORTS = "reports", _("Reports")
    SETTINGS = "settings", _("Settings")


@dataclass(frozen=True)
class Scope:
    job: Job
    # The lookup from the model to its conference: "" for Conference itself, "conference",
    # "delegation__conference"…
    path: str
    # True when an object belongs to several conferences (a room serves every conference at
    # its venue): it is then never labelled with one.
    many: bool = False

    def lookup(self, suffix: str = "in") -> str:
        return f"{self.path}__{suffix}" if self.path else f"pk__{suffix}"


SCOPES: dict[type[Model], Scope] = {}


def scope_register(model: type[Model], scope: Scope) -> None:
    SCOPES[model] = scope


def scope_of(model: type[Model]) -> Scope | None:
    return SCOPES.get(model)


def in_conferences(model: type[Model], conferences) -> Q:
    """The condition for `model`'s objects that belong to one of `conferences` (ids or a
    queryset)."""
    return Q(**{scope_of(model).lookup(): conferences})


def conference_of(obj: Model | None) -> Conference | None:
    """The conference `obj` belongs to, followed in memory along its admin's path; None for an
    object of no single conference or not yet attached to one."""
    if obj is None:
        return None
    scope = scope_of(type(obj))
    if scope is None or scope.many:
        return None
    value = obj
    for part in scope.path.split("__") if scope.path else []:
        try:
            value = getattr(value, part)
        except ObjectDoesNotExist:
            return None
        if value is None:
            return None
    return value if isinstance(value, Conference) else None


def permission_job(perm: str) -> tuple[Job, str] | None:
    """For "app_label.codename" of a model with a job, (its job, the action: "view", "add",
    "change", "delete" or the model's own permission's codename)."""
    app_label, _dot, codename = perm.partition(".")
    for model, scope in SCOPES.items():
        opts = model._meta
        if opts.app_label != app_label:
            continue
        for action in opts.default_permissions:
            if codename == f"{action}_{opts.model_name}":
                return scope.job, action
        if codename in {name for name, _label in opts.permissions}:
            return scope.job, codename
    return None
