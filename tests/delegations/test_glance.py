"""Each delegation's state at a glance: the states the core and diplomacy register, marked on
every delegation in one query and filtered by in the delegations' admin, the two agreeing."""

import pytest
from django.urls import reverse

from delegations.glance import delegation_states, delegations_with_states
from delegations.models import Delegation, DelegationStatus, State
from diplomacy.models import Credentials, CredentialsStatus
from tests.factories import ConferenceFactory, DelegationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegations():
    conference = ConferenceFactory()
    nominated = DelegationFactory(conference=conference, country="GH", status="nominated")
    ParticipantFactory(delegation=nominated, state=State.PENDING)
    accredited = DelegationFactory(
        conference=conference,
        country="JP",
        status=DelegationStatus.ACCREDITED,
        nomination_letter="nomination-letters/2023/japan.pdf",
    )
    Credentials.objects.create(
        delegation=accredited,
        status=CredentialsStatus.ORIGINAL,
        issued_by="minister_for_foreign_affairs",
    )
    declined = DelegationFactory(conference=conference, country="PE", status="declined")
    invited = DelegationFactory(conference=conference, country="TD")
    DelegationFactory(country="FR")  # another conference's
    return conference, {"GH": nominated, "JP": accredited, "PE": declined, "TD": invited}


def test_each_delegation_carries_its_states_and_members(delegations, django_assert_num_queries):
    conference, _by_country = delegations

    with django_assert_num_queries(1):
        rows = delegations_with_states(
            delegations=Delegation.objects.filter(conference=conference).in_protocol_order()
        )

    assert [
        (row.country.code, [state.key for state in row.states], row.approved, row.pending)
        for row in rows
    ] == [
        ("TD", ["not_invited", "no_credentials"], 0, 0),
        ("GH", ["not_invited", "letter_missing", "no_credentials", "members_pending"], 0, 1),
        ("JP", ["not_invited", "accredited"], 0, 0),
        ("PE", ["not_invited", "declined"], 0, 0),
    ]


def test_the_admin_lists_the_delegations_each_state_counts(admin_client, delegations):
    conference, _by_country = delegations
    rows = delegations_with_states(delegations=Delegation.objects.filter(conference=conference))
    url = reverse("admin:delegations_delegation_changelist")

    for state in delegation_states():
        response = admin_client.get(
            url, {"conference__id__exact": conference.pk, "response": state.key}
        )

        listed = {delegation.pk for delegation in response.context["cl"].result_list}
        assert listed == {row.pk for row in rows if state in row.states}, state.key
