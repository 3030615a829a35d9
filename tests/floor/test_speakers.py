import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from delegations.models import DelegationKind, RepresentationLevel
from floor.models import Inscription, InscriptionStatus, ListChange, ListChangeKind, SpeakersList
from floor.speakers import (
    inscription_add,
    inscription_move,
    inscription_withdraw,
    inscriptions_swap,
    speaker_call_next,
    speaker_finish,
    speakers_in_order,
)
from tests.factories import (
    OrganisationDelegationFactory,
    ParticipantFactory,
    SessionFactory,
    StaffUserFactory,
)
from tests.floor.helpers import at_once, delegation_with_head, plenary


def inscribe(session, delegation, head, **kwargs):
    return inscription_add(
        session=session, delegation=delegation, speaker=head, language="en", **kwargs
    )


def order(session) -> list[str]:
    return [
        i.delegation.country.code or i.delegation.organisation_name
        for i in speakers_in_order(session.speakers_list)
    ]


@pytest.mark.django_db
def test_list_orders_by_level_of_representation_then_time_of_inscription():
    session = plenary()
    conference = session.conference
    for country, level in [
        ("GH", RepresentationLevel.AMBASSADOR),
        ("JP", RepresentationLevel.MINISTER),
        ("BR", RepresentationLevel.AMBASSADOR),
        ("FR", RepresentationLevel.HEAD_OF_STATE),
        ("PK", RepresentationLevel.MINISTER),
        ("NP", ""),
    ]:
        inscribe(session, *delegation_with_head(conference, country=country, level=level))

    assert order(session) == ["FR", "JP", "PK", "GH", "BR", "NP"]


@pytest.mark.django_db
def test_group_statements_first_and_organisations_after_member_states():
    session = plenary()
    conference = session.conference
    organiser = StaffUserFactory()
    inscribe(
        session,
        *delegation_with_head(conference, country="GH", level=RepresentationLevel.SENIOR_OFFICIAL),
    )
    un = OrganisationDelegationFactory(
        conference=conference, representation_level=RepresentationLevel.HEAD_OF_STATE
    )
    inscribe(session, un, ParticipantFactory(delegation=un))
    observer, observer_head = delegation_with_head(
        conference,
        country="VA",
        level=RepresentationLevel.MINISTER,
        kind=DelegationKind.OBSERVER_STATE,
    )
    inscribe(session, observer, observer_head)
    egypt, egypt_head = delegation_with_head(
        conference, country="EG", level=RepresentationLevel.AMBASSADOR
    )
    inscribe(session, egypt, egypt_head, on_behalf_of="African Group", by=organiser)

    assert order(session) == ["EG", "GH", "VA", un.organisation_name]


@pytest.mark.django_db
def test_only_organisers_mark_a_group_statement():
    session = plenary()
    delegation, head = delegation_with_head(session.conference, country="EG")

    with pytest.raises(ValidationError) as refusal:
        inscribe(session, delegation, head, on_behalf_of="African Group")

    assert "on_behalf_of" in refusal.value.error_dict
    assert not Inscription.objects.exists()


@pytest.mark.django_db
def test_delegation_inscribed_twice_is_refused_and_nothing_is_written():
    session = plenary()
    delegation, head = delegation_with_head(session.conference, country="GH")
    inscribe(session, delegation, head)

    with pytest.raises(ValidationError) as refusal:
        inscribe(session, delegation, head)

    assert "delegation" in refusal.value.error_dict
    assert Inscription.objects.count() == 1
    assert ListChange.objects.count() == 1


@pytest.mark.django_db
def test_database_refuses_a_delegation_twice_on_one_list():
    session = plenary()
    delegation, head = delegation_with_head(session.conference, country="GH")
    first = inscribe(session, delegation, head)

    with pytest.raises(IntegrityError), transaction.atomic():
        Inscription.objects.create(
            speakers_list=first.speakers_list,
            delegation=delegation,
            speaker=head,
            language="en",
            position=99,
            inscribed_at=timezone.now(),
        )


@pytest.mark.django_db
def test_database_refuses_two_speakers_at_once_and_shared_positions():
    session = plenary()
    first = inscribe(session, *delegation_with_head(session.conference, country="GH"))
    second = inscribe(session, *delegation_with_head(session.conference, country="JP"))
    Inscription.objects.filter(pk=first.pk).update(status=InscriptionStatus.SPEAKING)

    with pytest.raises(IntegrityError), transaction.atomic():
        Inscription.objects.filter(pk=second.pk).update(status=InscriptionStatus.SPEAKING)
    # The positions' uniqueness is checked at commit, so that a move can renumber the list.
    with transaction.atomic():
        Inscription.objects.filter(pk=second.pk).update(position=first.position)
        with pytest.raises(IntegrityError):
            connection.check_constraints()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_database_refuses_a_delivered_statement_without_its_order():
    session = plenary()
    first = inscribe(session, *delegation_with_head(session.conference, country="GH"))

    with pytest.raises(IntegrityError), transaction.atomic():
        Inscription.objects.filter(pk=first.pk).update(status=InscriptionStatus.DELIVERED)


@pytest.mark.django_db
def test_withdrawn_delegation_may_inscribe_again():
    session = plenary()
    delegation, head = delegation_with_head(session.conference, country="GH")
    inscription_withdraw(inscription=inscribe(session, delegation, head), delegation=delegation)

    again = inscribe(session, delegation, head)

    assert again.status == InscriptionStatus.WAITING
    assert order(session) == ["GH"]


@pytest.mark.django_db
def test_another_delegation_cannot_withdraw_yours():
    session = plenary()
    yours = inscribe(session, *delegation_with_head(session.conference, country="GH"))
    other, _head = delegation_with_head(session.conference, country="JP")

    with pytest.raises(ValidationError):
        inscription_withdraw(inscription=yours, delegation=other)

    yours.refresh_from_db()
    assert yours.status == InscriptionStatus.WAITING


@pytest.mark.django_db
def test_speaker_must_be_a_member_of_the_delegation():
    session = plenary()
    delegation, _head = delegation_with_head(session.conference, country="GH")
    _other, other_head = delegation_with_head(session.conference, country="JP")

    with pytest.raises(ValidationError) as refusal:
        inscribe(session, delegation, other_head)

    assert "speaker" in refusal.value.error_dict


@pytest.mark.django_db
def test_statement_language_must_be_one_of_the_meetings():
    session = plenary()
    delegation, head = delegation_with_head(session.conference, country="GH")

    with pytest.raises(ValidationError) as refusal:
        inscription_add(session=session, delegation=delegation, speaker=head, language="zh-hans")

    assert "language" in refusal.value.error_dict


@pytest.mark.django_db
def test_a_panel_takes_no_inscriptions_until_an_organiser_opens_its_list():
    panel = SessionFactory(conference=plenary().conference)
    delegation, head = delegation_with_head(panel.conference, country="GH")

    with pytest.raises(ValidationError):
        inscribe(panel, delegation, head)
    SpeakersList.objects.create(session=panel)
    inscribe(panel, delegation, head)

    assert order(panel) == ["GH"]


@pytest.mark.django_db
def test_closed_list_refuses_focal_points_but_not_organisers():
    session = plenary()
    SpeakersList.objects.create(
        session=session, closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    delegation, head = delegation_with_head(session.conference, country="GH")

    with pytest.raises(ValidationError, match="closed"):
        inscribe(session, delegation, head)
    inscribe(session, delegation, head, by=StaffUserFactory())

    assert order(session) == ["GH"]


@pytest.mark.django_db
def test_organiser_moves_a_speaker_and_the_move_is_logged_with_its_reason():
    session = plenary()
    organiser = StaffUserFactory()
    for country in ["GH", "JP", "PK"]:
        inscribe(session, *delegation_with_head(session.conference, country=country))
    pakistan = Inscription.objects.get(delegation__country="PK")

    inscription_move(inscription=pakistan, to=1, reason="Minister must leave early", by=organiser)

    assert order(session) == ["PK", "GH", "JP"]
    move = ListChange.objects.get(kind=ListChangeKind.MOVED)
    assert (move.from_position, move.to_position, move.reason, move.changed_by) == (
        3,
        1,
        "Minister must leave early",
        organiser,
    )


@pytest.mark.django_db
def test_move_without_reason_is_refused():
    session = plenary()
    first = inscribe(session, *delegation_with_head(session.conference, country="GH"))

    with pytest.raises(ValidationError) as refusal:
        inscription_move(inscription=first, to=1, reason=" ", by=StaffUserFactory())

    assert "reason" in refusal.value.error_dict


@pytest.mark.django_db
def test_database_refuses_a_logged_move_without_reason():
    session = plenary()
    first = inscribe(session, *delegation_with_head(session.conference, country="GH"))

    with pytest.raises(IntegrityError), transaction.atomic():
        ListChange.objects.create(inscription=first, kind=ListChangeKind.MOVED, reason="")


@pytest.mark.django_db
def test_two_delegations_swap_places():
    session = plenary()
    for country in ["GH", "JP", "PK"]:
        inscribe(session, *delegation_with_head(session.conference, country=country))
    ghana, pakistan = (Inscription.objects.get(delegation__country=c) for c in ("GH", "PK"))

    inscriptions_swap(first=ghana, second=pakistan, reason="Both agreed", by=StaffUserFactory())

    assert order(session) == ["PK", "JP", "GH"]
    assert ListChange.objects.filter(kind=ListChangeKind.SWAPPED).count() == 2


@pytest.mark.django_db
def test_new_inscription_takes_its_place_after_a_move():
    session = plenary()
    organiser = StaffUserFactory()
    inscribe(session, *delegation_with_head(session.conference, country="GH"))
    inscribe(
        session,
        *delegation_with_head(session.conference, country="JP", level=RepresentationLevel.MINISTER),
    )
    inscribe(
        session,
        *delegation_with_head(session.conference, country="FR", level=RepresentationLevel.MINISTER),
    )

    assert order(session) == ["JP", "FR", "GH"]
    inscribe(
        session,
        *delegation_with_head(
            session.conference, country="PK", level=RepresentationLevel.HEAD_OF_STATE
        ),
        by=organiser,
    )

    assert order(session) == ["PK", "JP", "FR", "GH"]


@pytest.mark.django_db
def test_chair_calls_speakers_in_order_and_the_delivered_order_is_kept():
    session = plenary()
    for country in ["GH", "JP"]:
        inscribe(session, *delegation_with_head(session.conference, country=country))
    speakers_list = session.speakers_list

    speaker_call_next(speakers_list=speakers_list)
    speaker_call_next(speakers_list=speakers_list)
    speaker_finish(speakers_list=speakers_list)

    delivered = list(
        Inscription.objects.filter(status=InscriptionStatus.DELIVERED).order_by("delivered_order")
    )
    assert [(i.delegation.country.code, i.delivered_order) for i in delivered] == [
        ("GH", 1),
        ("JP", 2),
    ]
    assert all(i.ended_at >= i.started_at for i in delivered)
    speakers_list.refresh_from_db()
    assert speakers_list.version == 2 + 3  # two inscriptions, three calls


@pytest.mark.django_db
def test_delivered_statement_cannot_be_withdrawn():
    session = plenary()
    inscription = inscribe(session, *delegation_with_head(session.conference, country="GH"))
    speaker_call_next(speakers_list=session.speakers_list)

    with pytest.raises(ValidationError):
        inscription_withdraw(inscription=inscription)


@pytest.mark.django_db(transaction=True)
def test_two_focal_points_inscribing_at_once_get_one_slot_each():
    session = plenary()
    ghana = delegation_with_head(session.conference, country="GH")
    japan = delegation_with_head(session.conference, country="JP")

    results, errors = at_once(lambda: inscribe(session, *ghana), lambda: inscribe(session, *japan))

    assert errors == []
    assert len(results) == 2
    positions = list(Inscription.objects.values_list("position", flat=True))
    assert len(set(positions)) == 2
    assert SpeakersList.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_same_delegation_inscribing_twice_at_once_gets_one_slot():
    session = plenary()
    ghana = delegation_with_head(session.conference, country="GH")

    results, errors = at_once(*(lambda: inscribe(session, *ghana) for _ in range(4)))

    assert len(results) == 1
    assert len(errors) == 3
    assert all(isinstance(error, ValidationError) for error in errors)
    assert Inscription.objects.count() == 1
