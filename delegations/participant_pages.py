"""Pages an individual participant opens about themselves, linked from their application's
status page (registration), without registration knowing them.

An applicant has no focal point and no portal: their status page, behind a link only they
hold, is where they act. A feature (diplomacy's visa support letters, clearance's security
data) registers a ParticipantPage in its AppConfig.ready(); `url_for(participant)` gives the
page's address for that participant, a link of the feature's own, or "" when the page is not
for them. Keep it cheap (a query at most): the status page's queries grow with each page registered.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from delegations.models import Participant


@dataclass(frozen=True)
class ParticipantPage:
    title: str | Promise
    url_for: Callable[[Participant], str]


_pages: list[ParticipantPage] = []


def participant_page_register(page: ParticipantPage) -> None:
    """Add `page` to every applicant's status page; call it from the feature's ready()."""
    if page not in _pages:
        _pages.append(page)


def participant_pages(*, participant: Participant) -> list[tuple[str, str]]:
    """(title, URL) of each page offered to `participant`, in registration order."""
    pages = []
    for page in _pages:
        if url := page.url_for(participant):
            pages.append((str(page.title), url))
    return pages
