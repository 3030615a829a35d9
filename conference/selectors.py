"""Reads of conferences that every public page shares."""

from django.db.models import QuerySet

from conference.models import Conference
from conference.one_row import OneRowRead


def conferences_visible(*, preview: bool) -> QuerySet[Conference]:
    conferences = Conference.objects.select_related("venue")
    return conferences if preview else conferences.published()


def conference_get(*, slug: str, preview: bool) -> Conference:
    """The conference with its venue; raises Conference.DoesNotExist if not visible.

    Every public page that is not served stored starts here: its SQL is compiled once per
    process (conference.one_row).
    """
    conference = _CONFERENCE_READS[preview](slug)
    if conference is None:
        raise Conference.DoesNotExist(f"No visible conference {slug!r}.")
    return conference


_CONFERENCE_READS = {
    preview: OneRowRead(
        lambda slug, preview=preview: conferences_visible(preview=preview).filter(slug=slug)
    )
    for preview in (False, True)
}
