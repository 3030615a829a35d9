"""The session cards' parts, written in Python (sessions/session_html.py) and shared with the
session page: `{% session_star session %}`, `{% session_time_range session with_date=True %}`,
`{% track_swatch track %}`, `{% speaker_affiliation speaker %}`."""

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString

from sessions import session_html

register = template.Library()

register.simple_tag(session_html.star, name="session_star")
register.simple_tag(session_html.track, name="track_swatch")
register.simple_tag(session_html.affiliation, name="speaker_affiliation")


@register.simple_tag(takes_context=True)
def session_time_range(
    context: template.Context, session, *, with_date: bool = False
) -> SafeString:
    """The times in the page's time zone (the conference's), which the page names."""
    return session_html.time_range(
        session,
        tz=timezone.get_current_timezone(),
        zone_name=context["conference"].time_zone,
        with_date=with_date,
    )
