"""The public list of speakers, once an organiser publishes it: read-only, cached like every
public page, keyed by the list's version so that each change is a new copy."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from conference.models import Conference
from conference.public import cached_response, conference_page, render_in_conference_zone
from floor.models import SpeakersList
from floor.selectors import live_state
from floor.speakers import speakers_in_order


def _published_list(conference: Conference, session: int, *, preview: bool) -> SpeakersList:
    lists = SpeakersList.objects.select_related("session__conference", "session__room").filter(
        session__conference=conference
    )
    if not preview:
        lists = lists.filter(is_published=True, session__is_published=True)
    return get_object_or_404(lists, session=session)


def _version(speakers_list: SpeakersList) -> str:
    return f"speakers-list:{speakers_list.pk}:{speakers_list.version}"


@conference_page
def public_speakers(
    request: HttpRequest, conference: Conference, session: int, preview: bool
) -> HttpResponse:
    speakers_list = _published_list(conference, session, preview=preview)

    def render() -> HttpResponse:
        inscriptions = speakers_in_order(speakers_list)
        state = live_state(speakers_list=speakers_list, inscriptions=inscriptions, public=True)
        return render_in_conference_zone(
            request,
            "floor/public_speakers.html",
            {
                "speakers_list": speakers_list,
                "session": speakers_list.session,
                "state": state,
                "state_url": reverse(
                    "floor:public_state",
                    kwargs={"conference": conference.slug, "session": session},
                ),
            },
            conference=conference,
            preview=preview,
        )

    return cached_response(
        request=request,
        version=_version(speakers_list),
        last_modified=speakers_list.changed_at,
        render=render,
        public=not preview,
    )


@conference_page
def public_state(
    request: HttpRequest, conference: Conference, session: int, preview: bool
) -> HttpResponse:
    """The public page's live state: only what is published and names with consent."""
    speakers_list = _published_list(conference, session, preview=preview)

    def render() -> HttpResponse:
        inscriptions = speakers_in_order(speakers_list)
        return JsonResponse(
            live_state(speakers_list=speakers_list, inscriptions=inscriptions, public=True)
        )

    return cached_response(
        request=request,
        version=_version(speakers_list),
        last_modified=speakers_list.changed_at,
        render=render,
        public=not preview,
    )
