import base64
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.accounts.conftest import totp_code
from tests.factories import PASSWORD, CheckInStaffFactory

# The narrowest phones in use at the door.
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(page):
    """The page; fails the test on any Content-Security-Policy violation."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert violations == []


def assert_fits_and_is_accessible(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def key_from(secret_text: str) -> bytes:
    secret = secret_text.replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


@pytest.mark.usefixtures("mfa_required")
def test_check_in_account_sets_up_an_authenticator_app_on_a_phone_and_logs_in_with_it(
    live_server, phone
):
    user = CheckInStaffFactory()
    phone.goto(f"{live_server.url}/staff/login/")
    assert_fits_and_is_accessible(phone)
    phone.get_by_label("Username").fill(user.username)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Log in").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(phone.get_by_role("link", name="Add to authenticator app")).to_have_attribute(
        "href", re.compile(r"^otpauth://totp/Plenary")
    )
    assert phone.get_by_role("img", name="QR code").is_visible()
    assert_fits_and_is_accessible(phone)
    key = key_from(phone.get_by_test_id("totp-secret").inner_text())
    phone.get_by_label("Code").fill(totp_code(key))
    phone.get_by_role("button", name="Confirm").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(phone.locator(".recovery-codes li")).to_have_count(10)
    assert_fits_and_is_accessible(phone)
    phone.get_by_role("link", name="I have kept them: continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Staff pages")

    phone.get_by_role("button", name="Log out").click()
    phone.get_by_label("Username").fill(user.username)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Two-factor authentication")
    assert_fits_and_is_accessible(phone)
    # The code of the next 30-second step: the one just used cannot be used again.
    phone.get_by_label("Code").fill(totp_code(key, steps_ahead=1))
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Staff pages")
