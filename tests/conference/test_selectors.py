"""conference_get: its SQL is compiled once per process and serves every slug alike."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conference.models import Conference
from conference.selectors import conference_get
from tests.factories import ConferenceFactory, PublishedConferenceFactory

pytestmark = pytest.mark.django_db


def test_each_slug_gets_its_own_conference_with_its_venue_in_one_query():
    first, second = PublishedConferenceFactory(), PublishedConferenceFactory()
    for conference in (first, second, first):
        with CaptureQueriesContext(connection) as queries:
            found = conference_get(slug=conference.slug, preview=False)
            venue_name = found.venue.name
        assert len(queries) == 1
        assert found.pk == conference.pk
        assert found.title == conference.title
        assert found.title_translations == conference.title_translations
        assert found.languages == conference.languages
        assert venue_name == conference.venue.name
        assert not found._state.adding


def test_an_unpublished_conference_is_found_only_for_a_preview():
    draft = ConferenceFactory(is_published=False)
    with pytest.raises(Conference.DoesNotExist):
        conference_get(slug=draft.slug, preview=False)
    assert conference_get(slug=draft.slug, preview=True).pk == draft.pk


def test_no_such_slug():
    with pytest.raises(Conference.DoesNotExist):
        conference_get(slug="nowhere", preview=True)
