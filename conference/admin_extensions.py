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
    site: admin.AdminSite = admin.site,
) -> None:
    """Append `actions` and `inlines` to the admin registered for `model` on `site`."""
    model_admin = site.get_model_admin(model)
    model_admin.actions = [*(model_admin.actions or ()), *actions]
    model_admin.inlines = [*model_admin.inlines, *inlines]
