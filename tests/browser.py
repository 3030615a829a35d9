"""Steps that several browser tests share."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import PASSWORD, StaffUserFactory


def admin_log_in(page, live_server, **user_fields):
    """Create a staff user, log them in at the English admin (/en/admin/) and return them."""
    organiser = StaffUserFactory(**user_fields)
    page.goto(f"{live_server.url}/en/admin/login/")
    page.get_by_label("Username").fill(organiser.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{live_server.url}/en/admin/")
    return organiser


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
