"""Query-string validation for the schedule API: bad input is a 400 per field.

The personal agenda's calendar feed takes the page's own form, sessions.forms.PersonalAgendaForm.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Room
from sessions.forms import language_choices
from sessions.models import Track

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


class PageQueryForm(forms.Form):
    limit = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, initial=DEFAULT_PAGE_SIZE
    )
    offset = forms.IntegerField(required=False, min_value=0, initial=0)

    def clean_limit(self) -> int:
        return self.cleaned_data["limit"] or DEFAULT_PAGE_SIZE

    def clean_offset(self) -> int:
        return self.cleaned_data["offset"] or 0


class SessionQueryForm(PageQueryForm):
    day = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    track = forms.ModelChoiceField(queryset=None, required=False, to_field_name="slug")
    room = forms.ModelChoiceField(queryset=None, required=False)
    # Sessions held in this language or interpreted into it.
    language = forms.ChoiceField(required=False)

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
        self.fields["track"].queryset = tracks
        self.fields["room"].queryset = rooms
        self.fields["language"].choices = language_choices(conference)

    def clean_day(self) -> datetime.date | None:
        day = self.cleaned_data["day"]
        if day and day not in self.conference.days:
            raise ValidationError(
                _("The conference runs from %(first)s to %(last)s."),
                code="not_a_conference_day",
                params={"first": self.conference.start_date, "last": self.conference.end_date},
            )
        return day
