from playwright.sync_api import expect

from tests.browser import admin_log_in
from tests.factories import ConferenceFactory


def test_admin_session_form_works_under_the_content_security_policy(live_server, page):
    ConferenceFactory(title="Preparatory Meeting on Peacekeeping")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
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
