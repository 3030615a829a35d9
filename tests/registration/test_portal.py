import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from delegations.models import DelegationStatus, Participant, Role, State
from delegations.names import NameOrder
from delegations.portal import PORTAL_POSTS_PER_HOUR
from tests.factories import (
    InvitationFactory,
    ParticipantFactory,
    RegistrationClosedConferenceFactory,
    StaffUserFactory,
)
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TOKEN = "our-delegation-token"


def member_data(**fields) -> dict:
    return {
        "honorific": "H.E.",
        "given_name": "Amina",
        "family_name": "Diallo",
        "name_order": "given_first",
        "functional_title": "Permanent Representative",
        "role": Role.HEAD,
        "category": "delegate",
        "email": "amina.diallo@mission.example.org",
        "phone": "+92 51 123 4567",
        "nationality": "GH",
        "preferred_language": "en",
        "dietary_needs": "",
        "access_needs": "",
        **fields,
    }


def url(name: str, token: str = TOKEN, **kwargs) -> str:
    return reverse(f"registration:{name}", kwargs={"token": token, **kwargs})


@pytest.fixture
def invitation():
    return InvitationFactory(token=TOKEN)


@pytest.fixture
def pdf_file(tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(PDF)
    return path


def test_portal_lists_the_delegations_members(client, invitation):
    ParticipantFactory(
        delegation=invitation.delegation,
        given_name="Haruka",
        family_name="Kai",
        name_order=NameOrder.FAMILY_FIRST,
        own_script_name="甲斐はるか",
    )

    response = client.get(url("portal"))

    assert response.status_code == 200
    assert "KAI Haruka (\u2068甲斐はるか\u2069)" in response.content.decode()


def test_portal_pages_are_never_cached(client, invitation):
    response = client.get(url("portal"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("count", [1, 3, 30])
def test_portal_query_count_does_not_grow_with_members(
    client, invitation, count, django_assert_num_queries
):
    invitation.delegation.quota = 30
    invitation.delegation.save()
    ParticipantFactory.create_batch(count, delegation=invitation.delegation)

    # The invitation with its delegation, the members, the organisers' latest change to each
    # member, the latest request for more places, the record of the link's use; and whether
    # the conference runs a pledge register (the pledges app's portal section) and collects
    # security data (clearance's).
    with django_assert_num_queries(7):
        response = client.get(url("portal"))

    assert response.status_code == 200


def test_portal_never_shows_another_delegations_members(client, invitation):
    ParticipantFactory(
        delegation__conference=invitation.delegation.conference, family_name="Outsider"
    )

    response = client.get(url("portal"))

    assert "Outsider" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_member_add_registers_the_member_and_emails(client, invitation):
    response = client.post(url("member_add"), member_data())
    tasks_run()

    assert response.status_code == 302
    member = Participant.objects.get()
    assert (member.delegation, member.state, member.role) == (
        invitation.delegation,
        State.PENDING,
        Role.HEAD,
    )
    assert mail.outbox[0].to == ["amina.diallo@mission.example.org"]


def test_member_add_invalid_keeps_what_was_typed(client, invitation):
    response = client.post(url("member_add"), member_data(email="not-an-address"))

    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="not-an-address"' in content
    assert 'value="Permanent Representative"' in content
    assert "Enter a valid email address." in content
    assert not Participant.objects.exists()


def test_member_add_beyond_quota_shows_a_form_error(client, invitation):
    invitation.delegation.quota = 1
    invitation.delegation.save()
    ParticipantFactory(delegation=invitation.delegation)

    response = client.post(url("member_add"), member_data())

    assert response.status_code == 400
    assert "is full: its quota is 1 member." in response.content.decode()


@pytest.mark.parametrize("their_state", [State.PENDING, State.APPROVED])
def test_member_add_of_an_address_registered_elsewhere_answers_as_for_an_unused_one(
    client, invitation, their_state
):
    # A focal point must not learn who takes part by trying addresses: the organisers see
    # both registrations instead, and can approve only one.
    conference = invitation.delegation.conference
    theirs = ParticipantFactory(
        delegation__conference=conference, email="taken@example.org", state=their_state
    )

    used = client.post(
        url("member_add"),
        member_data(given_name="Kofi", email="taken@example.org", role=Role.ADVISER),
        follow=True,
    )
    unused = client.post(
        url("member_add"),
        member_data(given_name="Ama", email="unused@example.org", role=Role.ADVISER),
        follow=True,
    )

    assert used.redirect_chain == unused.redirect_chain == [(url("portal"), 302)]
    assert "Kofi Diallo has been saved." in used.text
    assert "Ama Diallo has been saved." in unused.text
    assert set(invitation.delegation.participants.values_list("email", "state")) == {
        ("taken@example.org", State.PENDING),
        ("unused@example.org", State.PENDING),
    }
    theirs.refresh_from_db()
    assert theirs.state == their_state


def test_member_edit_of_an_approved_member_to_an_address_approved_elsewhere_is_saved(
    client, invitation
):
    member = ParticipantFactory(delegation=invitation.delegation, state=State.APPROVED)
    ParticipantFactory(
        delegation__conference=member.conference, email="taken@example.org", state=State.APPROVED
    )

    response = client.post(url("member_edit", pk=member.pk), member_data(email="taken@example.org"))

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.email, member.state) == ("taken@example.org", State.PENDING)


def test_member_add_of_an_address_of_the_same_delegation_shows_an_error(client, invitation):
    ParticipantFactory(delegation=invitation.delegation, email="ours@example.org")

    response = client.post(url("member_add"), member_data(email="ours@example.org"))

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "Another member of the delegation has this e-mail address."
    ]


def test_member_add_when_registration_closed_is_refused(client, invitation):
    conference = invitation.delegation.conference
    conference.modification_deadline = timezone.now() - datetime.timedelta(hours=1)
    conference.save()

    page = client.get(url("portal")).content.decode()
    response = client.post(url("member_add"), member_data())

    assert "The deadline for changes passed on" in page
    assert url("member_add") not in page
    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_member_add_page_after_registration_closed_shows_no_form(client):
    InvitationFactory(token=TOKEN, delegation__conference=RegistrationClosedConferenceFactory())

    page = client.get(url("member_add")).content.decode()

    assert "Registration closed on" in page
    assert "<form" not in page


def test_member_add_refused_after_closing_keeps_what_was_typed(client):
    InvitationFactory(token=TOKEN, delegation__conference=RegistrationClosedConferenceFactory())

    response = client.post(url("member_add"), member_data(given_name="Adwoa"))

    assert response.status_code == 400
    assert 'value="Adwoa"' in response.content.decode()
    assert not Participant.objects.exists()


def test_member_edit_saves_changes(client, invitation):
    member = ParticipantFactory(delegation=invitation.delegation)

    response = client.post(
        url("member_edit", pk=member.pk),
        member_data(email=member.email, given_name="Mohamed", own_script_name="محمد الحسيني"),
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.given_name, member.own_script_name) == ("Mohamed", "محمد الحسيني")


def test_member_edit_of_another_delegations_member_is_not_found(client, invitation):
    other = ParticipantFactory(
        delegation__conference=invitation.delegation.conference, given_name="Theirs"
    )

    shown = client.get(url("member_edit", pk=other.pk))
    changed = client.post(url("member_edit", pk=other.pk), member_data(email=other.email))

    assert (shown.status_code, changed.status_code) == (404, 404)
    other.refresh_from_db()
    assert other.given_name == "Theirs"


def test_member_withdraw_of_another_delegations_member_is_not_found(client, invitation):
    other = ParticipantFactory(delegation__conference=invitation.delegation.conference)

    response = client.post(url("member_withdraw", pk=other.pk), {"reason": "Sabotage"})

    assert response.status_code == 404
    assert Participant.objects.filter(pk=other.pk, state=State.PENDING).exists()


def test_member_withdraw_requires_a_reason(client, invitation):
    member = ParticipantFactory(delegation=invitation.delegation)

    response = client.post(url("member_withdraw", pk=member.pk), {"reason": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Participant.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_member_withdraw_of_a_pending_member_keeps_the_record_and_emails(client, invitation):
    member = ParticipantFactory(delegation=invitation.delegation)

    response = client.post(url("member_withdraw", pk=member.pk), {"reason": "Not travelling"})
    tasks_run()

    assert response.status_code == 302
    assert Participant.objects.get(pk=member.pk).state == State.WITHDRAWN
    assert mail.outbox[0].subject.startswith("Registration withdrawn")
    assert "Not travelling" in mail.outbox[0].body


def test_letter_upload_stores_the_pdf_privately(client, invitation, pdf_file, settings):
    with pdf_file.open("rb") as letter:
        response = client.post(url("letter"), {"letter": letter})

    assert response.status_code == 302
    invitation.delegation.refresh_from_db()
    stored = invitation.delegation.nomination_letter
    assert stored.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.path.startswith(str(settings.MEDIA_ROOT))
    assert stored.name.endswith(".pdf")
    assert "letter" not in stored.name.rsplit("/", 1)[-1]


def test_letter_download_by_token_returns_the_pdf(
    client, invitation, pdf_file, django_capture_on_commit_callbacks
):
    with pdf_file.open("rb") as letter, django_capture_on_commit_callbacks(execute=True):
        client.post(url("letter"), {"letter": letter})

    response = client.get(url("letter"))

    content = b"".join(response.streaming_content)
    response.close()
    assert response["Content-Type"] == "application/pdf"
    assert content == PDF


def test_letter_download_by_another_delegations_token_does_not_give_ours(
    client, invitation, pdf_file
):
    with pdf_file.open("rb") as letter:
        client.post(url("letter"), {"letter": letter})
    InvitationFactory(token="other-token", delegation__conference=invitation.delegation.conference)

    response = client.get(url("letter", token="other-token"))

    assert response.status_code == 404


def test_letter_download_for_staff_only(
    client, invitation, pdf_file, django_capture_on_commit_callbacks
):
    with pdf_file.open("rb") as letter, django_capture_on_commit_callbacks(execute=True):
        client.post(url("letter"), {"letter": letter})
    staff_url = reverse("admin:delegations_delegation_letter", args=[invitation.delegation.pk])

    anonymous = client.get(staff_url)
    client.force_login(StaffUserFactory())
    staff = client.get(staff_url)
    staff.close()

    assert anonymous.status_code == 302
    assert staff.status_code == 200


def test_letter_upload_of_a_renamed_image_is_refused(client, invitation, tmp_path):
    fake = tmp_path / "letter.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)

    with fake.open("rb") as letter:
        response = client.post(url("letter"), {"letter": letter})

    assert response.status_code == 400
    assert "Upload the letter as a PDF file." in response.content.decode()
    invitation.delegation.refresh_from_db()
    assert not invitation.delegation.nomination_letter


def test_submit_nominates_a_delegation_with_one_head(client, invitation):
    ParticipantFactory(delegation=invitation.delegation, role=Role.HEAD)

    response = client.post(url("submit"), follow=True)

    invitation.delegation.refresh_from_db()
    assert invitation.delegation.status == DelegationStatus.NOMINATED
    assert "submitted to the organisers" in response.content.decode()


def test_submit_without_head_explains_why(client, invitation):
    ParticipantFactory(delegation=invitation.delegation, role=Role.ADVISER)

    response = client.post(url("submit"), follow=True)

    assert "exactly one Head of Delegation" in response.content.decode()
    invitation.delegation.refresh_from_db()
    assert invitation.delegation.status == DelegationStatus.INVITED


def test_portal_forms_require_csrf(invitation):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url("member_add"), member_data())

    assert response.status_code == 403
    assert not Participant.objects.exists()


def test_portal_posts_beyond_the_rate_limit_are_refused(client, invitation):
    for _n in range(PORTAL_POSTS_PER_HOUR):
        client.post(url("member_withdraw", pk=0), {"reason": "x"})

    response = client.post(url("member_add"), member_data())

    assert response.status_code == 429
    assert not Participant.objects.exists()
