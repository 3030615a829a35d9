"""What every admin of the site gets, ours and the installed apps' alike: query strings that
Django's admin would turn into a server error are refused or ignored instead.

PlenaryAdminSite.register() puts AdminQueryStringMixin in front of each ModelAdmin.
tests/plenary/test_fuzz.py found each of these.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ValidationError


class DateHierarchyChangeList(ChangeList):
    # Django turns a ValueError from ?<field>__year=… into "incorrect parameters", but a
    # number too large for the C date type raises OverflowError, a server error: in the date
    # drill-down's filters, and, on a list without one (an old link), when the query with
    # that lookup is first run, counting the results.
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            return super().get_results(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class AdminQueryStringMixin:
    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList

    def get_object(self, request, object_id, from_field=None):
        # ?_to_field= (empty) passes Django's check of the field's name, then fails looking
        # the empty name up: it means the primary key, as no _to_field does.
        return super().get_object(request, object_id, from_field or None)

    def get_changeform_initial_data(self, request) -> dict:
        """The add form's initial values from the query string, less those that are no key
        of the related model: the autocomplete widget would query with them and fail."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation or field.many_to_many:
                continue
            try:
                field.target_field.to_python(value)
            except ValidationError:
                del initial[name]
        return initial
