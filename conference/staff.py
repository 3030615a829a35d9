"""What the staff pages of every app share: who may open them."""

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def staff_permission_required(*permissions: str) -> Callable:
    """Log in on the staff login page (settings.LOGIN_URL), then hold one of `permissions`,
    else 403."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def allowed(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not any(request.user.has_perm(permission) for permission in permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(allowed)

    return decorator
