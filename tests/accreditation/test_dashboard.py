import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accreditation.dashboard import bar_chart, dashboard_figures
from delegations.models import State
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
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


@pytest.mark.parametrize("participants", [1, 3, 30])
def test_dashboard_page_runs_constant_queries(client, django_assert_num_queries, participants):
    delegation = DelegationFactory()
    ApprovedParticipantFactory.create_batch(participants, delegation=delegation)
    client.force_login(StaffUserFactory())
    url = reverse("accreditation:dashboard", args=[delegation.conference.slug])

    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.count(b"<figure") == 5
    assert f"<strong>{participants}</strong>".encode() in response.content


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
