"""Dates written the one way every page uses, in the active language's formats
(conference.date_formats): `{{ conference|date_range }}`, `{{ day|day_heading }}`,
`{{ day|day_of_meeting }}`."""

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from conference import date_formats
from conference.models import Conference

register = template.Library()


@register.filter
def date_range(conference: Conference) -> str:
    """E.g. "30–31 August 2023", "30 August – 2 September 2023", or one day, "30 August 2023"."""
    first, last = conference.start_date, conference.end_date
    if first == last:
        return date_format(last, date_formats.ONLY_DAY)
    if (first.year, first.month) == (last.year, last.month):
        formats = (date_formats.FIRST_DAY_SAME_MONTH, date_formats.LAST_DAY_SAME_MONTH)
        joined = pgettext("date range within one month: first and last day", "%(first)s–%(last)s")
    elif first.year == last.year:
        formats = (date_formats.FIRST_DAY_SAME_YEAR, date_formats.LAST_DAY_SAME_YEAR)
        joined = gettext("%(first)s – %(last)s")
    else:
        formats = (date_formats.FIRST_DAY_ACROSS_YEARS, date_formats.LAST_DAY_ACROSS_YEARS)
        joined = gettext("%(first)s – %(last)s")
    return joined % {"first": date_format(first, formats[0]), "last": date_format(last, formats[1])}


# expects_localtime: a moment is turned into the active time zone (the conference's) first.
@register.filter(expects_localtime=True)
def day_heading(value: datetime.date) -> str:
    """A day with its weekday, e.g. "Wednesday 30 August 2023"."""
    return date_format(value, date_formats.DAY)


@register.filter(expects_localtime=True)
def day_of_meeting(value: datetime.date) -> str:
    """A day with its weekday, without the year, e.g. "Wednesday 30 August"."""
    return date_format(value, date_formats.DAY_OF_MEETING)
