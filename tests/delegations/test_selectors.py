"""invitation_for_token: its SQL is compiled once per process and serves every link alike."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delegations.selectors import invitation_for_token
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def test_each_link_gets_its_own_invitation_with_delegation_and_conference_in_one_query():
    first, second = InvitationFactory(token="first-link"), InvitationFactory(token="second-link")
    for invitation, token in (
        (first, "first-link"),
        (second, "second-link"),
        (first, "first-link"),
    ):
        with CaptureQueriesContext(connection) as queries:
            found = invitation_for_token(token=token)
            conference_title = found.delegation.conference.title
        assert len(queries) == 1
        assert found.pk == invitation.pk
        assert found.token_hash == invitation.token_hash
        assert found.delegation.pk == invitation.delegation.pk
        assert found.delegation.name == invitation.delegation.name
        assert conference_title == invitation.delegation.conference.title
        assert not found._state.adding


def test_an_unknown_link_finds_nothing():
    InvitationFactory(token="known-link")

    assert invitation_for_token(token="unknown-link") is None
