"""Replacing the Head of Delegation: in one step, from the portal after submission and from the
admin, and the three ways it used to fail (issue 10)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from delegations.models import CategoryAllowance, DelegationStatus, Participant, Role, State
from delegations.services import delegation_head_replace, participant_reject
from registration.services import member_add, member_head_replace, member_update
from tests.factories import (
    ApprovedParticipantFactory,
    DelegationFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

TOKEN = "head-swap-token"
CHANGELIST = reverse("admin:delegations_participant_changelist")


def submitted_delegation(head_state: str = State.APPROVED):
    delegation = DelegationFactory(
        conference=OpenConferenceFactory(), status=DelegationStatus.NOMINATED
    )
    head = ParticipantFactory(delegation=delegation, role=Role.HEAD, state=head_state)
    deputy = ApprovedParticipantFactory(delegation=delegation, role=Role.DEPUTY)
    return delegation, head, deputy


def fresh(participant: Participant) -> Participant:
    return Participant.objects.get(pk=participant.pk)


def test_focal_point_swap_makes_the_former_head_another_role_in_one_step():
    delegation, head, deputy = submitted_delegation()

    member_head_replace(delegation=delegation, new_head=deputy, former_head_role=Role.DEPUTY)

    assert (fresh(deputy).role, fresh(head).role) == (Role.HEAD, Role.DEPUTY)
    # A focal point's change of role goes back to the organisers' review.
    assert (fresh(deputy).state, fresh(head).state) == (State.PENDING, State.PENDING)


def test_focal_point_swap_withdraws_the_former_head_with_the_reason():
    delegation, head, deputy = submitted_delegation()

    member_head_replace(
        delegation=delegation, new_head=deputy, former_head_role=None, reason="Recalled"
    )

    head = fresh(head)
    assert (head.state, head.state_reason, head.role) == (State.WITHDRAWN, "Recalled", Role.HEAD)
    assert fresh(deputy).role == Role.HEAD


def test_swap_withdrawing_without_a_reason_is_refused_and_changes_nothing():
    delegation, head, deputy = submitted_delegation()

    with pytest.raises(ValidationError) as raised:
        member_head_replace(delegation=delegation, new_head=deputy, former_head_role=None)

    assert list(raised.value.message_dict) == ["reason"]
    assert (fresh(head).role, fresh(head).state) == (Role.HEAD, State.APPROVED)
    assert fresh(deputy).role == Role.DEPUTY


def test_swap_to_a_member_of_another_delegation_is_refused():
    delegation, _head, _deputy = submitted_delegation()
    stranger = ParticipantFactory()

    with pytest.raises(ValidationError) as raised:
        member_head_replace(delegation=delegation, new_head=stranger, former_head_role=Role.ADVISER)

    assert list(raised.value.message_dict) == ["new_head"]
    assert fresh(stranger).role == Role.REPRESENTATIVE


def test_swap_refuses_head_as_the_former_heads_role():
    delegation, _head, deputy = submitted_delegation()

    with pytest.raises(ValidationError) as raised:
        member_head_replace(delegation=delegation, new_head=deputy, former_head_role=Role.HEAD)

    assert list(raised.value.message_dict) == ["former_head_role"]


def test_organiser_swap_keeps_approvals():
    delegation, head, deputy = submitted_delegation()

    delegation_head_replace(delegation=delegation, new_head=deputy, former_head_role=Role.ADVISER)

    assert (fresh(deputy).role, fresh(deputy).state) == (Role.HEAD, State.APPROVED)
    assert (fresh(head).role, fresh(head).state) == (Role.ADVISER, State.APPROVED)


def test_withdrawing_the_head_from_the_portal_after_submission_points_to_the_swap():
    """Failure 1: withdrawing the Head alone is still refused, with the way to do it."""
    from registration.services import member_withdraw

    delegation, head, _deputy = submitted_delegation()

    with pytest.raises(ValidationError, match="Replace the Head of Delegation"):
        member_withdraw(delegation=delegation, participant=head, reason="Recalled")

    assert fresh(head).state == State.APPROVED


def test_naming_a_second_head_in_the_member_form_is_a_field_error_not_a_crash():
    """Failure 2: it used to hit the database constraint."""
    delegation, _head, deputy = submitted_delegation()
    deputy.role = Role.HEAD

    with pytest.raises(ValidationError) as raised:
        member_update(delegation=delegation, participant=deputy)

    assert "Replace the Head" in raised.value.message_dict["role"][0]


def test_after_the_organisers_reject_the_head_other_members_can_still_be_changed():
    """Failure 3: every later portal edit used to fail on the missing Head."""
    delegation, head, deputy = submitted_delegation(head_state=State.PENDING)
    participant_reject(participant=head, reason="Not accredited")
    deputy.functional_title = "Minister Counsellor"

    member_update(delegation=delegation, participant=deputy)
    member_add(
        delegation=delegation,
        participant=Participant(given_name="Lea", family_name="Moreau", email="lea@example.org"),
    )

    assert fresh(deputy).functional_title == "Minister Counsellor"
    assert delegation.participants.active().count() == 2


def test_after_the_head_is_rejected_a_new_head_is_named_without_a_former_one():
    delegation, head, deputy = submitted_delegation(head_state=State.PENDING)
    participant_reject(participant=head, reason="Not accredited")

    member_head_replace(delegation=delegation, new_head=deputy, former_head_role=Role.ADVISER)

    assert fresh(deputy).role == Role.HEAD
    assert fresh(head).state == State.REJECTED


def test_two_active_heads_stay_impossible_in_the_database():
    _delegation, _head, deputy = submitted_delegation()

    with pytest.raises(IntegrityError, match="participant_one_head_per_delegation"):
        Participant.objects.filter(pk=deputy.pk).update(role=Role.HEAD)


def test_portal_swap_page_replaces_the_head(client):
    invitation = InvitationFactory(token=TOKEN, delegation__status=DelegationStatus.NOMINATED)
    head = ParticipantFactory(delegation=invitation.delegation, role=Role.HEAD)
    adviser = ParticipantFactory(delegation=invitation.delegation, role=Role.ADVISER)
    url = reverse("registration:head_replace", kwargs={"token": TOKEN})

    page = client.get(url)
    response = client.post(url, {"new_head": adviser.pk, "former_head_role": Role.ADVISER})

    assert page.status_code == 200
    assert response.status_code == 302
    assert (fresh(adviser).role, fresh(head).role) == (Role.HEAD, Role.ADVISER)


def test_portal_swap_page_withdrawal_without_reason_is_a_field_error(client):
    invitation = InvitationFactory(token=TOKEN, delegation__status=DelegationStatus.NOMINATED)
    head = ParticipantFactory(delegation=invitation.delegation, role=Role.HEAD)
    adviser = ParticipantFactory(delegation=invitation.delegation, role=Role.ADVISER)
    url = reverse("registration:head_replace", kwargs={"token": TOKEN})

    response = client.post(url, {"new_head": adviser.pk, "former_head_role": "withdraw"})

    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert fresh(head).role == Role.HEAD


def test_portal_swap_page_offers_only_the_delegations_own_members(client):
    invitation = InvitationFactory(token=TOKEN, delegation__status=DelegationStatus.NOMINATED)
    ParticipantFactory(delegation=invitation.delegation, role=Role.HEAD)
    stranger = ParticipantFactory()
    url = reverse("registration:head_replace", kwargs={"token": TOKEN})

    response = client.post(url, {"new_head": stranger.pk, "former_head_role": Role.ADVISER})

    assert response.status_code == 400
    assert response.context["form"].errors["new_head"]
    assert fresh(stranger).role == Role.REPRESENTATIVE


def test_admin_make_head_action_swaps_in_one_step(admin_client):
    _delegation, head, deputy = submitted_delegation()

    page = admin_client.post(
        CHANGELIST, {"action": "make_head", "_selected_action": [deputy.pk], "index": 0}
    )
    admin_client.post(
        CHANGELIST,
        {
            "action": "make_head",
            "_selected_action": [deputy.pk],
            "apply": "1",
            "former_head_role": Role.REPRESENTATIVE,
        },
    )

    assert page.status_code == 200
    assert (fresh(deputy).role, fresh(head).role) == (Role.HEAD, Role.REPRESENTATIVE)
    assert fresh(deputy).state == State.APPROVED


def test_admin_make_head_action_can_withdraw_the_former_head(admin_client):
    _delegation, head, deputy = submitted_delegation()

    admin_client.post(
        CHANGELIST,
        {
            "action": "make_head",
            "_selected_action": [deputy.pk],
            "apply": "1",
            "former_head_role": "withdraw",
            "reason": "Recalled to the capital",
        },
    )

    assert fresh(head).state == State.WITHDRAWN
    assert fresh(deputy).role == Role.HEAD


def test_admin_make_head_action_refuses_several_participants(admin_client):
    _delegation, head, deputy = submitted_delegation()

    admin_client.post(
        CHANGELIST,
        {"action": "make_head", "_selected_action": [deputy.pk, head.pk], "index": 0},
    )

    assert fresh(head).role == Role.HEAD


# Categories a focal point may register.


def test_focal_point_cannot_register_an_organiser_or_security_officer():
    delegation = DelegationFactory(conference=OpenConferenceFactory())
    for category in ("organiser", "security"):
        with pytest.raises(ValidationError) as raised:
            member_add(
                delegation=delegation,
                participant=Participant(
                    given_name="Lea",
                    family_name="Moreau",
                    email=f"{category}@example.org",
                    category=category,
                ),
            )
        assert list(raised.value.message_dict) == ["category"]
    assert not delegation.participants.exists()


def test_organiser_allowance_replaces_the_default_for_that_kind():
    delegation = DelegationFactory(conference=OpenConferenceFactory())
    CategoryAllowance.objects.create(
        conference=delegation.conference, kind=delegation.kind, category="media"
    )

    member_add(
        delegation=delegation,
        participant=Participant(
            given_name="Lea", family_name="Moreau", email="lea@example.org", category="media"
        ),
    )
    with pytest.raises(ValidationError):
        member_add(
            delegation=delegation,
            participant=Participant(
                given_name="Ana", family_name="Silva", email="ana@example.org", category="delegate"
            ),
        )


def test_member_form_offers_only_the_allowed_categories(client):
    InvitationFactory(token=TOKEN)

    response = client.get(reverse("registration:member_add", kwargs={"token": TOKEN}))

    choices = [value for value, _label in response.context["form"].fields["category"].choices]
    assert choices == ["delegate", "expert"]


def test_a_category_is_allowed_once_per_kind_in_the_database():
    conference = OpenConferenceFactory()
    CategoryAllowance.objects.create(conference=conference, kind="ngo", category="expert")

    with pytest.raises(IntegrityError, match="category_allowance_once_per_kind"):
        CategoryAllowance.objects.create(conference=conference, kind="ngo", category="expert")


def test_an_unknown_category_is_refused_by_the_database():
    with pytest.raises(IntegrityError, match="category_allowance_known_values"):
        CategoryAllowance.objects.create(
            conference=OpenConferenceFactory(), kind="ngo", category="emperor"
        )


# The link's use.


def test_opening_the_portal_records_first_opening_and_last_use(client):
    invitation = InvitationFactory(token=TOKEN)

    client.get(reverse("registration:portal", kwargs={"token": TOKEN}))

    invitation.refresh_from_db()
    assert invitation.opened_at is not None
    assert invitation.last_used_at == invitation.opened_at
