"""What the staff pages of every app share: who may open them."""

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from conference.models import Conference


def conference_by_slug(kwargs: dict) -> Conference | None:
    """The conference a page's address names by its slug (`<slug:conference>`)."""
    slug = kwargs.get("conference")
    return Conference.objects.filter(slug=slug).first() if isinstance(slug, str) else None


def conference_by_object(
    model: type[Model], path: str = "conference"
) -> Callable[[dict], Conference | None]:
    """For a page whose address names one of `model`'s objects (`<int:pk>`): the conference
    it belongs to, along `path`, in one query."""

    def conference(kwargs: dict) -> Conference | None:
        found = model._default_manager.filter(pk=kwargs.get("pk")).values(path)
        return Conference.objects.filter(pk__in=found).first()

    return conference


def staff_permission_required(
    *permissions: str, conference: Callable[[dict], Conference | None] = conference_by_slug
) -> Callable:
    """Log in on the staff login page (settings.LOGIN_URL), then hold one of `permissions`,
    everywhere or through a role in the page's conference (`conference`, from the view's
    arguments), else 403."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def allowed(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if not any(user.has_perm(permission) for permission in permissions):
                # Only then the conference is looked up: a role is in one conference.
                page_conference = conference(kwargs)
                if page_conference is None or not any(
                    user.has_perm(permission, page_conference) for permission in permissions
                ):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(allowed)

    return decorator
