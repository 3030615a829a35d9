import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from delegations.models import DelegationStatus, Participant, Role, State
from delegations.services import participant_approve
from registration.services import (
    delegation_submit,
    member_add,
    member_update,
    member_withdraw,
    registration_closed_message,
)
from tests.factories import (
    ConferenceFactory,
    DelegationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
)


def new_member(**fields) -> Participant:
    defaults = {"given_name": "Amina", "family_name": "Diallo", "email": "amina@example.org"}
    return Participant(**{**defaults, **fields})


@pytest.mark.django_db
def test_member_add_registers_a_pending_member():
    delegation = DelegationFactory(conference=OpenConferenceFactory())

    member = member_add(delegation=delegation, participant=new_member())

    assert member.state == State.PENDING
    assert member.conference == delegation.conference
    assert member.delegation == delegation


@pytest.mark.django_db
def test_member_add_beyond_quota_is_refused():
    delegation = DelegationFactory(conference=OpenConferenceFactory(), quota=1)
    ParticipantFactory(delegation=delegation)

    with pytest.raises(ValidationError, match="quota is 1"):
        member_add(delegation=delegation, participant=new_member())

    assert delegation.participants.count() == 1


@pytest.mark.django_db
def test_member_add_ignores_withdrawn_members_for_the_quota():
    delegation = DelegationFactory(conference=OpenConferenceFactory(), quota=1)
    ParticipantFactory(delegation=delegation, state=State.WITHDRAWN)

    member_add(delegation=delegation, participant=new_member())

    assert delegation.participants.active().count() == 1


@pytest.mark.django_db(transaction=True)
def test_member_add_concurrent_submissions_never_exceed_quota():
    delegation = DelegationFactory(conference=OpenConferenceFactory(), quota=3)
    attempts = 12
    barrier = threading.Barrier(attempts)
    outcomes: list[str] = []

    def register(n: int) -> None:
        try:
            barrier.wait()
            member_add(
                delegation=delegation,
                participant=new_member(given_name=f"Member{n}", email=f"member{n}@example.org"),
            )
            outcomes.append("registered")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("registered") == 3
    assert outcomes.count("refused") == attempts - 3
    assert delegation.participants.active().count() == 3


@pytest.mark.django_db(transaction=True)
def test_member_add_concurrent_same_email_registers_once_per_delegation():
    delegation = DelegationFactory(conference=OpenConferenceFactory())
    delegations = [delegation, delegation]
    barrier = threading.Barrier(2)
    errors: list[ValidationError] = []

    def register(delegation) -> None:
        try:
            barrier.wait()
            member_add(delegation=delegation, participant=new_member(email="same@example.org"))
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(d,)) for d in delegations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Participant.objects.filter(email="same@example.org").count() == 1
    assert [error.message_dict for error in errors] == [
        {"email": ["Another member of the delegation has this e-mail address."]}
    ]


@pytest.mark.django_db
def test_member_add_email_registered_elsewhere_is_registered_for_the_organisers_to_settle():
    conference = OpenConferenceFactory()
    ParticipantFactory(delegation__conference=conference, email="taken@example.org")
    delegation = DelegationFactory(conference=conference)

    member = member_add(delegation=delegation, participant=new_member(email="TAKEN@example.org"))

    assert (member.delegation, member.state) == (delegation, State.PENDING)


@pytest.mark.django_db
def test_member_add_same_email_at_another_conference_is_accepted():
    ParticipantFactory(email="traveller@example.org")
    delegation = DelegationFactory(conference=OpenConferenceFactory())

    member = member_add(
        delegation=delegation, participant=new_member(email="traveller@example.org")
    )

    assert member.pk is not None


@pytest.mark.django_db
def test_member_add_before_registration_opens_says_when():
    opens = timezone.now() + datetime.timedelta(days=3)
    conference = ConferenceFactory(
        registration_opens_at=opens, registration_closes_at=opens + datetime.timedelta(days=9)
    )
    delegation = DelegationFactory(conference=conference)

    with pytest.raises(ValidationError, match=r"Registration opens on .*\(Asia/Karachi\)"):
        member_add(delegation=delegation, participant=new_member())

    assert not Participant.objects.exists()


@pytest.mark.django_db
def test_member_add_after_registration_closed_says_when():
    now = timezone.now()
    conference = ConferenceFactory(
        registration_opens_at=now - datetime.timedelta(days=9),
        registration_closes_at=now - datetime.timedelta(hours=1),
    )
    delegation = DelegationFactory(conference=conference)

    with pytest.raises(ValidationError, match="Registration closed on"):
        member_add(delegation=delegation, participant=new_member())

    assert not Participant.objects.exists()


@pytest.mark.django_db
def test_registration_closed_message_without_dates_says_not_open():
    conference = ConferenceFactory()

    message = registration_closed_message(conference=conference, by_focal_point=False)

    assert message == "Registration has not opened yet."


@pytest.mark.django_db
def test_member_update_after_modification_deadline_is_refused():
    conference = OpenConferenceFactory(
        modification_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    member = ParticipantFactory(delegation__conference=conference, given_name="Old")
    member.given_name = "New"

    with pytest.raises(ValidationError, match="deadline for changes passed"):
        member_update(delegation=member.delegation, participant=member)

    member.refresh_from_db()
    assert member.given_name == "Old"


@pytest.mark.django_db
def test_member_update_of_another_delegations_member_is_refused():
    conference = OpenConferenceFactory()
    ours = DelegationFactory(conference=conference)
    theirs = ParticipantFactory(delegation__conference=conference, given_name="Theirs")
    theirs.given_name = "Hijacked"

    with pytest.raises(Participant.DoesNotExist):
        member_update(delegation=ours, participant=theirs)

    theirs.refresh_from_db()
    assert theirs.given_name == "Theirs"


@pytest.mark.django_db
def test_member_add_second_head_is_refused_on_the_role_field():
    delegation = DelegationFactory(conference=OpenConferenceFactory())
    ParticipantFactory(delegation=delegation, role=Role.HEAD)

    with pytest.raises(ValidationError) as raised:
        member_add(delegation=delegation, participant=new_member(role=Role.HEAD))

    assert list(raised.value.message_dict) == ["role"]


@pytest.mark.django_db
def test_delegation_submit_with_one_head_nominates_the_delegation():
    delegation = DelegationFactory(conference=OpenConferenceFactory())
    ParticipantFactory(delegation=delegation, role=Role.HEAD)
    ParticipantFactory(delegation=delegation, role=Role.ADVISER)

    delegation_submit(delegation=delegation)

    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.NOMINATED


@pytest.mark.django_db
def test_delegation_submit_without_head_is_refused():
    delegation = DelegationFactory(conference=OpenConferenceFactory())
    ParticipantFactory(delegation=delegation, role=Role.ADVISER)

    with pytest.raises(ValidationError, match="exactly one Head"):
        delegation_submit(delegation=delegation)

    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.INVITED


@pytest.mark.django_db
def test_member_update_removing_the_head_after_submission_is_refused():
    delegation = DelegationFactory(
        conference=OpenConferenceFactory(), status=DelegationStatus.NOMINATED
    )
    head = ParticipantFactory(delegation=delegation, role=Role.HEAD)
    head.role = Role.ADVISER

    with pytest.raises(ValidationError, match="keeps its Head"):
        member_update(delegation=delegation, participant=head)

    head.refresh_from_db()
    assert head.role == Role.HEAD


@pytest.mark.django_db
def test_member_withdraw_pending_member_is_logged():
    member = ParticipantFactory(delegation__conference=OpenConferenceFactory())

    member_withdraw(delegation=member.delegation, participant=member, reason="Travel cancelled")

    member.refresh_from_db()
    assert member.state == State.WITHDRAWN
    change = member.state_changes.get()
    assert (change.from_state, change.reason) == (State.PENDING, "Travel cancelled")


@pytest.mark.django_db
def test_member_withdraw_approved_member_is_logged():
    member = ParticipantFactory(delegation__conference=OpenConferenceFactory())
    participant_approve(participant=member)

    member_withdraw(delegation=member.delegation, participant=member, reason="Travel cancelled")

    member.refresh_from_db()
    assert member.state == State.WITHDRAWN
    assert member.state_changes.last().reason == "Travel cancelled"


@pytest.mark.django_db
def test_member_withdraw_of_the_only_head_after_submission_is_refused():
    delegation = DelegationFactory(
        conference=OpenConferenceFactory(), status=DelegationStatus.NOMINATED
    )
    head = ParticipantFactory(delegation=delegation, role=Role.HEAD)

    with pytest.raises(ValidationError, match="keeps its Head"):
        member_withdraw(delegation=delegation, participant=head, reason="Replaced")

    assert Participant.objects.filter(pk=head.pk, state=State.PENDING).exists()
