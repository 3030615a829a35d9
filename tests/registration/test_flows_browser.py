import re

from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from delegations.models import DelegationStatus, Participant, Role, State
from tests.browser import admin_log_in, assert_accessible
from tests.factories import (
    FocalPointFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
)
from tests.tasks import tasks_run

TOKEN = "browser-delegation-token"


def fill_member(page, *, given: str, family: str, email: str, role: str) -> None:
    # By role: the name order's radio buttons are labelled "Given name first…" too.
    page.get_by_role("textbox", name="Given name").fill(given)
    page.get_by_role("textbox", name="Family name").fill(family)
    page.get_by_label("Role in delegation").select_option(label=role)
    page.get_by_label("E-mail").fill(email)


def test_focal_point_registers_two_members_and_uploads_the_letter(
    live_server, page, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    invitation = InvitationFactory(token=TOKEN, delegation__country="JP")
    FocalPointFactory(delegation=invitation.delegation, email="focal@mission-japan.example.org")
    photo = tmp_path / "portrait.png"
    Image.new("RGB", (1600, 2000), "navy").save(photo)
    letter = tmp_path / "note-verbale.pdf"
    letter.write_bytes(b"%PDF-1.4\n%%EOF\n")

    page.goto(f"{live_server.url}/invitation/{TOKEN}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Japan")
    assert_accessible(page)

    page.get_by_role("link", name="Add a member").click()
    fill_member(
        page,
        given="Taro",
        family="Yamada",
        email="yamada@mofa.example.jp",
        role="Head of Delegation",
    )
    page.get_by_label("Family name first").check()
    page.get_by_label("Name in own script").fill("山田太郎")
    page.get_by_label("Honorific").fill("H.E.")
    page.get_by_label("Photo").set_input_files(photo)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("H.E. YAMADA Taro")

    page.get_by_role("link", name="Add a member").click()
    fill_member(page, given="Hanako", family="Sato", email="not-an-address", role="Adviser")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Given name")).to_have_value("Hanako")
    page.get_by_label("E-mail").fill("sato@mofa.example.jp")
    page.get_by_role("button", name="Save").click()

    page.get_by_label("Nomination letter (PDF)").set_input_files(letter)
    page.get_by_role("button", name="Upload the letter").click()
    expect(page.get_by_text("The nomination letter has been uploaded.")).to_be_visible()
    page.get_by_role("button", name="Submit the delegation").click()
    expect(page.get_by_text("submitted to the organisers")).to_be_visible()
    # The own-script name sits in a bidirectional isolate (invisible marks) in brackets.
    head = re.compile(r"H\.E\. YAMADA Taro \(.山田太郎.\)")
    expect(page.get_by_role("heading", name=head)).to_be_visible()
    assert_accessible(page)

    members = Participant.objects.filter(delegation=invitation.delegation)
    assert sorted(members.values_list("role", flat=True)) == sorted([Role.HEAD, Role.ADVISER])
    invitation.delegation.refresh_from_db()
    assert invitation.delegation.status == DelegationStatus.NOMINATED
    assert invitation.delegation.nomination_letter
    head = members.get(role=Role.HEAD)
    with Image.open(head.photo.path) as stored:
        assert stored.size == (640, 800)
    tasks_run()
    assert [(message.subject, message.to, message.cc) for message in mail.outbox] == [
        (
            f"Registration received: {invitation.delegation.conference}",
            [email],
            ["focal@mission-japan.example.org"],
        )
        for email in ("yamada@mofa.example.jp", "sato@mofa.example.jp")
    ]


def select_in_changelist(page, name: str, action: str) -> None:
    """Tick `name` in the admin's participant list and run `action` on it."""
    page.get_by_role("checkbox", name=f"Select this object for an action - {name}").check()
    page.get_by_label("Select action to run").select_option(label=action)
    page.get_by_role("button", name="Run").click()


def test_expert_applies_confirms_by_email_and_an_organiser_approves_in_the_admin(live_server, page):
    conference = OpenConferenceFactory(title="Peacekeeping Ministerial Preparatory Meeting")
    ParticipantFactory(
        delegation__conference=conference, state=State.APPROVED, family_name="Earlier"
    )

    page.goto(f"{live_server.url}/{conference.slug}/apply/")
    assert_accessible(page)
    page.get_by_label("I am applying as").select_option(label="Expert")
    page.get_by_label("Honorific").fill("Dr.")
    page.get_by_role("textbox", name="Given name").fill("Kwame")
    page.get_by_role("textbox", name="Family name").fill("Mensah")
    page.get_by_label("E-mail").fill("kwame.mensah@kaiptc.example.org")
    page.get_by_label("Nationality").select_option(label="Ghana")
    page.get_by_label("Appears in the public list of participants").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert not Participant.objects.filter(family_name="Mensah").exists()

    tasks_run()
    assert len(mail.outbox) == 1
    link = re.search(r"(http://\S+/apply/confirm/\S+/)", mail.outbox[0].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm my application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application confirmed")

    expert = Participant.objects.get(family_name="Mensah")
    assert (expert.state, expert.role, expert.consents_to_public_listing) == (
        State.PENDING,
        Role.EXPERT,
        True,
    )
    tasks_run()
    assert mail.outbox[1].subject == f"Registration received: {conference}"

    organiser = admin_log_in(page, live_server)
    page.goto(f"{live_server.url}/en/admin/delegations/participant/")
    expect(page.locator("#result_list tbody tr").first).to_contain_text("Kwame Mensah")
    select_in_changelist(page, "Dr. Kwame Mensah", "Approve selected participants")
    expect(page.get_by_text("1 participant is now “Approved”.")).to_be_visible()

    expert.refresh_from_db()
    assert expert.state == State.APPROVED
    change = expert.state_changes.get()
    assert (change.from_state, change.to_state, change.changed_by) == (
        State.PENDING,
        State.APPROVED,
        organiser,
    )
    tasks_run()
    assert mail.outbox[2].subject == f"Registration approved: {conference}"
    assert mail.outbox[2].to == ["kwame.mensah@kaiptc.example.org"]


def test_organiser_rejects_a_participant_with_a_reason_in_the_admin(live_server, page):
    applicant = ParticipantFactory(
        delegation__conference=OpenConferenceFactory(), given_name="Lena", family_name="Vogel"
    )
    reason = "The meeting is open to accredited experts only."
    organiser = admin_log_in(page, live_server)

    page.goto(f"{live_server.url}/en/admin/delegations/participant/")
    select_in_changelist(page, "Lena Vogel", "Reject selected participants…")
    page.get_by_role("button", name="Reject participants").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name="Reject participants").click()
    expect(page.get_by_text("1 participant is now “Rejected”.")).to_be_visible()

    applicant.refresh_from_db()
    change = applicant.state_changes.get()
    assert (applicant.state, applicant.state_reason) == (State.REJECTED, reason)
    assert (change.reason, change.changed_by) == (reason, organiser)
    tasks_run()
    assert mail.outbox[-1].subject == f"Registration not accepted: {applicant.conference}"
    assert reason in mail.outbox[-1].body
