"""The admin in a browser: its forms under the Content-Security-Policy, and axe on the main
change forms at 1366 px."""

import pytest
from playwright.sync_api import expect

from tests.browser import admin_log_in, assert_accessible
from tests.conference.test_workspace_browser import DESKTOP, switch_to
from tests.factories import (
    ConferenceFactory,
    ParticipantFactory,
    SessionRoleFactory,
)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP}


def csp_violations(page) -> list[str]:
    """What the browser will have refused on `page` under the Content-Security-Policy. (axe
    adds styles of its own that it refuses: check before running axe.)"""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_admin_session_form_works_under_the_content_security_policy(live_server, page):
    ConferenceFactory(title="Preparatory Meeting on Peacekeeping")
    violations = csp_violations(page)
    admin_log_in(page, live_server)

    page.goto(f"{live_server.url}/en/admin/programme/session/add/")
    page.locator(".field-conference .select2-selection").click()
    page.locator(".select2-search__field").fill("Peacekeeping")
    # The results of the box, not the conference switcher in the header.
    page.locator(".select2-results").get_by_role(
        "option", name="Preparatory Meeting on Peacekeeping"
    ).click()

    expect(page.locator(".field-conference .select2-selection__rendered")).to_have_text(
        "Preparatory Meeting on Peacekeeping"
    )
    assert violations == []


@pytest.mark.parametrize(
    "model",
    [
        "programme/session",
        "delegations/participant",
        "delegations/delegation",
        "conference/conference",
    ],
)
def test_the_main_change_forms_have_no_accessibility_violations(live_server, page, model):
    # A session with a speaker chosen in its inline and no track or room: empty pickers too.
    role = SessionRoleFactory(
        session__conference=ParticipantFactory(delegation__country="GH").conference
    )
    conference = role.session.conference
    participant = conference.participants.get()
    pk = {
        "programme/session": role.session.pk,
        "delegations/participant": participant.pk,
        "delegations/delegation": participant.delegation.pk,
        "conference/conference": conference.pk,
    }[model]
    admin_log_in(page, live_server)
    switch_to(page, conference)
    violations = csp_violations(page)

    page.goto(f"{live_server.url}/en/admin/{model}/{pk}/change/")

    expect(page.locator("#content h1, #content h2").first).to_be_visible()
    assert violations == []
    assert_accessible(page)


def test_pickers_and_split_times_are_named_after_their_fields(live_server, page):
    role = SessionRoleFactory()
    admin_log_in(page, live_server)
    switch_to(page, role.session.conference)
    page.goto(f"{live_server.url}/en/admin/programme/session/{role.session.pk}/change/")

    page.get_by_role("link", name="Add another Session role").click()

    # Nothing chosen: the field's label; something chosen: the label, then the choice.
    expect(page.locator(".field-track .select2-selection")).to_have_accessible_name("Track")
    expect(
        page.locator("#id_roles-0-speaker + .select2 .select2-selection")
    ).to_have_accessible_name(f"Speaker {role.speaker} ({role.session.conference})")
    # The row just added is named as the rows the page came with.
    expect(
        page.locator("#id_roles-1-speaker + .select2 .select2-selection")
    ).to_have_accessible_name("Speaker")
    expect(page.locator("#id_starts_at_0")).to_have_accessible_name("Starts: date")
    expect(page.locator("#id_starts_at_1")).to_have_accessible_name("Starts: time")
    assert_accessible(page)
