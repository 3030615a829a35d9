import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from delegations.models import DelegationKind
from pledges.models import Pledge, PledgeState
from tests.factories import DelegationFactory, InvitationFactory
from tests.pledges.factories import PledgeFactory, capability, portal_delegation

pytestmark = pytest.mark.django_db

TOKEN = "pledging-delegation-token"


def url(name, **kwargs):
    return reverse(f"pledges:{name}", kwargs={"token": TOKEN, **kwargs})


def pledge_data(**fields) -> dict:
    return {
        "capability": capability("level-2-hospital").pk,
        "quantity": "1",
        "unit": "units",
        "deployable_from": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        "caveats": "Deployable to one mission only.",
        "contact_name": "Col. Ama Mensah",
        "contact_email": "ama.mensah@mission.example.org",
        "contact_phone": "+233 30 266 4000",
        "may_be_announced": "on",
        **fields,
    }


def test_portal_home_links_to_pledges_only_when_the_conference_runs_a_register(client):
    portal_delegation(TOKEN)
    InvitationFactory(token="no-register-token")

    with_register = client.get(reverse("registration:portal", kwargs={"token": TOKEN}))
    without = client.get(reverse("registration:portal", kwargs={"token": "no-register-token"}))

    assert url("portal") in with_register.content.decode()
    assert "/pledges/" not in without.content.decode()
    assert (
        client.get(reverse("pledges:portal", kwargs={"token": "no-register-token"})).status_code
        == 404
    )


def test_organisations_do_not_pledge(client):
    invitation = InvitationFactory(
        token=TOKEN,
        delegation__kind=DelegationKind.UN_SECRETARIAT,
        delegation__country="",
        delegation__organisation_name="Department of Peace Operations",
    )
    from tests.pledges.factories import PledgeRegisterFactory

    PledgeRegisterFactory(conference=invitation.delegation.conference)

    assert client.get(url("portal")).status_code == 404


def test_saving_a_draft_keeps_it_editable(client):
    delegation = portal_delegation(TOKEN)

    response = client.post(url("pledge_new"), pledge_data(save=""))

    assert response.status_code == 302
    pledge = delegation.pledges.get()
    assert (pledge.state, pledge.quantity, pledge.may_be_announced) == ("draft", 1, True)
    assert client.get(url("pledge", pk=pledge.pk)).context["form"].instance == pledge


def test_submitting_freezes_the_pledge(client):
    delegation = portal_delegation(TOKEN)

    client.post(url("pledge_new"), pledge_data(submit=""))
    pledge = delegation.pledges.get()
    response = client.get(url("pledge", pk=pledge.pk))

    assert pledge.state == PledgeState.SUBMITTED
    assert "pledges/pledge_detail.html" in [template.name for template in response.templates]
    assert client.post(url("pledge", pk=pledge.pk), pledge_data(quantity="5")).status_code == 404
    assert Pledge.objects.get(pk=pledge.pk).quantity == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quantity", "0"),
        ("quantity", str(10**12)),
        ("deployable_from", (timezone.localdate() - datetime.timedelta(days=1)).isoformat()),
        ("contact_email", "not-an-address"),
    ],
)
def test_bad_input_gives_a_field_error_and_saves_nothing(client, field, value):
    portal_delegation(TOKEN)

    response = client.post(url("pledge_new"), pledge_data(**{field: value}, submit=""))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Pledge.objects.exists()


def test_amending_starts_a_linked_draft(client):
    delegation = portal_delegation(TOKEN)
    old = PledgeFactory(delegation=delegation, state=PledgeState.SUBMITTED)

    response = client.post(url("pledge_amend", pk=old.pk))

    draft = Pledge.objects.get(previous=old)
    assert response.url == url("pledge", pk=draft.pk)
    assert draft.state == PledgeState.DRAFT


def test_withdrawing_needs_a_reason(client):
    delegation = portal_delegation(TOKEN)
    pledge = PledgeFactory(delegation=delegation, state=PledgeState.SUBMITTED)

    refused = client.post(url("pledge_withdraw", pk=pledge.pk), {"reason": ""})
    accepted = client.post(url("pledge_withdraw", pk=pledge.pk), {"reason": "Unit redeployed"})

    assert refused.status_code == 400
    assert refused.context["withdraw_form"].errors["reason"]
    assert accepted.status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).state == PledgeState.WITHDRAWN


def test_a_delegation_never_sees_another_delegations_pledges(client):
    delegation = portal_delegation(TOKEN)
    neighbour = DelegationFactory(conference=delegation.conference)
    theirs = PledgeFactory(
        delegation=neighbour, state=PledgeState.SUBMITTED, caveats="Confidential caveat"
    )

    listing = client.get(url("portal")).content.decode()

    assert "Confidential caveat" not in listing
    assert client.get(url("pledge", pk=theirs.pk)).status_code == 404
    assert client.post(url("pledge_amend", pk=theirs.pk)).status_code == 404
    assert client.post(url("pledge_withdraw", pk=theirs.pk), {"reason": "x"}).status_code == 404
    assert Pledge.objects.get(pk=theirs.pk).state == PledgeState.SUBMITTED


def test_portal_pledge_list_query_count_does_not_grow(client, django_assert_num_queries):
    delegation = portal_delegation(TOKEN)
    PledgeFactory(delegation=delegation)
    client.get(url("portal"))  # warm the session and caches

    with django_assert_num_queries(5):
        client.get(url("portal"))
    PledgeFactory.create_batch(3, delegation=delegation)
    with django_assert_num_queries(5):
        client.get(url("portal"))


def test_series_view_shows_only_this_states_pledges_across_meetings(client):
    import datetime as dt

    from tests.pledges.factories import PledgeRegisterFactory, PledgeSeriesFactory

    series = PledgeSeriesFactory()
    delegation = portal_delegation(TOKEN, series=series)
    here = delegation.conference
    earlier_register = PledgeRegisterFactory(
        series=series,
        conference__start_date=here.start_date - dt.timedelta(days=120),
        conference__end_date=here.end_date - dt.timedelta(days=120),
    )
    earlier = PledgeFactory(
        delegation__conference=earlier_register.conference,
        delegation__country=delegation.country,
        state=PledgeState.ANNOUNCED,
    )
    PledgeFactory(delegation__conference=earlier_register.conference, state=PledgeState.ANNOUNCED)

    page = client.get(url("series"))
    portal = client.get(url("portal"))

    assert list(page.context["pledges"]) == [earlier]
    assert list(portal.context["earlier"]) == [earlier]
