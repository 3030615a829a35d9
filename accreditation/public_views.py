"""Public pages about who takes part: the accredited delegations and the public List of
Participants, showing only approved people who consented to be listed."""

from django.http import Http404, HttpRequest, HttpResponse

from accreditation.public_list import public_list_being_prepared, public_list_content
from accreditation.selectors import (
    delegation_public,
    delegations_public,
    delegations_version,
    names_on_the_delegations_page,
    participant_list_file_version,
    participant_list_version,
)
from conference.models import Conference
from conference.public import (
    cached_response,
    conference_page,
    render_in_conference_zone,
)


@conference_page
def delegation_list(request: HttpRequest, conference: Conference, *, preview: bool) -> HttpResponse:
    # Delegations and participants are not the programme: their own version, not
    # programme_changed_at, tells when this page changed.
    changed_at, version, participants = delegations_version(conference=conference)
    with_names = names_on_the_delegations_page(participants=participants)
    return cached_response(
        request=request,
        version=version,
        last_modified=changed_at,
        render=lambda: render_in_conference_zone(
            request,
            "accreditation/delegation_list.html",
            {
                "groups": delegations_public(conference=conference, with_names=with_names),
                "with_names": with_names,
            },
            conference=conference,
            preview=preview,
        ),
        public=not preview,
    )


@conference_page
def delegation_detail(
    request: HttpRequest, conference: Conference, pk: int, *, preview: bool
) -> HttpResponse:
    """One delegation's listed members: the delegations page of a large conference links here."""
    changed_at, version, _participants = delegations_version(conference=conference)

    def render() -> HttpResponse:
        delegation = delegation_public(conference=conference, pk=pk)
        if delegation is None:
            raise Http404
        return render_in_conference_zone(
            request,
            "accreditation/delegation_detail.html",
            {"delegation": delegation},
            conference=conference,
            preview=preview,
        )

    return cached_response(
        request=request,
        version=version,
        last_modified=changed_at,
        render=render,
        public=not preview,
    )


@conference_page
def participant_list_public(
    request: HttpRequest, conference: Conference, *, preview: bool
) -> HttpResponse:
    """The public List of Participants (PDF): those who consented, in accredited delegations;
    the file a task made of this version of the list, or 202 while it is being made."""
    changed_at, version, _participants = participant_list_version(conference=conference)

    def render_pdf() -> HttpResponse:
        file_version = participant_list_file_version(conference=conference)
        content = public_list_content(conference=conference, version=file_version)
        if content is None:
            return public_list_being_prepared(request, conference=conference, version=file_version)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="list-of-participants-{conference.slug}.pdf"'
        )
        return response

    return cached_response(
        request=request,
        version=version,
        last_modified=changed_at,
        render=render_pdf,
        public=not preview,
    )
