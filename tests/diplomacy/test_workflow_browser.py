"""The organiser's diplomatic workflow in the browser: notes verbales (the invitation), a
reminder, the focal point's credentials (in Arabic, right to left), then accreditation and
the badge."""

from django.core import mail
from playwright.sync_api import expect

from delegations.models import Role, State
from diplomacy.models import (
    Credentials,
    CredentialsStatus,
    NoteVerbale,
    ProtocolSettings,
    Reminder,
)
from tests.browser import admin_log_in, assert_accessible
from tests.factories import (
    DelegationFactory,
    FocalPointFactory,
    OpenConferenceFactory,
    ParticipantFactory,
)
from tests.tasks import tasks_run

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def run_delegation_action(page, name: str, action: str) -> None:
    page.get_by_role("checkbox", name=f"Select this object for an action - {name}").check()
    page.get_by_label("Select action to run").select_option(label=action)
    page.get_by_role("button", name="Run").click()


def test_invitation_reminder_credentials_and_badge(live_server, page, tmp_path):
    conference = OpenConferenceFactory(languages=["en", "ar"])
    ProtocolSettings.objects.create(
        conference=conference,
        letterhead="Ministry of Foreign Affairs",
        sender="The Ministry of Foreign Affairs of Pakistan",
        place="Islamabad",
        reference_prefix="PKMPM",
    )
    egypt = DelegationFactory(conference=conference, country="EG")
    FocalPointFactory(delegation=egypt, email="focal@egypt.example.org", preferred_language="ar")
    head = ParticipantFactory(
        delegation=egypt, role=Role.HEAD, given_name="Sameh", family_name="Hassan"
    )
    admin_log_in(page, live_server)

    # The invitation: a note verbale, made and sent by the worker.
    page.goto(f"{live_server.url}/en/admin/delegations/delegation/")
    run_delegation_action(page, "Egypt", "Make notes verbales…")
    page.get_by_label("Also e-mail each note to the delegation's focal points").check()
    page.get_by_role("button", name="Make notes verbales").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Notes verbales")
    tasks_run()
    page.reload()
    expect(page.get_by_role("status")).to_have_text("Ready.")
    note = NoteVerbale.objects.get(delegation=egypt)
    [invitation] = mail.outbox
    assert note.reference in invitation.subject
    assert invitation.attachments[0][2] == "application/pdf"

    # A reminder, scheduled now.
    page.goto(f"{live_server.url}/en/admin/delegations/delegation/?response=no_credentials")
    run_delegation_action(page, "Egypt", "Send a reminder…")
    page.get_by_label("Message").fill("Please upload your credentials.")
    page.get_by_role("button", name="Send a reminder").click()
    expect(page.get_by_text("1 reminder scheduled.")).to_be_visible()
    tasks_run()
    assert Reminder.objects.get(delegation=egypt).sent_at is not None
    assert "Please upload your credentials." in mail.outbox[1].body

    # The focal point uploads the credentials, in Arabic, through the link of the note.
    link = next(word for word in invitation.body.split() if "/invitation/" in word)
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_role("link", name="الرد ووثائق التفويض").click()
    assert_accessible(page)
    scan = tmp_path / "credentials.pdf"
    scan.write_bytes(PDF)
    page.get_by_label("وثائق التفويض (PDF)").set_input_files(scan)
    page.get_by_label("الجهة المُصدِرة").select_option("minister_for_foreign_affairs")
    page.get_by_role("button", name="رفع وثائق التفويض").click()
    expect(page.get_by_text("رُفعت وثائق التفويض.")).to_be_visible()
    assert Credentials.objects.get(delegation=egypt).status == CredentialsStatus.COPY

    # The organiser sees it, accredits the delegation and approves its Head: the badge goes.
    page.goto(f"{live_server.url}/en/admin/delegations/delegation/?response=no_credentials")
    expect(page.get_by_text("0 delegations")).to_be_visible()
    page.goto(f"{live_server.url}/en/admin/delegations/delegation/")
    run_delegation_action(page, "Egypt", "Accredit selected delegations")
    page.goto(f"{live_server.url}/en/admin/delegations/participant/")
    page.get_by_role("checkbox", name="Select this object for an action - Sameh Hassan").check()
    page.get_by_label("Select action to run").select_option(label="Approve selected participants")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("1 participant is now “Approved”.")).to_be_visible()
    tasks_run()
    head.refresh_from_db()
    assert head.state == State.APPROVED
    [approval] = [message for message in mail.outbox if message.to == [head.email]]
    assert any(name.endswith(".pdf") for name, _content, _type in approval.attachments)
    page.goto(f"{live_server.url}/en/admin/delegations/delegation/{egypt.pk}/change/")
    expect(page.get_by_text("Credentials received", exact=True)).to_be_visible()
    expect(page.get_by_text("Accredited", exact=True).last).to_be_visible()
