"""GET forms of the public programme pages: they validate query strings, never write."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Room
from conference.translations import language_name
from sessions.models import SessionKind, Track

ALL_DAYS = "all"
# A personal agenda is a handful of sessions; the cap keeps a hostile URL from growing the query
# of the page and of its calendar feed.
MAX_PERSONAL_SESSIONS = 200


class AgendaFilterForm(forms.Form):
    day = forms.ChoiceField(label=_("Day"), required=False)
    track = forms.ModelChoiceField(
        label=_("Track"), queryset=Track.objects.none(), to_field_name="slug", required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *SessionKind.choices], required=False
    )
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    # Sessions one can follow in a language: held in it, or interpreted into it.
    language = forms.ChoiceField(label=_("Available in"), required=False)

    def __init__(
        self,
        *args,
        conference: Conference,
        tracks: QuerySet[Track],
        rooms: QuerySet[Room],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.conference_days = conference.days
        self.fields["day"].choices = [
            *[(day.isoformat(), formats.date_format(day, "l j F")) for day in self.conference_days],
            (ALL_DAYS, _("All days")),
        ]
        self.fields["track"].queryset = tracks
        self.fields["track"].empty_label = _("All tracks")
        self.fields["room"].queryset = rooms
        self.fields["room"].empty_label = _("All rooms")
        if len(conference.languages) > 1:
            self.fields["language"].choices = language_choices(conference)
        else:
            del self.fields["language"]

    def clean_day(self) -> list[datetime.date] | None:
        """The days to show: one, all of them, or None for the default day."""
        day = self.cleaned_data["day"]
        if not day:
            return None
        if day == ALL_DAYS:
            return self.conference_days
        return [datetime.date.fromisoformat(day)]


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
