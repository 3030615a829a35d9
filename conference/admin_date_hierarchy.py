"""The admin's date drill-down, refusing a year, month or day past what a date can hold."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class DateHierarchyChangeList(ChangeList):
    def get_filters(self, request):
        # Django turns a ValueError from ?<field>__year=… into "incorrect parameters", but a
        # number too large for the C date type raises OverflowError, a server error.
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class DateHierarchyAdminMixin:
    """For a ModelAdmin with `date_hierarchy`: hostile dates in the URL reset the filters."""

    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList
