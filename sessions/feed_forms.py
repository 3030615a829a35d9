"""Query-string validation for the schedule API: bad input is a 400 per field.

The API filters sessions with the agenda page's own form, and the personal agenda's calendar
feed takes the page's sessions.forms.PersonalAgendaForm: the pages and the machines accept the
same queries.
"""

from django import forms

from sessions.forms import SessionFilterForm

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


class SessionQueryForm(SessionFilterForm, PageQueryForm):
    """The API's session list: the agenda's filters, a page at a time."""
