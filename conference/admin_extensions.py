"""How a feature app adds to the admin of a model it does not own.

Core apps never import feature apps: the core registers its ModelAdmin, and a feature app's
own admin.py (loaded after the core's, in INSTALLED_APPS order) appends its actions and
inlines to it, e.g. accreditation's "Print badges" on participants.
"""

from collections.abc import Callable, Iterable

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import Model


def admin_extend(
    model: type[Model],
    *,
    actions: Iterable[Callable] = (),
    inlines: Iterable[type[InlineModelAdmin]] = (),
    list_filter: Iterable = (),
    list_display: Iterable = (),
    list_select_related: Iterable[str] = (),
    site: admin.AdminSite = admin.site,
) -> None:
    """Append `actions`, `inlines`, list filters and columns to the admin registered for
    `model` on `site`. A column is a callable taking the row (with `short_description` set
    by @admin.display); it should read only what the admin's queryset already holds."""
    model_admin = site.get_model_admin(model)
    model_admin.actions = [*(model_admin.actions or ()), *actions]
    model_admin.inlines = [*model_admin.inlines, *inlines]
    model_admin.list_filter = [*model_admin.list_filter, *list_filter]
    model_admin.list_display = [*model_admin.list_display, *list_display]
    if list_select_related:
        # The core names what it selects as a list when others may add to it.
        model_admin.list_select_related = [
            *model_admin.list_select_related,
            *list_select_related,
        ]
