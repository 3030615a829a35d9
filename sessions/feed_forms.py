"""Query-string validation for the schedule API: bad input is a 400 per field.

The API filters sessions with the agenda page's own form, and the personal agenda's calendar
feed takes the page's sessions.forms.PersonalAgendaForm: the pages and the machines accept the
same queries.
"""

from django import forms

from sessions.forms import SessionFilterForm

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
# Sessions come 1,000 at a time: a whole programme (500 sessions at the largest meetings
# measured) in one request, for apps that keep a copy of it.
MAX_SESSION_PAGE_SIZE = 1000
# Far past any real list; beyond a database integer the query itself would fail.
MAX_OFFSET = 1_000_000


class PageQueryForm(forms.Form):
    limit = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, initial=DEFAULT_PAGE_SIZE
    )
    offset = forms.IntegerField(required=False, min_value=0, max_value=MAX_OFFSET, initial=0)

    def clean_limit(self) -> int:
        return self.cleaned_data["limit"] or DEFAULT_PAGE_SIZE

    def clean_offset(self) -> int:
        return self.cleaned_data["offset"] or 0


class SessionQueryForm(SessionFilterForm, PageQueryForm):
    """The API's session list: the agenda's filters, a page at a time."""

    limit = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_SESSION_PAGE_SIZE, initial=DEFAULT_PAGE_SIZE
    )
