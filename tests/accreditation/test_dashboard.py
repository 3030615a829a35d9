import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accreditation.dashboard import bar_chart, dashboard_figures
from conference.models import Role
from delegations.models import State
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    ConferenceRoleFactory,
    DelegationFactory,
    EntryFactory,
    ParticipantFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


def chart(figures, title_start):
    return next(c for c in figures["charts"] if str(c.title).startswith(title_start))


def test_dashboard_figures_count_states_badges_and_check_ins():
    delegation = DelegationFactory()
    printed = ApprovedParticipantFactory(delegation=delegation, badge_printed_at=timezone.now())
    ApprovedParticipantFactory(delegation=delegation)
    ParticipantFactory(delegation=delegation, state=State.PENDING)
    # Two entries (two zones) of one participant count once.
    entry = EntryFactory(participant=printed)
    EntryFactory(participant=printed, day=entry.day)

    figures = dashboard_figures(conference=delegation.conference)

    assert figures["totals"] == {
        "registered": 3,
        "approved": 2,
        "badges_printed": 1,
        "checked_in": 1,
        "sharing_an_address": 0,
    }
    states = {bar.label: bar.value for bar in chart(figures, "Participants by state").bars}
    assert states["Approved"] == 2
    assert states["Pending"] == 1


def test_dashboard_figures_count_check_ins_by_hour_in_the_conference_time_zone():
    participant = ApprovedParticipantFactory()
    # 03:30 UTC is 08:30 in Islamabad (Asia/Karachi, UTC+5).
    EntryFactory(
        participant=participant,
        entered_at=datetime.datetime(2023, 8, 30, 3, 30, tzinfo=datetime.UTC),
    )

    figures = dashboard_figures(conference=participant.conference)

    [bar] = chart(figures, "Check-ins per hour").bars
    assert (bar.label, bar.value) == ("30 Aug 08:00", 1)


def test_bar_chart_scales_bars_to_the_largest_value():
    chart_ = bar_chart("Test", [("a", 10), ("b", 5), ("c", 0)])

    widths = [bar.width for bar in chart_.bars]

    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0


def test_dashboard_page_is_refused_to_users_without_view_permission(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory(is_superuser=False))

    response = client.get(reverse("accreditation:dashboard", args=[conference.slug]))

    assert response.status_code == 403


def test_dashboard_tells_the_organisers_of_an_address_registered_by_two_delegations(client):
    # The focal point who registered the second was answered as for an unused address (not
    # to say who takes part): the organisers are told here instead, and led to both.
    conference = ConferenceFactory()
    ghana, japan, peru = DelegationFactory.create_batch(3, conference=conference)
    ParticipantFactory(delegation=ghana, email="ama.owusu@mission.example.org")
    ParticipantFactory(delegation=japan, email="Ama.Owusu@mission.example.org")
    ParticipantFactory(
        delegation=peru, email="ama.owusu@mission.example.org", state=State.WITHDRAWN
    )
    ParticipantFactory(delegation=peru, email="luis.vega@mission.example.org")
    client.force_login(StaffUserFactory())

    page = client.get(reverse("accreditation:dashboard", args=[conference.slug])).text
    shared = client.get(
        reverse("admin:delegations_participant_changelist"), {"shared_email": "yes"}
    )

    assert "2 registrations share their e-mail address with a registration in another" in page
    assert 'href="/en/admin/delegations/participant/?shared_email=yes"' in page
    assert [p.delegation for p in shared.context["cl"].result_list] in (
        [ghana, japan],
        [japan, ghana],
    )


def test_dashboard_says_nothing_of_shared_addresses_when_there_are_none(client):
    participant = ParticipantFactory()
    ParticipantFactory(delegation__conference=participant.conference)
    client.force_login(StaffUserFactory())

    page = client.get(reverse("accreditation:dashboard", args=[participant.conference.slug])).text

    assert "e-mail address with a registration in another" not in page
    assert "shared_email" not in page


@pytest.mark.parametrize("participants", [1, 3, 30])
def test_dashboard_page_runs_constant_queries(client, django_assert_num_queries, participants):
    delegation = DelegationFactory()
    ApprovedParticipantFactory.create_batch(participants, delegation=delegation)
    client.force_login(StaffUserFactory())
    url = reverse("accreditation:dashboard", args=[delegation.conference.slug])

    # 10, and 4 to make the conference the admin's workspace (a first visit).
    with django_assert_num_queries(14):
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.count(b"<figure") == 5
    assert f"<strong>{participants}</strong>".encode() in response.content


@pytest.mark.parametrize("delegations", [1, 3, 156])
def test_dashboard_queries_do_not_grow_with_delegations(
    client, django_assert_num_queries, delegations
):
    conference = ConferenceFactory()
    for delegation in DelegationFactory.create_batch(delegations, conference=conference):
        ParticipantFactory(delegation=delegation)
    client.force_login(StaffUserFactory())
    url = reverse("accreditation:dashboard", args=[conference.slug])

    # 10, and 4 to make the conference the admin's workspace (a first visit).
    with django_assert_num_queries(14):
        response = client.get(url)

    assert response.text.count('class="glance-state glance-members_pending"') == delegations


def test_dashboard_counts_delegations_by_state_with_links_to_their_lists(client):
    conference = ConferenceFactory()
    ghana = DelegationFactory(conference=conference, country="GH", status="nominated")
    ParticipantFactory(delegation=ghana)
    DelegationFactory(conference=conference, country="JP", status="accredited")
    client.force_login(StaffUserFactory())

    response = client.get(reverse("accreditation:dashboard", args=[conference.slug]))

    changelist = reverse("admin:delegations_delegation_changelist")
    counts = {item.state.key: (item.count, item.url) for item in response.context["state_counts"]}
    assert counts["members_pending"] == (1, f"{changelist}?response=members_pending")
    assert counts["letter_missing"][0] == 1
    assert counts["accredited"][0] == 1
    assert f'href="{counts["members_pending"][1].replace("&", "&amp;")}"' in response.text
    listed = client.get(counts["members_pending"][1]).context["cl"].result_list
    assert list(listed) == [ghana]


@pytest.mark.parametrize(
    ("role", "sees_delegations"),
    [(Role.REGISTRATION_OFFICER, True), (Role.VIEWER, True), (Role.SECURITY_OFFICER, False)],
)
def test_delegations_at_a_glance_only_for_those_who_may_see_delegations(
    client, role, sees_delegations
):
    staff = ConferenceRoleFactory(role=role)
    DelegationFactory(conference=staff.conference)
    client.force_login(staff.user)

    response = client.get(reverse("accreditation:dashboard", args=[staff.conference.slug]))

    assert response.status_code == 200
    assert ("Delegations at a glance" in response.text) is sees_delegations


def test_the_totals_link_to_the_participants_they_count_from_another_workspace(client):
    entered = EntryFactory()
    conference = entered.participant.conference
    printed = ApprovedParticipantFactory(
        delegation=entered.participant.delegation, badge_printed_at=timezone.now()
    )
    ParticipantFactory(delegation=printed.delegation)
    # An organiser of two meetings, working in the other one, which has one of everything too.
    elsewhere = EntryFactory().participant
    ApprovedParticipantFactory(delegation=elsewhere.delegation, badge_printed_at=timezone.now())
    organiser = ConferenceRoleFactory(conference=conference, role=Role.ORGANISER).user
    ConferenceRoleFactory(user=organiser, conference=elsewhere.conference, role=Role.ORGANISER)
    client.force_login(organiser)
    client.post(reverse("admin:workspace_switch"), {"conference": elsewhere.conference_id})

    links = client.get(reverse("accreditation:dashboard", args=[conference.slug])).context[
        "participant_links"
    ]

    def listed(key):
        response = client.get(links[key])
        return {participant.pk for participant in response.context["cl"].result_list}

    assert not any("conference" in link for link in links.values())
    assert len(listed("registered")) == 3
    assert listed("approved") == {entered.participant.pk, printed.pk}
    assert listed("badges_printed") == {printed.pk}
    assert listed("checked_in") == {entered.participant.pk}


def test_dashboard_largest_delegations_count_only_active_members():
    conference = ConferenceFactory()
    ghana = DelegationFactory(conference=conference, country="GH")
    japan = DelegationFactory(conference=conference, country="JP")
    ApprovedParticipantFactory.create_batch(2, delegation=ghana)
    ParticipantFactory.create_batch(3, delegation=japan, state=State.REJECTED)
    ParticipantFactory(delegation=japan)

    figures = dashboard_figures(conference=conference)

    bars = chart(figures, "Largest delegations").bars
    assert [(bar.label, bar.value) for bar in bars] == [("Ghana", 2), ("Japan", 1)]
