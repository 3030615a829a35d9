import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from tests.accounts.conftest import totp_code, totp_device_for
from tests.accounts.test_login_browser import PHONE, assert_fits_and_is_accessible
from tests.factories import PASSWORD, StaffUserFactory


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone_with_authenticator(page):
    """A phone whose browser offers a platform authenticator (Chromium's virtual one, which
    says yes by itself, as a phone does after its screen lock)."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    yield page
    assert violations == []


def log_in_with_password(page, live_server, user):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor authentication")


def test_security_key_added_on_the_account_page_then_replaces_the_code_at_log_in(
    live_server, phone_with_authenticator
):
    page = phone_with_authenticator
    user = StaffUserFactory()
    device = totp_device_for(user)
    log_in_with_password(page, live_server, user)
    page.get_by_label("Code").fill(totp_code(device.bin_key))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff pages")

    page.get_by_role("link", name="Two-factor authentication").click()
    page.get_by_role("button", name="Add a security key or passkey").click()
    # Two requests to the server and the authenticator's key pair before the status says
    # anything: under CI's parallel load this once took longer than expect's 5 s.
    expect(page.locator("#passkey-register-status-message")).not_to_be_empty(timeout=20_000)
    assert WebAuthnCredential.objects.filter(user=user, confirmed=True).count() == 1
    page.reload()
    assert_fits_and_is_accessible(page)

    page.get_by_role("button", name="Log out").click()
    log_in_with_password(page, live_server, user)
    assert_fits_and_is_accessible(page)
    page.get_by_role("button", name="Use a security key or passkey").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Staff pages")
