"""Pages a participant opens for themselves, offered by features: an individual applicant's
status page links them (e.g. security clearance's "Your security data").

The core knows no feature's pages: each registers a ParticipantPage in its AppConfig.ready(),
with the address of the page for one participant (the feature signs its own link) and
whether that participant has it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from delegations.models import Participant


@dataclass(frozen=True)
class ParticipantPage:
    title: str | Promise
    url_for: Callable[[Participant], str]
    shown_for: Callable[[Participant], bool]


_pages: list[ParticipantPage] = []


def participant_page_register(page: ParticipantPage) -> None:
    """Offer `page` to participants; call it from the feature's AppConfig.ready()."""
    if page not in _pages:
        _pages.append(page)


def participant_pages(participant: Participant) -> list[tuple[str, str]]:
    """(title, URL) of each page this participant has, in registration order."""
    return [
        (str(page.title), page.url_for(participant))
        for page in _pages
        if page.shown_for(participant)
    ]
