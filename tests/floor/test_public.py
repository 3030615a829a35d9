import json

import pytest
from django.urls import reverse

from floor.models import SpeakersList
from floor.speakers import inscription_add, speakers_list_changed
from tests.factories import PublishedConferenceFactory
from tests.floor.helpers import delegation_with_head, plenary

pytestmark = pytest.mark.django_db


def published_list(*, consent: bool):
    session = plenary(
        conference=PublishedConferenceFactory(languages=["en", "fr"]), is_published=True
    )
    delegation, head = delegation_with_head(session.conference, country="GH")
    head.consents_to_public_listing = consent
    head.save()
    inscription_add(session=session, delegation=delegation, speaker=head, language="en")
    speakers_list = SpeakersList.objects.get()
    speakers_list.is_published = True
    speakers_list.save()
    return session, head


def public_url(session, name="public"):
    return reverse(
        f"floor:{name}", kwargs={"conference": session.conference.slug, "session": session.pk}
    )


def test_unpublished_list_is_not_public(client):
    session, _head = published_list(consent=True)
    SpeakersList.objects.update(is_published=False)

    assert client.get(public_url(session)).status_code == 404
    assert client.get(public_url(session, "public_state")).status_code == 404


def test_public_list_names_speakers_only_with_their_consent(client):
    session, head = published_list(consent=False)

    state = json.loads(client.get(public_url(session, "public_state")).content)

    assert state["waiting"] == [
        {
            "delegation": "Ghana",
            "speaker": "",
            "on_behalf_of": "",
            "language": "English",
            "started_at": None,
            "ended_at": None,
        }
    ]
    assert head.family_name not in client.get(public_url(session)).text


def test_public_page_is_cached_and_a_change_gives_it_a_new_etag(client):
    session, _head = published_list(consent=True)
    first = client.get(public_url(session))
    assert "public" in first["Cache-Control"]

    again = client.get(public_url(session), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304

    speakers_list_changed(speakers_list=SpeakersList.objects.get())
    changed = client.get(public_url(session), headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


@pytest.mark.parametrize("count", [1, 3])
def test_public_page_query_count_is_constant(client, django_assert_num_queries, count):
    session, _head = published_list(consent=True)
    for country in ["JP", "PK"][: count - 1]:
        delegation, head = delegation_with_head(session.conference, country=country)
        inscription_add(session=session, delegation=delegation, speaker=head, language="fr")

    with django_assert_num_queries(3):
        response = client.get(public_url(session))

    assert response.status_code == 200
