import pytest
from django.urls import reverse

from delegations.models import DelegationKind, DelegationStatus, Role, State
from delegations.names import NameOrder
from tests.factories import (
    ConferenceFactory,
    DelegationFactory,
    OrganisationDelegationFactory,
    ParticipantFactory,
    PublishedConferenceFactory,
)

pytestmark = pytest.mark.django_db


def delegations_url(conference):
    return reverse("accreditation:delegations", kwargs={"conference": conference.slug})


def accredited(**kwargs):
    return DelegationFactory(status=DelegationStatus.ACCREDITED, **kwargs)


def test_delegation_list_shows_accredited_delegations_only(client):
    conference = PublishedConferenceFactory()
    accredited(conference=conference, country="GH", protocol_sort_key="Ghana")
    DelegationFactory(conference=conference, country="JP", protocol_sort_key="Japan")

    content = client.get(delegations_url(conference)).content.decode()

    assert "Ghana" in content
    assert "Japan" not in content


def test_delegation_list_follows_protocol_order_grouped_by_kind(client):
    conference = PublishedConferenceFactory()
    OrganisationDelegationFactory(
        conference=conference,
        organisation_name="Department of Peace Operations",
        status=DelegationStatus.ACCREDITED,
    )
    accredited(conference=conference, country="PK", protocol_sort_key="Pakistan")
    accredited(conference=conference, country="GH", protocol_sort_key="Ghana")

    response = client.get(delegations_url(conference))

    groups = [
        (group.kind, [delegation.name for delegation in group.delegations])
        for group in response.context["groups"]
    ]
    assert groups == [
        (DelegationKind.MEMBER_STATE, ["Ghana", "Pakistan"]),
        (DelegationKind.UN_SECRETARIAT, ["Department of Peace Operations"]),
    ]


def test_delegation_list_names_only_approved_participants_who_consented(client):
    conference = PublishedConferenceFactory()
    delegation = accredited(conference=conference)
    ParticipantFactory(
        delegation=delegation,
        family_name="Listed",
        state=State.APPROVED,
        consents_to_public_listing=True,
    )
    ParticipantFactory(delegation=delegation, family_name="Private", state=State.APPROVED)
    ParticipantFactory(
        delegation=delegation,
        family_name="Pending",
        state=State.PENDING,
        consents_to_public_listing=True,
    )

    content = client.get(delegations_url(conference)).content.decode()

    assert "Listed" in content
    assert "Private" not in content
    assert "Pending" not in content


def test_delegation_list_names_the_head_of_delegation_first(client):
    conference = PublishedConferenceFactory()
    delegation = accredited(conference=conference)
    for role, name in [(Role.ADVISER, "Adviser"), (Role.HEAD, "Zulu")]:
        ParticipantFactory(
            delegation=delegation,
            family_name=name,
            role=role,
            state=State.APPROVED,
            consents_to_public_listing=True,
        )

    response = client.get(delegations_url(conference))

    members = response.context["groups"][0].delegations[0].public_participants
    assert [member.family_name for member in members] == ["Zulu", "Adviser"]


def test_delegation_list_never_shows_contact_data(client):
    conference = PublishedConferenceFactory()
    ParticipantFactory(
        delegation=accredited(conference=conference),
        email="delegate@mission.example.org",
        state=State.APPROVED,
        consents_to_public_listing=True,
    )

    content = client.get(delegations_url(conference)).content.decode()

    assert "delegate@mission.example.org" not in content


def test_delegation_list_of_unpublished_conference_is_not_found(client):
    conference = ConferenceFactory()

    response = client.get(delegations_url(conference))

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3, 30])
def test_delegation_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    for number in range(count):
        delegation = OrganisationDelegationFactory(
            conference=conference, status=DelegationStatus.ACCREDITED
        )
        ParticipantFactory(
            delegation=delegation,
            state=State.APPROVED,
            consents_to_public_listing=True,
            role=Role.HEAD if number % 2 else Role.ADVISER,
        )

    # Conference, the page's version (delegations, participants), delegations, participants.
    with django_assert_num_queries(5):
        response = client.get(delegations_url(conference))

    assert len(response.context["groups"][0].delegations) == count


def test_delegation_list_files_accented_names_as_people_expect(client):
    conference = PublishedConferenceFactory()
    for code, name in [("HR", "Croatia"), ("CI", "Côte d'Ivoire"), ("CR", "Costa Rica")]:
        accredited(conference=conference, country=code, protocol_sort_key=name)

    response = client.get(delegations_url(conference))

    (member_states,) = response.context["groups"]
    assert [d.protocol_sort_key for d in member_states.delegations] == [
        "Costa Rica",
        "Côte d'Ivoire",
        "Croatia",
    ]
    assert member_states.label == "Member States"


def test_delegation_list_prints_names_in_their_order_and_their_own_script(client):
    conference = PublishedConferenceFactory()
    ParticipantFactory(
        delegation=accredited(conference=conference, country="CN"),
        given_name="Wei",
        family_name="Wang",
        name_order=NameOrder.FAMILY_FIRST,
        own_script_name="王伟",
        state=State.APPROVED,
        consents_to_public_listing=True,
    )

    content = client.get(delegations_url(conference)).content.decode()

    assert "<li><bdi>WANG Wei (\u2068王伟\u2069)</bdi></li>" in content
