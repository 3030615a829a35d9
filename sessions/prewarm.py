"""Pre-warming: after a programme change, the main public pages are rendered again by the
task worker, in each of the conference's languages, so the first visitor after an edit gets
a stored page (docs/performance.md).

Only where it helps: the stored pages must be in a cache the app's processes share
(`CACHE_URL=redis://…`), and the site's public address must be known
(`PROGRAMME_PREWARM_URL`, e.g. https://plenary.example.org), because stored pages are keyed on
their full address. Unset, nothing is queued.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from conference.models import Conference
from conference.task_retries import retrying_task
from sessions.feed_forms import MAX_SESSION_PAGE_SIZE

# A burst of edits in the admin queues two pre-warms: one at once, for the first edit, and one
# this long after the second, which renders the burst's latest version.
PREWARM_DEBOUNCE_SECONDS = 30
# Each page is asked for as it is, then compressed: the encodings phones and browsers send.
ENCODINGS = ("", "br", "gzip")


def prewarm_after_change(conference_ids: set[int]) -> None:
    """Queue a pre-warm of each conference once the change commits (at most two per conference
    every PREWARM_DEBOUNCE_SECONDS: at once, then after the changes that follow)."""
    if not getattr(settings, "PROGRAMME_PREWARM_URL", ""):
        return
    for conference_id in conference_ids:
        transaction.on_commit(lambda pk=conference_id: _enqueue_once(pk))


def _enqueue_once(conference_id: int) -> None:
    # Only once committed: a change rolled back queues nothing and blocks nothing.
    if cache.add(f"programme-prewarm-queued:{conference_id}", 1, PREWARM_DEBOUNCE_SECONDS):
        programme_prewarm.enqueue(conference_id=conference_id)
    # The pre-warm queued at once may have run before this change: one more, late enough to
    # render every change made until it runs.
    elif cache.add(f"programme-prewarm-later:{conference_id}", 1, PREWARM_DEBOUNCE_SECONDS):
        run_after = timezone.now() + datetime.timedelta(seconds=PREWARM_DEBOUNCE_SECONDS)
        programme_prewarm.using(run_after=run_after).enqueue(conference_id=conference_id)


def prewarm_urls(conference: Conference) -> list[tuple[str, str]]:
    """(language, path) of the pages rendered again: per language the home page, the agenda
    (each day and all days), the speakers, the calendar, frab and the sessions API (its first
    page and the whole programme in one response).

    The feeds and the API twice: with `?lang=`, as the pages link to them, and without, in the
    language asked for with Accept-Language, as the API links to them and apps ask."""
    slug = conference.slug
    feeds = [
        reverse(f"feeds:{name}", kwargs={"conference": slug})
        for name in ("conference_ics", "frab_xml", "frab_json", "api_session_list")
    ]
    feeds.append(f"{feeds[-1]}?limit={MAX_SESSION_PAGE_SIZE}")
    urls = []
    for language in conference.languages:
        with translation.override(language):
            agenda = reverse("programme:agenda", kwargs={"conference": slug})
            urls += [
                (language, reverse("programme:conference", kwargs={"conference": slug})),
                (language, agenda),
                (language, f"{agenda}?day=all"),
                *((language, f"{agenda}?day={day.isoformat()}") for day in conference.days),
                (language, reverse("programme:speakers", kwargs={"conference": slug})),
            ]
        for feed in feeds:
            separator = "&" if "?" in feed else "?"
            urls += [(language, f"{feed}{separator}lang={language}"), (language, feed)]
    return urls


@retrying_task(queue_name="programme")
def programme_prewarm(*, conference_id: int) -> None:
    """The task: `prewarm` a conference."""
    prewarm(conference_id=conference_id)


def prewarm(*, conference_id: int) -> None:
    """Render the conference's main public pages, so that they are stored (and compressed)."""
    conference = Conference.objects.filter(pk=conference_id, is_published=True).first()
    if conference is None:
        return
    site = urlsplit(settings.PROGRAMME_PREWARM_URL)
    client = Client(
        headers={"Host": site.netloc, "X-Forwarded-Proto": site.scheme},
        secure=site.scheme == "https",
    )
    for language, path in prewarm_urls(conference):
        for encoding in ENCODINGS:
            client.get(
                path,
                headers={"Accept-Language": language, "Accept-Encoding": encoding},
                secure=site.scheme == "https",
            )
