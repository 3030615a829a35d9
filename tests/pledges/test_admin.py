import pytest
from django.urls import reverse

from conference.models import Role
from pledges.models import Pledge, PledgeState
from tests.factories import ConferenceRoleFactory, StaffUserFactory
from tests.pledges.factories import PledgeFactory, PledgeRegisterFactory, PledgeSeriesFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:pledges_pledge_changelist")


def act(client, action, pledges):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [pledge.pk for pledge in pledges]},
        follow=True,
    )


def test_organiser_acknowledges_then_announces(client):
    organiser = StaffUserFactory()
    client.force_login(organiser)
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)

    act(client, "acknowledge", [pledge])
    act(client, "announce", [pledge])

    pledge.refresh_from_db()
    assert pledge.state == PledgeState.ANNOUNCED
    assert list(pledge.state_changes.values_list("changed_by", flat=True)) == [organiser.pk] * 2


def test_announcing_a_confidential_pledge_is_refused_with_a_message(client):
    client.force_login(StaffUserFactory())
    pledge = PledgeFactory(state=PledgeState.ACKNOWLEDGED, may_be_announced=False)

    response = act(client, "announce", [pledge])

    assert Pledge.objects.get(pk=pledge.pk).state == PledgeState.ACKNOWLEDGED
    assert "not agreed" in response.content.decode()


def test_merging_keeps_the_oldest(client):
    client.force_login(StaffUserFactory())
    oldest = PledgeFactory(state=PledgeState.SUBMITTED)
    newer = PledgeFactory(delegation=oldest.delegation, state=PledgeState.SUBMITTED)

    act(client, "merge_duplicates", [oldest, newer])

    newer.refresh_from_db()
    assert (newer.state, newer.duplicate_of) == (PledgeState.WITHDRAWN, oldest)
    assert Pledge.objects.get(pk=oldest.pk).state == PledgeState.SUBMITTED


def test_pledge_content_is_read_only_in_the_admin(client):
    client.force_login(StaffUserFactory())
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)

    client.post(
        reverse("admin:pledges_pledge_change", args=[pledge.pk]),
        {"quantity": "5", "state_changes-TOTAL_FORMS": "0", "state_changes-INITIAL_FORMS": "0"},
    )

    assert Pledge.objects.get(pk=pledge.pk).quantity == 160


def test_changelist_query_count_does_not_grow(client, django_assert_num_queries):
    client.force_login(StaffUserFactory())
    PledgeFactory()
    client.get(CHANGELIST)
    # The conference switcher's list of conferences is one of them.
    with django_assert_num_queries(8):
        client.get(CHANGELIST)
    PledgeFactory.create_batch(3)
    with django_assert_num_queries(8):
        client.get(CHANGELIST)


def test_staff_series_view_shows_a_member_states_pledges_over_time(client):
    series = PledgeSeriesFactory()
    register = PledgeRegisterFactory(series=series)
    pledge = PledgeFactory(
        delegation__conference=register.conference,
        delegation__country="GH",
        state=PledgeState.SUBMITTED,
    )
    PledgeFactory(
        delegation__conference=register.conference,
        delegation__country="JP",
        state=PledgeState.SUBMITTED,
    )
    client.force_login(StaffUserFactory())

    response = client.get(
        reverse(
            "pledges:series_record",
            kwargs={"series": series.pk, "country": pledge.delegation.country.code},
        )
    )

    assert list(response.context["pledges"]) == [pledge]


def test_a_registration_officer_reviews_the_pledges_of_their_conference_only(client):
    ours = PledgeFactory(state=PledgeState.SUBMITTED)
    theirs = PledgeFactory(state=PledgeState.SUBMITTED)
    officer = ConferenceRoleFactory(
        conference=ours.delegation.conference, role=Role.REGISTRATION_OFFICER
    )
    client.force_login(officer.user)
    changelist = reverse("admin:pledges_pledge_changelist")

    listed = client.get(changelist)
    client.post(
        changelist,
        {"action": "acknowledge", "_selected_action": [ours.pk, theirs.pk]},
    )

    assert [pledge.pk for pledge in listed.context["cl"].result_list] == [ours.pk]
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.state, theirs.state) == (PledgeState.ACKNOWLEDGED, PledgeState.SUBMITTED)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ORGANISER, 200),
        # Pledges, but the register only to read: the series are picked on its form.
        (Role.REGISTRATION_OFFICER, 403),
        (Role.PROGRAMME_EDITOR, 403),
        (Role.VIEWER, 403),
    ],
)
def test_the_series_picker_of_a_register_follows_the_role_in_the_conference(client, role, status):
    series = PledgeSeriesFactory(name="Peacekeeping Ministerial 2025")
    staff = ConferenceRoleFactory(role=role)
    client.force_login(staff.user)
    fields = {"app_label": "pledges", "model_name": "pledgeregister", "field_name": "series"}

    response = client.get(reverse("admin:autocomplete"), {"term": "Peacekeeping", **fields})

    assert response.status_code == status
    if status == 200:
        assert response.json()["results"] == [{"id": str(series.pk), "text": series.name}]
