"""One conference at a time in the admin: the workspace.

An organiser picks a conference once (the switcher in the admin's header, kept in the
session); then every changelist, filter, picker, autocomplete, action and export of an admin
that opts in shows only that conference's objects, every picker names the conference of what
it offers ("Morocco (PKM Prep 2023)"), and choosing an object of another conference is a field
error. Permissions come from the user's role in the conference (conference.roles) as well as
from the stock permissions. docs/workspace.md says how a new app's admin opts in:

    @admin.register(Pledge)
    class PledgeAdmin(ConferenceScopedAdmin, admin.ModelAdmin):
        job = Job.DELEGATIONS
        conference_path = "delegation__conference"
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.redirects import safe_next
from conference.jobs import Job, Scope, conference_of, in_conferences, scope_of, scope_register
from conference.local_time import zone_in_header
from conference.models import Conference
from conference.roles import VIEW, conferences_with, user_roles

__all__ = ["ConferenceScopedAdmin", "ConferenceScopedInline", "Job", "current_conference"]

SESSION_KEY = "workspace_conference"


def has_global_access(user) -> bool:
    """Whether the user holds permissions the stock way (superuser, own or group permissions),
    which reach every conference."""
    return user.is_active and (user.is_superuser or bool(user.get_all_permissions()))


def workspace_choices(user) -> QuerySet[Conference]:
    """The conferences the user may work in, the newest first."""
    conferences = Conference.objects.order_by("-start_date", "pk")
    if has_global_access(user):
        return conferences
    return conferences.filter(pk__in=list(user_roles(user)))


def current_conference(request: HttpRequest) -> Conference | None:
    """The conference the user works in; None means every conference they may see, which only
    people with permissions in every conference get (someone with roles alone always works in
    one conference, so nothing done in one conference reaches another)."""
    if not hasattr(request, "_workspace_conference"):
        request._workspace_conference = _current_conference(request)
    return request._workspace_conference


def _current_conference(request: HttpRequest) -> Conference | None:
    user = request.user
    if not user.is_authenticated:
        return None
    chosen = request.session.get(SESSION_KEY)
    if has_global_access(user):
        return Conference.objects.filter(pk=chosen).first() if isinstance(chosen, int) else None
    roles = user_roles(user)
    if not roles:
        return None
    if chosen not in roles:
        return Conference.objects.filter(pk__in=list(roles)).order_by("-start_date", "pk").first()
    return Conference.objects.filter(pk=chosen).first()


def workspace_enter(request: HttpRequest, conference_id: int) -> bool:
    """Work in that conference from now on, if the user may; whether they may."""
    if request.session.get(SESSION_KEY) == conference_id:
        return True
    if not workspace_choices(request.user).filter(pk=conference_id).exists():
        return False
    request.session[SESSION_KEY] = conference_id
    if hasattr(request, "_workspace_conference"):
        del request._workspace_conference
    return True


@require_POST
def workspace_switch(request: HttpRequest) -> HttpResponseRedirect:
    """Work in the conference sent (or, for those allowed, in all of them), then go back."""
    chosen = request.POST.get("conference", "")
    if chosen == "" and has_global_access(request.user):
        request.session.pop(SESSION_KEY, None)
    elif not (chosen.isdigit() and workspace_enter(request, int(chosen))):
        messages.error(request, _("You cannot work in that conference."))
    return HttpResponseRedirect(safe_next(request, request.POST.get("next")) or "../")


def conference_label(obj: Model) -> str:
    """`obj` named with its conference, e.g. "Morocco (PKM Prep 2023)"."""
    conference = conference_of(obj)
    if conference is None or conference is obj:
        return str(obj)
    return _("%(object)s (%(conference)s)") % {"object": obj, "conference": conference}


def _permission(model: type[Model], action: str) -> str:
    return f"{model._meta.app_label}.{get_permission_codename(action, model._meta)}"


def allowed(
    request: HttpRequest, model: type[Model], action: str, conference: Conference | None
) -> bool:
    """Whether the user may `action` `model`'s objects: in `conference`, else in the workspace,
    else (someone with permissions everywhere) in any conference."""
    user = request.user
    permission = _permission(model, action)
    if user.has_perm(permission):
        return True
    conference = conference or current_conference(request)
    return conference is not None and user.has_perm(permission, conference)


def workspace_queryset(queryset: QuerySet, request: HttpRequest) -> QuerySet:
    """`queryset` (of a model with a conference) narrowed to the workspace, or for someone
    without permissions in every conference to those they have a role in."""
    model = queryset.model
    scope = scope_of(model)
    if (current := current_conference(request)) is not None:
        condition = in_conferences(model, [current.pk])
    elif has_global_access(request.user):
        return queryset
    else:
        condition = in_conferences(model, list(user_roles(request.user)))
    if scope.many:
        return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def _related_model(model: type[Model], path: str) -> type[Model] | None:
    try:
        return get_fields_from_path(model, path)[-1].related_model
    except (FieldDoesNotExist, NotRelationField):
        return None


class WorkspaceRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A filter by a related object: those of the workspace, named with their conference."""

    def field_choices(self, field, request, model_admin):
        queryset = workspace_queryset(field.related_model._default_manager.all(), request)
        if ordering := self.field_admin_ordering(field, request, model_admin):
            queryset = queryset.order_by(*ordering)
        scope = scope_of(field.related_model)
        if scope.path and not scope.many:
            queryset = queryset.select_related(scope.path)
        return [(obj.pk, conference_label(obj)) for obj in queryset]


def _picker_labels(field: forms.Field | None, model: type[Model]) -> None:
    scope = scope_of(model)
    if isinstance(field, forms.ModelChoiceField) and scope and scope.path and not scope.many:
        field.label_from_instance = conference_label


def _form_conference(form: forms.ModelForm, path: str) -> Conference | None:
    """The conference of the object the form edits, as the form sends it."""
    if not path:
        return form.instance if form.instance.pk else None
    head, _sep, rest = path.partition("__")
    if head in form.fields:
        value = form.cleaned_data.get(head)
    else:
        try:
            value = getattr(form.instance, head)
        except ObjectDoesNotExist:
            return None
    for part in rest.split("__") if rest else []:
        value = getattr(value, part, None)
    return value if isinstance(value, Conference) else None


def same_conference_errors(form: forms.Form, conference: Conference | None, skip: str = "") -> None:
    """A field error on each field of `form` whose chosen object belongs to another conference
    than `conference`."""
    if conference is None or not hasattr(form, "cleaned_data"):
        return
    for name, field in list(form.fields.items()):
        if name == skip or not isinstance(field, forms.ModelChoiceField):
            continue
        value = form.cleaned_data.get(name)
        chosen = value if isinstance(field, forms.ModelMultipleChoiceField) else [value]
        for obj in chosen or []:
            theirs = obj if isinstance(obj, Conference) else conference_of(obj)
            if theirs is not None and theirs.pk != conference.pk:
                form.add_error(
                    name,
                    _("%(object)s belongs to %(other)s, not to %(conference)s.")
                    % {"object": obj, "other": theirs, "conference": conference},
                )
                break


class SameConferenceForm(forms.ModelForm):
    """Refuses, field by field, objects of another conference than the edited object's."""

    conference_path = ""

    def clean(self):
        cleaned_data = super().clean()
        same_conference_errors(
            self,
            _form_conference(self, self.conference_path),
            skip=self.conference_path.partition("__")[0],
        )
        return cleaned_data


class SameConferenceFormSet(BaseInlineFormSet):
    """Refuses, on each inline row, objects of another conference than the parent's."""

    def clean(self):
        super().clean()
        conference = conference_of(self.instance)
        for form in self.forms:
            if not self._should_delete_form(form):
                same_conference_errors(form, conference)


class _WorkspaceFields:
    """Pickers of objects with a conference offer the workspace's, named with it."""

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        related = db_field.remote_field.model
        scope = scope_of(related)
        if scope is None or not getattr(self, "follows_workspace", True):
            return queryset
        if queryset is None:
            queryset = related._default_manager.using(db).all()
        queryset = workspace_queryset(queryset, request)
        if scope.path and not scope.many:
            queryset = queryset.select_related(scope.path)
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        _picker_labels(field, db_field.remote_field.model)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        _picker_labels(field, db_field.remote_field.model)
        return field


class ConferenceScopedAdmin(_WorkspaceFields):
    """A ModelAdmin of a conference's data, working in the workspace. Declare `job` and
    `conference_path`; put this mixin before admin.ModelAdmin."""

    job: Job
    # The lookup from the model to its conference ("" for Conference itself).
    conference_path = "conference"
    # True when an object belongs to several conferences (Room: "venue__conferences").
    conference_path_many = False
    # False for the conferences' own list, which shows every conference one may switch to.
    follows_workspace = True

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        scope_register(model, Scope(Job(self.job), self.conference_path, self.conference_path_many))
        if not self.conference_path_many:
            self.form = type(
                self.form.__name__,
                (SameConferenceForm, self.form),
                {"conference_path": self.conference_path, "__module__": self.form.__module__},
            )

    # What the user may see and do -----------------------------------------------------------

    def _conference(self, obj) -> Conference | None:
        return obj if isinstance(obj, Conference) else conference_of(obj)

    def has_view_permission(self, request, obj=None):
        conference = self._conference(obj)
        return allowed(request, self.model, "view", conference) or allowed(
            request, self.model, "change", conference
        )

    def has_add_permission(self, request, *args):
        return allowed(request, self.model, "add", None)

    def has_change_permission(self, request, obj=None):
        return allowed(request, self.model, "change", self._conference(obj))

    def has_delete_permission(self, request, obj=None):
        return allowed(request, self.model, "delete", self._conference(obj))

    def has_module_permission(self, request):
        user = request.user
        return user.has_module_perms(self.opts.app_label) or bool(
            conferences_with(user, self.job, VIEW)
        )

    # What the user sees ---------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.follows_workspace:
            return workspace_queryset(queryset, request)
        user = request.user
        if has_global_access(user):
            return queryset
        return queryset.filter(in_conferences(self.model, conferences_with(user, self.job, VIEW)))

    def get_list_display(self, request):
        """No Conference column when working in one conference: it would say the same on every
        row and push the last columns off a 1366 px screen. Kept where it is the first column,
        which links to the object. Columns of moments name the zone in their header."""
        list_display = super().get_list_display(request)
        conference = current_conference(request) if self.follows_workspace else None
        if conference is None:
            return list_display
        first, *others = list_display
        return [
            self._zone_in_header(entry, conference)
            for entry in [first, *(name for name in others if name != "conference")]
        ]

    def _zone_in_header(self, entry, conference: Conference):
        """A column of moments names the conference's zone in its header, not on every row."""
        column = getattr(self, entry, None) if isinstance(entry, str) else entry
        if not getattr(column, "moment_column", False):
            return entry
        return zone_in_header(column, conference.tzinfo)

    def get_list_filter(self, request):
        current = current_conference(request) if self.follows_workspace else None
        filters = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str):
                related = _related_model(self.model, entry)
                if related is Conference and current is not None:
                    continue  # one conference: nothing to filter by
                if related is not None and scope_of(related) is not None:
                    entry = (entry, WorkspaceRelatedFieldListFilter)
            filters.append(entry)
        return filters

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        current = current_conference(request)
        if self.conference_path == "conference" and current is not None:
            initial.setdefault("conference", current.pk)
        return initial


class ConferenceScopedInline(_WorkspaceFields):
    """An inline on a conference's object: the parent's conference decides what may be chosen
    and who may change it. Put this mixin before admin.TabularInline/StackedInline. An inline
    of a model with no admin of its own declares `job` and `conference_path` as an admin does."""

    job: Job | None = None
    conference_path = "conference"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # With the class, not when a page first shows the inline: a role's permission on a
        # model with no admin of its own (credentials' scans) holds from the start.
        model = getattr(cls, "model", None)
        if cls.job is not None and model is not None and scope_of(model) is None:
            scope_register(model, Scope(Job(cls.job), cls.conference_path))

    def __init__(self, parent_model, admin_site):
        super().__init__(parent_model, admin_site)
        self.formset = type(
            self.formset.__name__,
            (SameConferenceFormSet, self.formset),
            {"__module__": self.formset.__module__},
        )

    def _allowed(self, request, action, obj) -> bool:
        conference = obj if isinstance(obj, Conference) else conference_of(obj)
        return allowed(request, self.model, action, conference)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, "view", obj) or self._allowed(request, "change", obj)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request, "add", obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, "delete", obj)


class WorkspaceAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete, each result named with its conference."""

    def has_perm(self, request, obj=None):
        """The stock rule (may see the list searched); or, for a list that serves every
        conference (the series of a pledge register), may fill in the form it is searched
        from: that form's admin asks the user's role in the workspace."""
        if super().has_perm(request, obj):
            return True
        if scope_of(self.model_admin.model) is not None:
            return False
        source_admin = self.admin_site._registry.get(self.source_field.model)
        return isinstance(source_admin, ConferenceScopedAdmin) and (
            source_admin.has_add_permission(request) or source_admin.has_change_permission(request)
        )

    def get_queryset(self):
        queryset = super().get_queryset()
        scope = scope_of(queryset.model)
        # The form's own admin decides, as for its select boxes: the conference's venue is
        # picked among every venue, a session's conference only in the workspace.
        source_admin = self.admin_site._registry.get(self.source_field.model)
        if scope is not None and getattr(source_admin, "follows_workspace", False):
            queryset = workspace_queryset(queryset, self.request)
        if scope is not None and scope.path and not scope.many:
            queryset = queryset.select_related(scope.path)
        # Results come a page at a time: in a stable order, also for a model without one.
        return queryset if queryset.ordered else queryset.order_by("pk")

    def serialize_result(self, obj, to_field_name):
        return {**super().serialize_result(obj, to_field_name), "text": conference_label(obj)}
