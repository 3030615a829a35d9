import re

from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from delegations.models import DelegationStatus, Participant, Role, State
from delegations.services import participant_approve
from tests.factories import FocalPointFactory, InvitationFactory, OpenConferenceFactory

TOKEN = "browser-delegation-token"


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def fill_member(page, *, given: str, family: str, email: str, role: str) -> None:
    page.get_by_label("Given name").fill(given)
    page.get_by_label("Family name").fill(family)
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
        page, given="太郎", family="山田", email="yamada@mofa.example.jp", role="Head of Delegation"
    )
    page.get_by_label("Honorific").fill("H.E.")
    page.get_by_label("Photo").set_input_files(photo)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("太郎 山田 has been saved.")

    page.get_by_role("link", name="Add a member").click()
    fill_member(page, given="Hanako", family="Sato", email="not-an-address", role="Adviser")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    expect(page.get_by_label("Given name")).to_have_value("Hanako")
    page.get_by_label("E-mail").fill("sato@mofa.example.jp")
    page.get_by_role("button", name="Save").click()

    page.get_by_label("Nomination letter (PDF)").set_input_files(letter)
    page.get_by_role("button", name="Upload the letter").click()
    expect(page.get_by_text("The nomination letter has been uploaded.")).to_be_visible()
    page.get_by_role("button", name="Submit the delegation").click()
    expect(page.get_by_text("submitted to the organisers")).to_be_visible()
    expect(page.get_by_role("cell", name="H.E. 太郎 山田")).to_be_visible()
    assert_accessible(page)

    members = Participant.objects.filter(delegation=invitation.delegation)
    assert sorted(members.values_list("role", flat=True)) == sorted([Role.HEAD, Role.ADVISER])
    invitation.delegation.refresh_from_db()
    assert invitation.delegation.status == DelegationStatus.NOMINATED
    assert invitation.delegation.nomination_letter
    head = members.get(role=Role.HEAD)
    with Image.open(head.photo.path) as stored:
        assert stored.size == (640, 800)
    assert [(message.subject, message.to, message.cc) for message in mail.outbox] == [
        (
            f"Registration received: {invitation.delegation.conference}",
            [email],
            ["focal@mission-japan.example.org"],
        )
        for email in ("yamada@mofa.example.jp", "sato@mofa.example.jp")
    ]


def test_expert_applies_confirms_by_email_and_is_approved(live_server, page):
    conference = OpenConferenceFactory(title="Peacekeeping Ministerial Preparatory Meeting")

    page.goto(f"{live_server.url}/{conference.slug}/apply/")
    assert_accessible(page)
    page.get_by_label("I am applying as").select_option(label="Expert")
    page.get_by_label("Honorific").fill("Dr.")
    page.get_by_label("Given name").fill("Kwame")
    page.get_by_label("Family name").fill("Mensah")
    page.get_by_label("E-mail").fill("kwame.mensah@kaiptc.example.org")
    page.get_by_label("Nationality").select_option(label="Ghana")
    page.get_by_label("Appears in the public list of participants").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert not Participant.objects.exists()

    assert len(mail.outbox) == 1
    link = re.search(r"(http://\S+/apply/confirm/\S+/)", mail.outbox[0].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm my application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application confirmed")

    expert = Participant.objects.get()
    assert (expert.state, expert.role, expert.consents_to_public_listing) == (
        State.PENDING,
        Role.EXPERT,
        True,
    )
    assert mail.outbox[1].subject == f"Registration received: {conference}"

    participant_approve(participant=expert)

    assert mail.outbox[2].subject == f"Registration approved: {conference}"
    assert mail.outbox[2].to == ["kwame.mensah@kaiptc.example.org"]
