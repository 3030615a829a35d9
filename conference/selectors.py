"""Reads of conferences that every public page shares."""

from django.db.models import QuerySet

from conference.models import Conference


def conferences_visible(*, preview: bool) -> QuerySet[Conference]:
    conferences = Conference.objects.select_related("venue")
    return conferences if preview else conferences.published()


def conference_get(*, slug: str, preview: bool) -> Conference:
    """The conference with its venue; raises Conference.DoesNotExist if not visible."""
    return conferences_visible(preview=preview).get(slug=slug)
