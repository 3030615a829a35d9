"""The Ministerial's security clearance: a spread of states, and the demo's security officer
can do the job (the vetting page, the export, a person's data)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from clearance.models import ClearanceState, SecurityRecord
from clearance.selectors import state_counts
from demo.clearance import ministerial_clearance_load
from demo.ministerial import ministerial_load

pytestmark = pytest.mark.django_db


def test_the_ministerial_shows_every_clearance_state_once_loaded_twice():
    conference = ministerial_load()
    ministerial_clearance_load(conference=conference)
    ministerial_clearance_load(conference=conference)

    assert state_counts(conference=conference) == {
        # Japan's adviser, and the two members who asked for visa letters.
        ClearanceState.NOT_SUBMITTED: 3,
        ClearanceState.SUBMITTED: 2,
        ClearanceState.CLEARED: 1,
        ClearanceState.REFUSED: 1,
    }


def test_the_demo_security_officer_exports_and_opens_a_record(client):
    conference = ministerial_load()
    ministerial_clearance_load(conference=conference)
    call_command("create_demo_organiser", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="security"))
    client.post(reverse("admin:workspace_switch"), {"conference": conference.pk})
    record = SecurityRecord.objects.get(participant__family_name="Mensah")

    page = client.get(reverse("clearance:vetting", args=[conference.slug]))
    export = client.get(reverse("clearance:vetting_export", args=[conference.slug]))
    change = client.get(reverse("admin:clearance_securityrecord_change", args=[record.pk]))

    assert page.status_code == 200
    assert export.status_code == 200
    assert "DEMO104882" in change.text
