"""`{{ conference|date_range }}`: a conference's dates, written the one way every page uses."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from conference.models import Conference

register = template.Library()


@register.filter
def date_range(conference: Conference) -> str:
    """E.g. "30–31 August 2023", "30 August – 2 September 2023", or one day, "30 August 2023".

    The formats are translatable (Django's date format letters), so a language can reorder them.
    """
    first, last = conference.start_date, conference.end_date
    last_format = pgettext("date range: the last day, or the only one", "j F Y")
    if first == last:
        return date_format(last, last_format)
    if (first.year, first.month) == (last.year, last.month):
        first_format = pgettext("date range: the first day, within one month", "j")
        joined = gettext("%(first)s–%(last)s")
    elif first.year == last.year:
        first_format = pgettext("date range: the first day, within one year", "j F")
        joined = gettext("%(first)s – %(last)s")
    else:
        first_format = pgettext("date range: the first day, across years", "j F Y")
        joined = gettext("%(first)s – %(last)s")
    return joined % {
        "first": date_format(first, first_format),
        "last": date_format(last, last_format),
    }
