"""GET forms of the public programme pages: they validate query strings, never write."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from conference import date_formats
from conference.models import Conference, Room
from sessions.models import SessionKind, Track

ALL_DAYS = "all"
# A personal agenda is a handful of sessions; the cap keeps a hostile URL from growing the query
# of the page and of its calendar feed.
MAX_PERSONAL_SESSIONS = 200


class SessionFilterForm(forms.Form):
    """The filters of the agenda page and of the API's session list, checked alike for both."""

    day = forms.CharField(label=_("Day"), required=False, widget=forms.Select)
    track = forms.ModelChoiceField(
        label=_("Track"), queryset=Track.objects.none(), to_field_name="slug", required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *SessionKind.choices], required=False
    )
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)

    def __init__(
        self,
        *args,
        conference: Conference,
        tracks: QuerySet[Track],
        rooms: QuerySet[Room],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["day"].widget.choices = [
            *[
                (day.isoformat(), formats.date_format(day, date_formats.DAY_OF_MEETING))
                for day in conference.days
            ],
            (ALL_DAYS, _("All days")),
        ]
        self.fields["track"].queryset = tracks
        self.fields["track"].empty_label = _("All tracks")
        self.fields["room"].queryset = rooms
        self.fields["room"].empty_label = _("All rooms")

    def clean_day(self) -> list[datetime.date] | None:
        """The days asked for: one (YYYY-MM-DD), all of them ("all"), or None if not given."""
        value = self.cleaned_data["day"]
        if not value:
            return None
        if value == ALL_DAYS:
            return self.conference.days
        try:
            day = datetime.datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            raise ValidationError(_("Enter a date as YYYY-MM-DD."), code="invalid") from None
        if day not in self.conference.days:
            raise ValidationError(
                _("The conference runs from %(first)s to %(last)s."),
                code="not_a_conference_day",
                params={"first": self.conference.start_date, "last": self.conference.end_date},
            )
        return [day]


class SessionIdsField(forms.Field):
    """Repeated ?session=<id> values, as a sorted list of distinct positive integers.

    One field for the personal agenda page and its calendar feed, so both accept the same ids.
    """

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": _("“%(value)s” is not a session number."),
        "too_many": _("A personal agenda holds at most %(max)s sessions."),
    }

    def to_python(self, value: list[str] | None) -> list[int]:
        items = value or []
        # Counted before parsing, so a hostile URL costs no work beyond the cap.
        if len(items) > MAX_PERSONAL_SESSIONS:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"max": MAX_PERSONAL_SESSIONS},
            )
        return sorted({self._session_id(item) for item in items})

    def _session_id(self, item: str) -> int:
        # str.isdigit() alone lets through "²" (int() refuses it) and "٣" (int() reads 3);
        # int() alone lets through "+3", " 3" and "1_0". int() still fails on a number longer
        # than Python converts (sys.int_info.default_max_str_digits).
        try:
            if not (item.isascii() and item.isdigit()):
                raise ValueError(item)
            number = int(item)
            if number < 1:
                raise ValueError(item)
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": item}
            ) from None
        return number


class PersonalAgendaForm(forms.Form):
    session = SessionIdsField(label=_("Sessions"), required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the programme"), max_length=200, required=False)
