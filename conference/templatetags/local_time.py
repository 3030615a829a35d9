"""`{{ moment|local_time:conference }}`: a moment in the conference's zone, the zone named."""

import datetime

from django import template

from conference import local_time as moments
from conference.models import Conference

register = template.Library()


@register.filter
def local_time(value: datetime.datetime | None, conference: Conference) -> str:
    """E.g. "30 August 2023, 09:00 (Asia/Karachi)"; empty for no moment."""
    return moments.local_time(value, conference.tzinfo)
