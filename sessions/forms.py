"""GET forms of the public programme pages: they validate query strings, never write."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from conference import date_formats
from conference.models import Conference, Room
from conference.translations import language_name
from sessions.models import SessionKind, Track

ALL_DAYS = "all"
# A personal agenda is a handful of sessions; the cap keeps a hostile URL from growing the query
# of the page and of its calendar feed.
MAX_PERSONAL_SESSIONS = 200


class _ReadOnceChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices read with the queryset itself, in one plain query: Django's own
    `.iterator()` opens a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE, three round
    trips) for what is a dozen tracks or rooms."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class _FilterSelect(forms.Select):
    """The same markup as Django's select, its options written without an include each."""

    template_name = "sessions/_filter_select.html"


class _FilterChoiceField(forms.ModelChoiceField):
    iterator = _ReadOnceChoiceIterator
    widget = _FilterSelect


class SessionFilterForm(forms.Form):
    """The filters of the agenda page and of the API's session list, checked alike for both."""

    day = forms.CharField(label=_("Day"), required=False, widget=_FilterSelect)
    track = _FilterChoiceField(
        label=_("Track"), queryset=Track.objects.none(), to_field_name="slug", required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *SessionKind.choices],
        required=False,
        widget=_FilterSelect,
    )
    room = _FilterChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    # Sessions one can follow in a language: held in it, or interpreted into it.
    language = forms.ChoiceField(label=_("Available in"), required=False, widget=_FilterSelect)

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
        self.fields["language"].choices = language_choices(conference)
        if len(conference.languages) == 1:
            # Nothing to choose on the agenda; the API still checks the value it is sent.
            self.fields["language"].widget = forms.HiddenInput()

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


def language_choices(conference: Conference) -> list[tuple[str, str]]:
    """The conference's languages, for a filter of the sessions one can follow in each."""
    return [
        ("", _("All languages")),
        *((code, language_name(code)) for code in conference.languages),
    ]


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
