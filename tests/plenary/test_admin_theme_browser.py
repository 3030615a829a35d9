"""The admin's theme (django-unfold) under our Content-Security-Policy, which forbids
'unsafe-eval' and inline styles: no page logs a refusal or an Alpine error, and what Alpine
drives works (docs/workspace.md §5)."""

import pytest
from playwright.sync_api import expect

from tests.browser import admin_log_in
from tests.conference.test_workspace_browser import DESKTOP, switch_to
from tests.factories import ParticipantFactory, SessionRoleFactory


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP}


def page_errors(page) -> list[str]:
    """What the browser refuses under the policy, what Alpine cannot evaluate, and any
    script error, on every page `page` opens from now on."""
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type in ("error", "warning")
            # The browser asks for one; we have none.
            and not message.location["url"].endswith("/favicon.ico")
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_the_admin_runs_alpine_under_the_content_security_policy(live_server, page):
    role = SessionRoleFactory(session__conference=ParticipantFactory().conference)
    conference = role.session.conference
    participant = conference.participants.get()
    user = admin_log_in(page, live_server, is_superuser=True)
    switch_to(page, conference)
    errors = page_errors(page)

    for url in [
        "/en/admin/",
        "/en/admin/delegations/participant/",
        f"/en/admin/delegations/participant/{participant.pk}/change/",
        f"/en/admin/programme/session/{role.session.pk}/change/",
        f"/en/admin/programme/session/{role.session.pk}/history/",
        "/ar/admin/delegations/delegation/",
    ]:
        page.goto(live_server.url + url)
        expect(page.locator("#content")).to_be_visible()
    assert errors == []

    # The user menu opens on a click (x-show).
    page.goto(f"{live_server.url}/en/admin/")
    log_out = page.get_by_role("button", name="Log out")
    expect(log_out).to_be_hidden()
    page.locator("#nav-sidebar").get_by_role("button", name=user.email).click()
    expect(log_out).to_be_visible()

    # The list's action bar runs what is chosen (x-model) and names how many are ticked.
    page.goto(f"{live_server.url}/en/admin/delegations/participant/")
    run = page.get_by_role("button", name="Run")
    expect(run).to_be_hidden()
    page.locator("#result_list tbody input.action-select").first.check()
    page.get_by_label("Select action to run").select_option("approve_selected")
    expect(run).to_be_visible()

    # The sidebar closes, and stays closed on the next page (our adminPage component).
    page.get_by_role("button", name="Toggle navigation").click()
    expect(page.locator("#nav-sidebar")).to_be_hidden()
    page.goto(f"{live_server.url}/en/admin/")
    expect(page.locator("#nav-sidebar")).to_be_hidden()
    assert errors == []
