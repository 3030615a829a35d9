"""What every admin form of the site gets, ours and the installed apps' alike: the two inputs
of a date and time are named after their field ("Starts: date", "Starts: time") for a screen
reader, where the inputs' visible labels say only "Date:" and "Time:".

PlenaryAdminSite.register() puts SplitDateTimeNamesMixin in front of each ModelAdmin.
"""

from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.translation import gettext as _


class SplitDateTimeNamesMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Each form field has a widget of its own (the admin makes them per request).
        if formfield is not None and isinstance(formfield.widget, AdminSplitDateTime):
            date, time = formfield.widget.widgets
            date.attrs["aria-label"] = _("%(field)s: date") % {"field": formfield.label}
            time.attrs["aria-label"] = _("%(field)s: time") % {"field": formfield.label}
        return formfield
