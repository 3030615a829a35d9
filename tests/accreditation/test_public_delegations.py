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


# A large conference (more participants than NAMES_ON_THE_PAGE_MAX): the page gives each
# delegation's number of listed members and links to a page of its own.


@pytest.fixture
def large(monkeypatch):
    monkeypatch.setattr("accreditation.selectors.NAMES_ON_THE_PAGE_MAX", 2)


def delegation_url(delegation):
    return reverse(
        "accreditation:delegation",
        kwargs={"conference": delegation.conference.slug, "pk": delegation.pk},
    )


def people(delegation):
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


def test_delegation_list_of_a_large_conference_counts_and_links_instead_of_naming(client, large):
    conference = PublishedConferenceFactory()
    delegation = accredited(conference=conference, country="GH", protocol_sort_key="Ghana")
    people(delegation)

    response = client.get(delegations_url(conference))
    content = response.content.decode()

    assert "Listed" not in content
    assert "1 participant listed" in content
    assert f'href="{delegation_url(delegation)}"' in content


def test_delegation_list_of_a_small_conference_still_names_people(client):
    conference = PublishedConferenceFactory()
    people(accredited(conference=conference))

    content = client.get(delegations_url(conference)).content.decode()

    assert "Listed" in content
    assert "participant listed" not in content


@pytest.mark.parametrize("count", [1, 3, 30])
def test_delegation_list_of_a_large_conference_has_constant_queries(
    client, django_assert_num_queries, large, count
):
    conference = PublishedConferenceFactory()
    for _ in range(count):
        people(
            OrganisationDelegationFactory(conference=conference, status=DelegationStatus.ACCREDITED)
        )

    # Conference, the page's version (delegations, participants), delegations with counts.
    with django_assert_num_queries(4):
        response = client.get(delegations_url(conference))

    assert [d.public_count for d in response.context["groups"][0].delegations] == [1] * count


def test_delegation_list_of_a_large_conference_does_not_grow_with_its_participants(client, large):
    conference = PublishedConferenceFactory()
    delegations = [
        accredited(conference=conference, country=code, protocol_sort_key=name)
        for code, name in (("GH", "Ghana"), ("JP", "Japan"), ("PK", "Pakistan"))
    ]
    for delegation in delegations:
        people(delegation)
    before = len(client.get(delegations_url(conference)).content)

    for delegation in delegations:
        for _ in range(9):
            people(delegation)
    after = client.get(delegations_url(conference)).content.decode()

    # The same page with each count a digit longer ("1 participant" → "10 participants").
    assert "10 participants listed" in after
    assert len(after.encode()) - before <= 2 * len(delegations)


def test_delegation_page_names_only_its_approved_members_who_consented(client, large):
    conference = PublishedConferenceFactory()
    delegation = accredited(conference=conference)
    people(delegation)
    people(accredited(conference=conference, country="JP", protocol_sort_key="Japan"))

    response = client.get(delegation_url(delegation))
    content = response.content.decode()

    assert response.status_code == 200
    assert content.count("Listed") == 1
    assert "Private" not in content
    assert "Pending" not in content
    assert "@" not in content.split("<main", 1)[-1]


@pytest.mark.parametrize("count", [1, 30])
def test_delegation_page_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    delegation = accredited(conference=conference)
    for _ in range(count):
        people(delegation)

    # Conference, the version (2), the delegation, its listed members.
    with django_assert_num_queries(5):
        response = client.get(delegation_url(delegation))

    assert len(response.context["delegation"].public_participants) == count


def test_delegation_page_of_a_delegation_not_accredited_or_of_another_conference_is_not_found(
    client,
):
    conference = PublishedConferenceFactory()
    not_accredited = DelegationFactory(conference=conference)
    elsewhere = accredited(conference=PublishedConferenceFactory())

    assert client.get(delegation_url(not_accredited)).status_code == 404
    other = reverse(
        "accreditation:delegation", kwargs={"conference": conference.slug, "pk": elsewhere.pk}
    )
    assert client.get(other).status_code == 404
