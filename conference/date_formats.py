"""How dates are written, in Django's date format letters, translatable: each language writes
them its own way (Russian puts the month in the genitive, "j E Y": "30 августа 2023"; Chinese
writes "Y年n月j日"). Every page, e-mail and document takes its formats from here.
"""

from django.utils.translation import pgettext_lazy

# A moment, spelled out: pages, e-mails and documents (conference.local_time).
MOMENT = pgettext_lazy("date format: a moment, on pages, e-mails and documents", "j F Y, H:i")
# A moment where room is short: the admin's columns and exports.
MOMENT_SHORT = pgettext_lazy(
    "date format: a moment, short, in admin columns and exports", "j M Y H:i"
)
# The same time of day everywhere: the 24-hour clock of UN meetings.
TIME_OF_DAY = "H:i"
# A day of the meeting with its weekday: an agenda day's heading, a session's date.
DAY = pgettext_lazy("date format: a day with its weekday, as an agenda day's heading", "l j F Y")
# A day of the meeting with its weekday, without the year: the agenda's day tabs and filter.
DAY_OF_MEETING = pgettext_lazy("date format: a day with its weekday, without the year", "l j F")
# The dashboard's charts, short of room: a day, and an hour of a day.
CHART_DAY = pgettext_lazy("date format: a day on a chart's axis", "j M")
CHART_HOUR = pgettext_lazy("date format: an hour of a day on a chart's axis", "j M H:00")

# The conference's dates as one range (`{{ conference|date_range }}`): each day's format by
# case, so that a language can name a shared month or year once where it pleases, e.g.
# "30–31 August 2023", "2023年8月30日至31日".
ONLY_DAY = pgettext_lazy("date range: the only day", "j F Y")
FIRST_DAY_SAME_MONTH = pgettext_lazy("date range: the first day, within one month", "j")
LAST_DAY_SAME_MONTH = pgettext_lazy("date range: the last day, within one month", "j F Y")
FIRST_DAY_SAME_YEAR = pgettext_lazy("date range: the first day, within one year", "j F")
LAST_DAY_SAME_YEAR = pgettext_lazy("date range: the last day, within one year", "j F Y")
FIRST_DAY_ACROSS_YEARS = pgettext_lazy("date range: the first day, across years", "j F Y")
LAST_DAY_ACROSS_YEARS = pgettext_lazy("date range: the last day, across years", "j F Y")
