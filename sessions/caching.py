"""HTTP caching of the public programme: the version of a programme page is the conference's
`programme_changed_at`, which sessions/signals.py bumps on every programme edit."""

import datetime
from collections.abc import Callable, Collection

from django.http import HttpRequest, HttpResponse

from conference.models import Conference
from conference.public import cached_response


def programme_response(
    *,
    request: HttpRequest,
    conference: Conference,
    render: Callable[[], HttpResponse],
    public: bool = True,
    current_since: datetime.datetime | None = None,
    clock: bool = False,
    parameters: Collection[str] = (),
) -> HttpResponse:
    """`cached_response` for anything drawn from one conference's programme.

    A page that also depends on the clock ("now and next", today's agenda) passes
    `clock=True` and `current_since`, the moment its clock-dependent part last changed (the
    current minute, today's local midnight): the later of that and the programme's change is
    the version. `parameters`: the query parameters the response depends on.
    """
    programme_version = conference.programme_changed_at.isoformat()
    changed_at = conference.programme_changed_at
    if current_since is not None and current_since > changed_at:
        changed_at = current_since
    return cached_response(
        request=request,
        version=changed_at.isoformat(),
        last_modified=changed_at,
        render=render,
        public=public,
        # Found again without a query (conference.public.stored_page) while the programme is
        # unchanged; not the pages that may move with the clock (`clock`: the home page, the
        # agenda without a day), which need their view to tell.
        conference_slug="" if clock or not conference.is_published else conference.slug,
        conference_version=programme_version,
        parameters=parameters,
    )
