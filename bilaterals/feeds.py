"""A delegation's bilaterals as a private calendar (RFC 5545), at a secret, revocable address."""

import icalendar
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from bilaterals.models import CalendarFeed, feed_token_hash
from bilaterals.selectors import delegation_schedule

PRODID = "-//Plenary//Bilateral meetings//EN"


def calendar(request: HttpRequest, feed_token: str) -> HttpResponse:
    feed = (
        CalendarFeed.objects.select_related("delegation__conference")
        .filter(token_hash=feed_token_hash(feed_token))
        .first()
    )
    if feed is None:
        raise Http404
    delegation = feed.delegation
    conference = delegation.conference
    with translation.override(conference.main_language):
        body = _calendar(delegation, request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # Personal: no shared cache may keep it.
    patch_cache_control(response, private=True, no_store=True)
    return response


def _calendar(delegation, host: str) -> bytes:
    conference = delegation.conference
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.calendar_name = _("Bilateral meetings: %(delegation)s") % {
        "delegation": delegation.name
    }
    calendar.add("x-wr-timezone", conference.time_zone)
    for bilateral in delegation_schedule(delegation=delegation):
        other = bilateral.other(delegation)
        event = icalendar.Event.new(
            uid=f"bilateral-{bilateral.pk}@{host.split(':')[0]}",
            summary=_("Bilateral meeting with %(delegation)s") % {"delegation": other.name},
            start=bilateral.starts_at.astimezone(conference.tzinfo),
            end=bilateral.ends_at.astimezone(conference.tzinfo),
            stamp=bilateral.updated_at,
            location=bilateral.room.translated_name,
        )
        if bilateral.topic:
            event.add("description", bilateral.topic)
        calendar.add_component(event)
    return calendar.to_ical()
