import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from delegations.task_documents import DocumentStatus
from pledges import services
from pledges.models import PledgeState, SummaryDocument, Unit
from pledges.selectors import pledges_summary
from tests.factories import DelegationFactory, PublishedConferenceFactory, StaffMemberFactory
from tests.pledges.factories import PledgeFactory, PledgeRegisterFactory, capability
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db


def pledge(
    conference,
    country,
    state,
    *,
    quantity=100,
    may_be_announced=True,
    code="formed-police-unit",
    unit=Unit.PERSONNEL,
):
    return PledgeFactory(
        delegation=DelegationFactory(conference=conference, country=country),
        state=state,
        quantity=quantity,
        may_be_announced=may_be_announced,
        capability=capability(code),
        unit=unit,
    )


@pytest.fixture
def conference():
    conference = PublishedConferenceFactory()
    PledgeRegisterFactory(conference=conference)
    pledge(conference, "GH", PledgeState.ANNOUNCED, quantity=160)
    pledge(conference, "PK", PledgeState.ACKNOWLEDGED, quantity=13_579)
    pledge(conference, "JP", PledgeState.ACKNOWLEDGED, quantity=98_765, may_be_announced=False)
    pledge(conference, "FR", PledgeState.SUBMITTED, quantity=500)
    pledge(conference, "BR", PledgeState.DRAFT, quantity=70)
    pledge(
        conference, "DE", PledgeState.ANNOUNCED, quantity=2_000_000, code="funding", unit=Unit.USD
    )
    return conference


def test_summary_counts_only_what_may_be_announced(conference):
    summary = pledges_summary(conference=conference, announced_only=False)

    [police, funding] = summary.totals
    assert (police.capability.code, police.quantity, police.state_count) == (
        "formed-police-unit",
        13_739,
        2,
    )
    assert police.by_region == {"african": 160, "asia_pacific": 13_579}
    assert (funding.quantity, funding.unit) == (2_000_000, "usd")


def test_summary_by_region_keeps_one_group(conference):
    summary = pledges_summary(conference=conference, announced_only=False, region="african")

    assert [(total.capability.code, total.quantity) for total in summary.totals] == [
        ("formed-police-unit", 160)
    ]


def test_summary_page_needs_the_permission(client, conference):
    url = reverse("pledges:summary", kwargs={"conference": conference.slug})
    client.force_login(StaffMemberFactory())
    assert client.get(url).status_code == 403

    client.force_login(StaffMemberFactory(permissions=["pledges.view_pledge"]))
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["summary"].pledge_count == 3


def test_xlsx_has_the_totals(client, conference):
    client.force_login(StaffMemberFactory(permissions=["pledges.view_pledge"]))

    response = client.get(reverse("pledges:xlsx", kwargs={"conference": conference.slug}))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [
        row for row in sheet.iter_rows(values_only=True) if row and row[0] == "Formed police unit"
    ]
    assert rows[0][2] == 13_739
    assert rows[0][5] == 160  # African States


@pytest.mark.django_db(transaction=True)
def test_pdf_is_made_by_a_task(client, conference):
    client.force_login(StaffMemberFactory(permissions=["pledges.view_pledge"]))

    response = client.post(reverse("pledges:pdf", kwargs={"conference": conference.slug}))
    document = SummaryDocument.objects.get()
    assert document.status == DocumentStatus.QUEUED
    assert response.url == reverse("pledges:summary_document", kwargs={"pk": document.pk})

    tasks_run()

    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE
    with document.file.open("rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def public_url(conference, **query):
    url = reverse("pledges:public", kwargs={"conference": conference.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_public_page_shows_only_announced_totals(client, conference):
    response = client.get(public_url(conference))
    content = response.content.decode()

    [police, _funding] = response.context["summary"].totals
    assert police.quantity == 160
    assert "<svg" in content
    assert "<table" in content
    # Quantities no factory sequence can spell, so the page's own title cannot match them.
    assert "98,765" not in content
    assert "13,579" not in content
    assert "pledges@mission.example.org" not in content


def test_public_page_filters_by_region(client, conference):
    response = client.get(public_url(conference, region="weog"))

    assert [total.capability.code for total in response.context["summary"].totals] == ["funding"]


def test_public_page_changes_when_a_pledge_is_announced(client, conference):
    first = client.get(public_url(conference))
    acknowledged = conference.delegations.get(country="PK").pledges.get()

    services.pledge_transition(pledge=acknowledged, to_state=PledgeState.ANNOUNCED)
    second = client.get(public_url(conference), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert second.context["summary"].totals[0].quantity == 13_739
    assert "13,739" in second.content.decode()


def test_public_page_answers_304_when_unchanged(client, conference):
    first = client.get(public_url(conference))

    second = client.get(public_url(conference), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 304


def test_public_page_of_conference_without_register_is_not_found(client):
    conference = PublishedConferenceFactory()

    assert client.get(public_url(conference)).status_code == 404


def test_public_page_query_count_does_not_grow(client, conference, django_assert_num_queries):
    with django_assert_num_queries(5):
        client.get(public_url(conference, region="weog"))
    pledge(conference, "NG", PledgeState.ANNOUNCED, code="infantry-battalion")
    pledge(conference, "KE", PledgeState.ANNOUNCED, code="engineering-company")
    with django_assert_num_queries(5):
        client.get(public_url(conference, region="african"))
