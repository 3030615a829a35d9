"""The admin's list of security clearances: one row per person who gave data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clearance.models import ClearanceState, SecurityRecord
from tests.factories import ParticipantFactory

CHANGELIST = reverse("admin:clearance_securityrecord_changelist")


def records(count: int) -> list[SecurityRecord]:
    return [
        SecurityRecord.objects.create(
            participant=ParticipantFactory(family_name=f"Mensah {index}"),
            birth_place="Kumasi",
            state=ClearanceState.SUBMITTED,
        )
        for index in range(count)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_security_clearance_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows
):
    made = records(rows)

    with django_assert_num_queries(5):
        response = admin_client.get(CHANGELIST)

    assert list(response.context["cl"].result_list) == made  # in the participants' name order


@pytest.mark.django_db
def test_security_clearance_changelist_reads_no_passport_data(admin_client):
    records(2)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    rows = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "clearance_securityrecord"."id"')
    ]
    assert rows
    assert not [sql for sql in rows if "birth_place" in sql or "document_number" in sql]


@pytest.mark.django_db
@pytest.mark.parametrize("flag", ["armed", "protected_status"])
def test_security_clearance_changelist_filters_by_each_flag(admin_client, flag):
    flagged, plain = records(2)
    SecurityRecord.objects.filter(pk=flagged.pk).update(**{flag: True})

    yes = admin_client.get(CHANGELIST, {f"{flag}__exact": "1"})
    no = admin_client.get(CHANGELIST, {f"{flag}__exact": "0"})

    assert list(yes.context["cl"].result_list) == [flagged]
    assert list(no.context["cl"].result_list) == [plain]


@pytest.mark.django_db
def test_refuse_action_asks_for_the_reason_on_the_shared_action_page_then_refuses(
    admin_client, django_assert_num_queries
):
    chosen, other = records(2)
    selected = {"action": "refuse_selected", "_selected_action": [chosen.pk]}

    with django_assert_num_queries(5):
        asked = admin_client.post(CHANGELIST, selected)
    missing = admin_client.post(CHANGELIST, {**selected, "apply": "1", "reason": ""})
    done = admin_client.post(CHANGELIST, {**selected, "apply": "1", "reason": "Forged passport."})

    page = asked.content.decode()
    assert "admin/action_form.html" in [template.name for template in asked.templates]
    assert f'name="_selected_action" value="{chosen.pk}"' in page
    assert f'name="_selected_action" value="{other.pk}"' not in page
    assert str(chosen) in page
    assert '<textarea name="reason"' in page
    assert 'value="Refuse clearance"' in page
    assert missing.status_code == 200
    assert missing.context["form"].errors["reason"]
    assert done.status_code == 302
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.state, chosen.reason) == (ClearanceState.REFUSED, "Forged passport.")
    assert other.state == ClearanceState.SUBMITTED
