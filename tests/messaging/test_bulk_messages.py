"""Messages to many: written in the admin to a filtered selection, sent by a task, logged."""

import pytest
from django.core import mail
from django.urls import reverse

from conference.retention import personal_data_purge
from delegations.models import Category, State
from messaging.models import BulkMessage, Recipient
from tests.factories import (
    ConferenceFactory,
    DelegationFactory,
    FocalPointFactory,
    ParticipantFactory,
    StaffMemberFactory,
)
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db(transaction=True)

PARTICIPANTS = reverse("admin:delegations_participant_changelist")
DELEGATIONS = reverse("admin:delegations_delegation_changelist")


def write(client, changelist, action, rows, **data):
    return client.post(
        changelist,
        {
            "action": action,
            "_selected_action": [row.pk for row in rows],
            "apply": "1",
            "subject": "Shuttle to the venue",
            "body": "Dear {{ name }}, the shuttle to {{ conference }} leaves at 08:00.",
            **data,
        },
        follow=True,
    )


def test_organisers_write_to_approved_media_and_each_gets_their_own_copy(admin_client):
    conference = ConferenceFactory(title="Peacekeeping Ministerial")
    media = ParticipantFactory.create_batch(
        2, delegation__conference=conference, category=Category.MEDIA, state=State.APPROVED
    )

    response = write(admin_client, PARTICIPANTS, "write_to_participants", media)
    assert "The message is queued for 2 recipients." in response.content.decode()
    assert mail.outbox == []  # sent by the worker, not the request
    tasks_run()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in media)
    first = next(message for message in mail.outbox if message.to == [media[0].email])
    assert first.body.startswith(f"Dear {media[0].display_name}, the shuttle to Peacekeeping")
    log = BulkMessage.objects.get()
    assert log.recipients.filter(sent_at__isnull=False).count() == 2


def test_focal_points_of_the_selected_delegations_are_written_to(admin_client):
    delegation = DelegationFactory()
    points = FocalPointFactory.create_batch(2, delegation=delegation)

    write(admin_client, DELEGATIONS, "write_to_focal_points", [delegation])
    tasks_run()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in points)


def test_two_conferences_in_one_selection_are_refused(admin_client):
    one, other = ParticipantFactory(), ParticipantFactory()

    response = write(admin_client, PARTICIPANTS, "write_to_participants", [one, other])

    assert "a message is written within one conference" in response.content.decode()
    assert not BulkMessage.objects.exists()


@pytest.mark.parametrize(
    ("field", "text"),
    [("body", "Dear {{ participant.email }}"), ("subject", "{{ password }}"), ("body", "")],
)
def test_bad_text_gets_a_field_error_and_nothing_is_queued(admin_client, field, text):
    participant = ParticipantFactory()

    response = write(
        admin_client, PARTICIPANTS, "write_to_participants", [participant], **{field: text}
    )

    assert response.context["form"].errors[field]
    assert not BulkMessage.objects.exists()


def test_the_editor_is_the_admin_s_shared_action_page_and_keeps_the_selection(admin_client):
    participant = ParticipantFactory()

    response = write(admin_client, PARTICIPANTS, "write_to_participants", [participant], body="")

    page = response.content.decode()
    assert "admin/action_form.html" in [template.name for template in response.templates]
    assert f'name="_selected_action" value="{participant.pk}"' in page
    assert 'value="Send"' in page


def test_a_retry_sends_only_to_those_not_yet_served(admin_client):
    participants = ParticipantFactory.create_batch(3, delegation=DelegationFactory())
    write(admin_client, PARTICIPANTS, "write_to_participants", participants)
    served = Recipient.objects.order_by("pk").first()
    Recipient.objects.filter(pk=served.pk).update(sent_at="2026-01-01T00:00:00Z")

    tasks_run()

    assert served.email not in [message.to[0] for message in mail.outbox]
    assert len(mail.outbox) == 2


def test_staff_who_may_only_view_participants_may_write_but_not_change_the_log(client):
    participant = ParticipantFactory()
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    write(client, PARTICIPANTS, "write_to_participants", [participant])

    message = BulkMessage.objects.get()
    change = reverse("admin:messaging_bulkmessage_change", args=[message.pk])
    assert client.get(change).status_code == 403  # no messaging permission


def test_the_retention_purge_empties_texts_and_addresses_but_keeps_the_log(admin_client):
    participants = ParticipantFactory.create_batch(2, delegation=DelegationFactory())
    write(admin_client, PARTICIPANTS, "write_to_participants", participants)
    tasks_run()

    personal_data_purge(conference=participants[0].conference)

    message = BulkMessage.objects.get()
    assert (message.subject, message.body) == ("Shuttle to the venue", "")
    assert message.recipients.count() == 2
    assert not message.recipients.exclude(email__endswith="@removed.invalid").exists()
    assert not message.recipients.exclude(name="").exists()
