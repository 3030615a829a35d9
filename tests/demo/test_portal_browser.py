"""The demo's printed portal links in the browser: expired as loaded, usable once reopened."""

import datetime
import io
import re

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conference.models import Conference
from delegations.models import Participant
from demo.reference_meeting import SLUG
from tests.browser import admin_log_in, assert_accessible


def load_demo_link(delegation: str) -> str:
    """Run load_demo; returns the path of the portal link it prints for `delegation`."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    pattern = rf"Focal point portal for {delegation}: http://\S+?(/invitation/\S+/)"
    return re.search(pattern, out.getvalue()).group(1)


def test_demo_portal_link_is_refused_since_the_meeting_ended(live_server, page):
    path = load_demo_link("Ghana")

    response = page.goto(live_server.url + path)

    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This link cannot be used")
    expect(page.get_by_text("This link expired on")).to_have_text(
        "This link expired on 1 September 2023, 00:00 (Asia/Karachi); contact the organisers."
    )
    expect(page.get_by_text("Ghana")).to_have_count(0)
    assert_accessible(page)


def test_demo_portal_works_after_an_organiser_reopens_registration_in_the_admin(live_server, page):
    path = load_demo_link("Brazil")
    conference = Conference.objects.get(slug=SLUG)
    closes = timezone.localtime(timezone.now() + datetime.timedelta(days=30), conference.tzinfo)
    admin_log_in(page, live_server)

    page.goto(live_server.url + reverse("admin:conference_conference_change", args=[conference.pk]))
    page.locator("#id_registration_closes_at_0").fill(closes.strftime("%Y-%m-%d"))
    page.locator("#id_registration_closes_at_1").fill("17:00:00")
    page.locator("#id_modification_deadline_0").fill("")
    page.locator("#id_modification_deadline_1").fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + path)
    page.get_by_role("link", name="Add a member").click()
    # By role: the name order's radio buttons are labelled "Given name first…" too.
    page.get_by_role("textbox", name="Given name").fill("Ana")
    page.get_by_role("textbox", name="Family name").fill("Souza")
    page.get_by_label("Role in delegation").select_option(label="Head of Delegation")
    page.get_by_label("E-mail").fill("ana.souza@mission-br.example.org")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("Ana Souza has been saved.")

    assert Participant.objects.get(email="ana.souza@mission-br.example.org").delegation.name == (
        "Brazil"
    )
