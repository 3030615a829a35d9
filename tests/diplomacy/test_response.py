"""A delegation's response: invited → acknowledged → nominated → credentials received →
accredited, or declined; each step dated and by whom; the admin's filters, reminders, the
secretariat's digest and re-issued portal links."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from delegations.models import DelegationStatus, Invitation, Role, State
from delegations.services import delegations_accredit
from diplomacy.models import (
    Credentials,
    CredentialsStatus,
    MemberChange,
    Reminder,
    ResponseStep,
    Step,
)
from diplomacy.services import (
    credentials_record,
    reminders_schedule,
    response_acknowledge,
    response_decline,
    response_record,
    response_stage,
)
from diplomacy.tasks import digest_send, reminder_send
from registration.services import delegation_submit, member_add, member_update
from tests.factories import (
    DelegationFactory,
    FocalPointFactory,
    InvitationFactory,
    ParticipantFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

TOKEN = "response-token"
CHANGELIST = reverse("admin:delegations_delegation_changelist")


def steps(delegation) -> list[str]:
    return list(
        ResponseStep.objects.filter(delegation=delegation)
        .order_by("at", "pk")
        .values_list("step", flat=True)
    )


def portal(name: str) -> str:
    return reverse(f"diplomacy:{name}", kwargs={"token": TOKEN})


@pytest.fixture
def invited(protocol):
    protocol.conference.languages = ["en", "fr"]
    protocol.conference.save()
    invitation = InvitationFactory(
        token=TOKEN, delegation=DelegationFactory(conference=protocol.conference)
    )
    FocalPointFactory(delegation=invitation.delegation, preferred_language="fr")
    response_record(delegation=invitation.delegation, step=Step.INVITED)
    return invitation.delegation


def test_every_step_in_order_is_recorded_with_who(invited):
    organiser = StaffUserFactory()
    ParticipantFactory(delegation=invited, role=Role.HEAD)

    response_acknowledge(delegation=invited, by_focal_point=True)
    delegation_submit(delegation=invited)
    credentials_record(
        delegation=invited,
        status=CredentialsStatus.ORIGINAL,
        issued_by="minister_for_foreign_affairs",
        by=organiser,
    )
    delegations_accredit(delegations=[invited], by=organiser)

    recorded = list(ResponseStep.objects.filter(delegation=invited).order_by("at", "pk"))
    assert [step.step for step in recorded] == [
        Step.INVITED,
        Step.ACKNOWLEDGED,
        Step.NOMINATED,
        Step.CREDENTIALS_RECEIVED,
        Step.ACCREDITED,
    ]
    assert [step.by_focal_point for step in recorded[1:3]] == [True, True]
    assert [step.by for step in recorded[3:]] == [organiser, organiser]
    assert response_stage(recorded) == Step.ACCREDITED


def test_a_step_keeps_its_first_date(invited):
    first = response_acknowledge(delegation=invited, by_focal_point=True)

    again = response_acknowledge(delegation=invited, by=StaffUserFactory())

    assert (again.pk, again.at, again.by) == (first.pk, first.at, None)


def test_declining_sets_the_status_and_the_step(invited):
    response_decline(delegation=invited, by=StaffUserFactory(), note="By note verbale")

    invited.refresh_from_db()
    assert invited.status == DelegationStatus.DECLINED
    assert response_stage(ResponseStep.objects.filter(delegation=invited)) == Step.DECLINED
    assert ResponseStep.objects.get(delegation=invited, step=Step.DECLINED).note == (
        "By note verbale"
    )


def test_acknowledging_after_declining_is_refused(invited):
    response_decline(delegation=invited)

    with pytest.raises(ValidationError, match="declined"):
        response_acknowledge(delegation=invited, by_focal_point=True)


def test_an_accredited_delegation_cannot_decline(invited):
    delegations_accredit(delegations=[invited])

    with pytest.raises(ValidationError, match="accredited"):
        response_decline(delegation=invited)

    invited.refresh_from_db()
    assert invited.status == DelegationStatus.ACCREDITED


def test_a_step_is_recorded_once_per_delegation_in_the_database(invited):
    with pytest.raises(IntegrityError, match="response_step_once_per_delegation"):
        ResponseStep.objects.create(delegation=invited, step=Step.INVITED, at=timezone.now())


def test_an_unknown_step_is_refused_by_the_database(invited):
    with pytest.raises(IntegrityError, match="response_step_known"):
        ResponseStep.objects.create(delegation=invited, step="vanished", at=timezone.now())


# The portal.


def test_portal_page_shows_the_timeline_in_the_focal_points_language(client, invited):
    response = client.get(portal("portal_response").replace("/en/", "/fr/"))

    assert response.status_code == 200
    assert "Accuser réception de l\u2019invitation" in response.content.decode()


def test_portal_home_links_to_the_protocol_page(client, invited):
    response = client.get(reverse("registration:portal", kwargs={"token": TOKEN}))

    assert portal("portal_response") in response.content.decode()


def test_focal_point_acknowledges_from_the_portal(client, invited):
    response = client.post(portal("portal_acknowledge"))

    assert response.status_code == 302
    step = ResponseStep.objects.get(delegation=invited, step=Step.ACKNOWLEDGED)
    assert step.by_focal_point


def test_focal_point_declines_only_when_confirming(client, invited):
    refused = client.post(portal("portal_decline"), {})
    invited.refresh_from_db()
    assert refused.status_code == 400
    assert refused.context["decline_form"].errors["confirm"]
    assert invited.status == DelegationStatus.INVITED

    client.post(portal("portal_decline"), {"confirm": "on"})

    invited.refresh_from_db()
    assert invited.status == DelegationStatus.DECLINED


def test_another_delegations_link_changes_only_its_own_delegation(client, invited):
    other = InvitationFactory(token="other-token").delegation

    client.post(reverse("diplomacy:portal_acknowledge", kwargs={"token": "other-token"}))

    assert steps(other) == [Step.ACKNOWLEDGED]
    assert steps(invited) == [Step.INVITED]


def test_a_revoked_link_opens_no_protocol_page(client, invited):
    Invitation.objects.filter(delegation=invited).update(revoked_at=timezone.now())

    assert client.get(portal("portal_response")).status_code == 410
    assert client.post(portal("portal_acknowledge")).status_code == 410
    assert steps(invited) == [Step.INVITED]


# The admin: filters, timeline, reminders, links.


def test_admin_filters_not_answered_lacking_credentials_and_members_pending(
    admin_client, invited, protocol
):
    answered = DelegationFactory(conference=protocol.conference)
    response_record(delegation=answered, step=Step.INVITED)
    response_record(delegation=answered, step=Step.ACKNOWLEDGED)
    Credentials.objects.create(delegation=answered, status="copy", issued_by="other")
    ParticipantFactory(delegation=answered, state=State.PENDING)

    def listed(value: str) -> set:
        response = admin_client.get(CHANGELIST, {"response": value})
        return {row.pk for row in response.context["cl"].result_list}

    assert listed("not_answered") == {invited.pk}
    assert listed("no_credentials") == {invited.pk}
    assert listed("members_pending") == {answered.pk}


@pytest.mark.parametrize("rows", [1, 3])
def test_delegation_list_query_count_does_not_grow(
    admin_client, protocol, rows, django_assert_num_queries
):
    for _ in range(rows):
        delegation = DelegationFactory(conference=protocol.conference)
        Credentials.objects.create(delegation=delegation, status="copy", issued_by="other")

    with django_assert_num_queries(6):
        response = admin_client.get(CHANGELIST)

    assert response.status_code == 200


def test_delegation_page_shows_the_timeline(admin_client, invited):
    response_acknowledge(delegation=invited, by_focal_point=True)

    response = admin_client.get(reverse("admin:delegations_delegation_change", args=[invited.pk]))

    content = response.content.decode()
    assert "Acknowledged" in content
    assert "focal point" in content


def test_reminders_are_scheduled_as_tasks_at_the_time_chosen(invited):
    at = timezone.now() + datetime.timedelta(days=2)

    [reminder] = reminders_schedule(delegations=[invited], send_at=at, message="Deadline Friday")

    task = DBTaskResult.objects.get(task_path__endswith=".reminder_email")
    assert task.run_after == at
    assert task.args_kwargs["kwargs"]["reminder_id"] == reminder.pk


def test_reminders_skip_declined_delegations(invited):
    response_decline(delegation=invited)

    assert reminders_schedule(delegations=[invited]) == []


def test_reminder_goes_in_the_focal_points_language_once(invited):
    reminder = Reminder.objects.create(
        delegation=invited, send_at=timezone.now(), message="Vendredi"
    )

    reminder_send(reminder_id=reminder.pk)
    reminder_send(reminder_id=reminder.pk)

    [message] = mail.outbox
    assert message.subject.startswith("Rappel")
    assert "Vendredi" in message.body
    reminder.refresh_from_db()
    assert reminder.sent_at is not None


def test_admin_reminder_with_a_bad_date_is_a_field_error(admin_client, invited):
    response = admin_client.post(
        CHANGELIST,
        {
            "action": "send_reminders",
            "_selected_action": [invited.pk],
            "apply": "1",
            "send_at": "next thursday",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["send_at"]
    assert not Reminder.objects.exists()


def test_admin_reissued_link_is_shown_once_and_the_old_one_stops(admin_client, client, invited):
    response = admin_client.post(
        CHANGELIST, {"action": "show_portal_links", "_selected_action": [invited.pk], "apply": "1"}
    )

    [(delegation, url)] = response.context["links"]
    assert delegation == invited
    assert "no-store" in response["Cache-Control"]
    assert client.get(reverse("registration:portal", kwargs={"token": TOKEN})).status_code == 404
    assert client.get(url.removeprefix("http://testserver")).status_code == 200


# The secretariat's digest.


def test_changes_after_submission_go_in_one_digest(invited, protocol):
    head = ParticipantFactory(delegation=invited, role=Role.HEAD)
    delegation_submit(delegation=invited)
    from delegations.models import Participant

    member_add(
        delegation=invited,
        participant=Participant(given_name="Lea", family_name="Moreau", email="lea@example.org"),
    )
    head.functional_title = "Minister"
    member_update(delegation=invited, participant=head)

    tasks = DBTaskResult.objects.filter(task_path__endswith=".secretariat_digest")
    assert tasks.count() == 1
    assert tasks.get().run_after > timezone.now() + datetime.timedelta(minutes=20)
    digest_send(conference_id=protocol.conference_id)
    [message] = mail.outbox
    assert message.to == ["secretariat@mofa.example.org"]
    assert "Lea Moreau" in message.body
    assert not MemberChange.objects.filter(digested_at__isnull=True).exists()


def test_changes_before_submission_are_not_reported(invited):
    from delegations.models import Participant

    member_add(
        delegation=invited,
        participant=Participant(given_name="Lea", family_name="Moreau", email="lea@example.org"),
    )

    assert not MemberChange.objects.exists()
