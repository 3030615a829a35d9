"""E-mails organisers write: their own text per conference and language, safely filled in."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from delegations.invitations import invitation_send
from delegations.models import EmailTemplate, State
from delegations.services import participant_transition
from delegations.tasks import participant_state_email
from registration.tasks import application_confirmation_email
from tests.factories import (
    ApplicationFactory,
    ConferenceFactory,
    FocalPointFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    StaffMemberFactory,
)
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db(transaction=True)


def written(conference, kind, language="en", **fields) -> EmailTemplate:
    row = EmailTemplate(
        conference=conference,
        kind=kind,
        language=language,
        subject=fields.pop("subject", "{{ conference }}: a word from the secretariat"),
        body=fields.pop("body", "Dear {{ name }},\n\nSee you in {{ conference }}. {{ reason }}"),
    )
    row.full_clean()
    row.save()
    return row


def test_an_approval_uses_the_conferences_own_text_and_keeps_the_badge(settings):
    participant = ParticipantFactory(given_name="Amina", family_name="Diallo")
    written(participant.conference, "participant_approved")

    participant_transition(participant=participant, to_state=State.APPROVED)
    tasks_run()

    message = mail.outbox[0]
    assert message.subject == f"{participant.conference.title}: a word from the secretariat"
    assert message.body.startswith("Dear Amina Diallo,\n\nSee you in")
    assert [name for name, _content, _type in message.attachments] == [
        name for name, _content, _type in message.attachments if name.endswith(".pdf")
    ]
    assert len(message.attachments) == 1
    html = message.alternatives[0][0]
    assert "<p>Dear Amina Diallo,</p>" in html


def test_the_text_is_per_language_and_the_default_stays_for_the_others():
    conference = ConferenceFactory(languages=["en", "fr"])
    french = ParticipantFactory(delegation__conference=conference, preferred_language="fr")
    english = ParticipantFactory(delegation__conference=conference, preferred_language="en")
    written(
        conference, "participant_rejected", language="fr", subject="Décision", body="{{ reason }}"
    )

    for participant in (french, english):
        participant_transition(participant=participant, to_state=State.REJECTED, reason="Complet.")
    tasks_run()

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[french.email] == "Décision"
    assert subjects[english.email].startswith("Registration not accepted")


def test_what_an_organiser_types_is_text_never_markup():
    participant = ParticipantFactory()
    written(
        participant.conference, "participant_pending", body="<script>alert(1)</script> {{ name }}"
    )

    participant_state_email.enqueue(participant_id=participant.pk, state=State.PENDING)
    tasks_run()

    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("field", "text", "error"),
    [
        ("body", "Hello {{ participant.email }}", "Only placeholders"),
        ("body", "Hello {{ password }}", "Unknown placeholder: {{ password }}"),
        ("body", "{% for x in y %}{% endfor %}", "Only placeholders"),
        ("subject", "{{ name|upper }}", "Only placeholders"),
        ("body", "Dear {{ delegation }}, no link.", "must contain {{ portal_link }}"),
    ],
)
def test_the_template_language_offers_placeholders_and_nothing_else(field, text, error):
    conference = ConferenceFactory()
    row = EmailTemplate(
        conference=conference,
        kind="invitation",
        language="en",
        subject="Invitation",
        body="{{ portal_link }}",
    )
    setattr(row, field, text)

    with pytest.raises(ValidationError) as raised:
        row.full_clean()

    assert error in " ".join(raised.value.message_dict[field])


def test_a_language_the_conference_does_not_offer_is_refused():
    row = EmailTemplate(
        conference=ConferenceFactory(languages=["en"]),
        kind="participant_pending",
        language="ru",
        subject="x",
        body="y",
    )

    with pytest.raises(ValidationError) as raised:
        row.full_clean()

    assert "language" in raised.value.message_dict


def test_an_invitation_in_the_organisers_words_carries_the_working_link(client):
    invitation = InvitationFactory()
    FocalPointFactory(delegation=invitation.delegation)
    written(
        invitation.delegation.conference,
        "invitation",
        subject="Note verbale: {{ conference }}",
        body="The Secretariat invites {{ delegation }}: {{ portal_link }}",
    )

    invitation_send(delegation=invitation.delegation, by=None, site_url="http://testserver/")
    tasks_run()

    body = mail.outbox[0].body
    link = body.rsplit(": ", 1)[1].strip()
    assert body.startswith(f"The Secretariat invites {invitation.delegation.name}")
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


def test_an_application_confirmation_in_the_organisers_words():
    conference = OpenConferenceFactory()
    written(
        conference,
        "application_confirmation",
        subject="Please confirm",
        body="{{ name }}: {{ confirmation_link }} then {{ status_link }} ({{ hours }} h)",
    )
    application = ApplicationFactory(conference=conference)

    application_confirmation_email.enqueue(application_id=application.pk, site_url="http://x/")
    tasks_run()

    body = mail.outbox[0].body
    assert "/apply/confirm/" in body
    assert "/apply/status/" in body
    assert "(48 h)" in body


def test_organisers_preview_with_a_real_participant_and_send_themselves_a_test(admin_client):
    participant = ParticipantFactory(given_name="Kwame", family_name="Mensah")
    row = written(participant.conference, "participant_approved")

    preview = admin_client.get(reverse("admin:delegations_emailtemplate_preview", args=[row.pk]))
    response = admin_client.post(
        reverse("admin:delegations_emailtemplate_test_email", args=[row.pk]), follow=True
    )
    tasks_run()

    assert "Dear Kwame Mensah," in preview.content.decode()
    assert "A test e-mail is on its way" in response.content.decode()
    assert mail.outbox[0].to == ["admin@example.com"]
    assert mail.outbox[0].body.startswith("Dear Kwame Mensah,")


def test_the_editor_lists_the_placeholders(admin_client):
    content = admin_client.get(reverse("admin:delegations_emailtemplate_add")).content.decode()

    assert "{{ portal_link }}" in content
    assert "{{ confirmation_link }}" in content


def test_staff_without_the_permission_cannot_preview(client):
    row = written(ParticipantFactory().conference, "participant_pending")
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    response = client.get(reverse("admin:delegations_emailtemplate_preview", args=[row.pk]))

    assert response.status_code == 403
