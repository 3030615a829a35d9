from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.views import redirect_to_login
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from unfold import admin as unfold_admin
from unfold.sites import UnfoldAdminSite

from accounts.redirects import safe_next
from conference.admin_retention import retention_view
from conference.jobs import Job, scope_of
from conference.workspace import (
    WorkspaceAutocompleteJsonView,
    current_conference,
    has_global_access,
    workspace_choices,
    workspace_switch,
)
from delegations.models import State
from plenary.admin_fields import SplitDateTimeNamesMixin
from plenary.admin_hardening import AdminQueryStringMixin
from plenary.admin_index import conference_counts, staff_pages


class PlenaryAdminSite(UnfoldAdminSite):
    """The organisers' tool, one conference at a time (conference.workspace): the switcher
    atop its sidebar, the models grouped by job, and the workspace's counts and pages on its
    index; in django-unfold's theme (docs/workspace.md §5)."""

    site_header = _("Plenary administration")
    site_title = pgettext_lazy("the product's name", "Plenary")
    index_title = _("Conferences at a glance")
    index_template = "admin/plenary_index.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every ModelAdmin, the installed apps' too, refuses the query strings that Django's
        # admin would turn into a server error (plenary/admin_hardening.py), names the inputs
        # of a date and time after their field (plenary/admin_fields.py), and wears the theme
        # with its inlines, so that no app's admin.py need know of it.
        admin_class = admin_class or admin.ModelAdmin
        themed = type(admin_class)(
            admin_class.__name__,
            (
                AdminQueryStringMixin,
                SplitDateTimeNamesMixin,
                ThemedWidgetsMixin,
                NamedActionCheckboxesMixin,
                admin_class,
                unfold_admin.ModelAdmin,
            ),
            {
                "__module__": admin_class.__module__,
                "__doc__": admin_class.__doc__,
                "inlines": [themed_inline(inline) for inline in admin_class.inlines],
            },
        )
        super().register(model_or_iterable, themed, **options)

    def login(self, request, extra_context=None):
        """Staff log in in one place, with two factors (accounts.views), then come back."""
        next_url = safe_next(request, request.GET.get("next"))
        return redirect_to_login(
            next_url or reverse("admin:index", current_app=self.name), settings.LOGIN_URL
        )

    def get_urls(self):
        return [
            path("workspace/", self.admin_view(workspace_switch), name="workspace_switch"),
            path("workspace/retention/", self.admin_view(retention_view), name="retention"),
            *super().get_urls(),
        ]

    def autocomplete_view(self, request):
        return WorkspaceAutocompleteJsonView.as_view(admin_site=self)(request)

    def each_context(self, request):
        context = super().each_context(request)
        # The theme names the site from its own settings; ours are the site's.
        context["site_header"] = self.site_header
        context["site_title"] = self.site_title
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            context["workspace_conference"] = current_conference(request)
            context["workspace_choices"] = workspace_choices(request.user)
            context["workspace_all_allowed"] = has_global_access(request.user)
        return context

    def get_app_list(self, request, app_label=None):
        """On the index and in the sidebar, the models grouped by job (Programme · Delegations
        · … · Settings) with the workspace's staff pages among them; an app's own page lists
        that app's models as Django does."""
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        jobs = {
            job: {
                "name": job.label,
                "app_label": f"job-{job.value}",
                "app_url": f"{reverse('admin:index', current_app=self.name)}#job-{job.value}",
                "has_module_perms": True,
                "models": [],
            }
            for job in Job
        }
        conference = current_conference(request)
        for page in staff_pages(request, conference):
            jobs[page.job]["models"].append(page.as_app_list_entry())
        for app in app_list:
            for model in app["models"]:
                scope = scope_of(model["model"])
                jobs[scope.job if scope else Job.SETTINGS]["models"].append(model)
        return [group for group in jobs.values() if group["models"]]

    def index(self, request, extra_context=None):
        conference = current_conference(request)
        if conference is not None:
            conferences = [conference]
        elif has_global_access(request.user):
            conferences = None
        else:
            conferences = []
        extra_context = {
            **(extra_context or {}),
            "conference_counts": conference_counts(conferences=conferences),
            "participant_states": State.labels,
        }
        return super().index(request, extra_context)


class ThemedWidgetsMixin:
    """The theme's look for the inputs it has no widget of its own for: our fields' (each
    language's box of a translated text, lists of choices), also those a form makes when it
    is made, and the other apps'. Without it they are drawn with no border: a translation's
    box could not be seen."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            theme_field(formfield)
        return formfield

    def render_change_form(self, request, context, *args, **kwargs):
        # The fields a form adds in its __init__ (a form's fields are its own copies).
        for field in context["adminform"].form.fields.values():
            theme_field(field)
        return super().render_change_form(request, context, *args, **kwargs)


def theme_field(field: forms.Field) -> None:
    widget = getattr(field.widget, "widget", field.widget)  # a related field's wrapper
    for part in getattr(widget, "widgets", [widget]):
        theme_widget(part)


def theme_widget(widget: forms.Widget) -> None:
    """Give `widget` the theme's classes for its kind unless it has classes of its own."""
    # Imported here: unfold.widgets asks for the default admin site, which is this module's.
    from unfold import widgets as theme

    if "class" in widget.attrs or isinstance(widget, forms.HiddenInput):
        return
    # Boxes to tick keep the browser's look: the theme's classes draw a list of them as a
    # pile. A file or a box to tick is an Input too, so those come first.
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        return
    for kind, classes in [
        (forms.Select, theme.SELECT_CLASSES),
        (forms.Textarea, theme.TEXTAREA_CLASSES),
        (forms.FileInput, theme.FILE_CLASSES),
        (forms.widgets.Input, theme.INPUT_CLASSES),
    ]:
        if isinstance(widget, kind):
            widget.attrs["class"] = " ".join(classes)
            return


class NamedActionCheckboxesMixin:
    """The theme's box on each row of a list, named as Django names it for a screen reader
    ("Select this object for an action - Egypt"), which the theme's own box is not."""

    def action_checkbox(self, obj):
        return unfold_admin.checkbox.render(
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            {"aria-label": format_html(gettext("Select this object for an action - {}"), obj)},
        )

    action_checkbox.short_description = unfold_admin.ModelAdmin.action_checkbox.short_description


def themed_inline(inline: type[admin.options.InlineModelAdmin]) -> type:
    """`inline` in the theme's table or stacked layout, as its own class asks."""
    theme = (
        unfold_admin.StackedInline
        if issubclass(inline, admin.StackedInline)
        else unfold_admin.TabularInline
    )
    if issubclass(inline, theme):
        return inline
    return type(inline)(
        inline.__name__,
        (SplitDateTimeNamesMixin, ThemedWidgetsMixin, inline, theme),
        {"__module__": inline.__module__, "__doc__": inline.__doc__},
    )
