import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from floor.models import (
    InscriptionStatus,
    ListChange,
    ListChangeKind,
    SpeakersList,
    SwapRequest,
    SwapStatus,
)
from floor.speakers import (
    inscription_add,
    inscription_speaker_change,
    inscription_withdraw,
    speaker_call_next,
    speakers_in_order,
)
from floor.swaps import swap_accept, swap_cancel, swap_decline, swap_request
from tests.factories import ParticipantFactory
from tests.floor.helpers import at_once, delegation_with_head, plenary


def three_inscribed(session=None):
    """Ghana, Japan and Pakistan waiting in that order, with their delegations."""
    session = session or plenary()
    inscriptions = {}
    for country in ["GH", "JP", "PK"]:
        delegation, head = delegation_with_head(session.conference, country=country)
        inscriptions[country] = inscription_add(
            session=session, delegation=delegation, speaker=head, language="en"
        )
    return session, inscriptions


def order(session) -> list[str]:
    return [i.delegation.country.code for i in speakers_in_order(session.speakers_list)]


def close(session):
    SpeakersList.objects.filter(session=session).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )


@pytest.mark.django_db
def test_accepted_request_exchanges_the_places_and_logs_it_on_both_with_the_request():
    session, ins = three_inscribed()
    swap = swap_request(
        proposer=ins["GH"], partner=ins["PK"], delegation=ins["GH"].delegation, reason="Flight"
    )
    assert order(session) == ["GH", "JP", "PK"]  # nothing moves before the answer

    swap_accept(swap=swap, delegation=ins["PK"].delegation)

    assert order(session) == ["PK", "JP", "GH"]
    swap.refresh_from_db()
    assert swap.status == SwapStatus.ACCEPTED
    assert swap.answered_at is not None
    logged = ListChange.objects.filter(kind=ListChangeKind.SWAPPED)
    assert {
        (c.inscription.delegation.country.code, c.from_position, c.to_position) for c in logged
    } == {
        ("GH", 1, 3),
        ("PK", 3, 1),
    }
    assert all(
        c.swap_request == swap and c.reason == "Flight" and c.changed_by is None for c in logged
    )


@pytest.mark.django_db
def test_declined_or_cancelled_request_moves_nobody():
    session, ins = three_inscribed()
    first = swap_request(
        proposer=ins["GH"], partner=ins["PK"], delegation=ins["GH"].delegation, reason="Flight"
    )
    swap_decline(swap=first, delegation=ins["PK"].delegation)
    second = swap_request(
        proposer=ins["GH"], partner=ins["JP"], delegation=ins["GH"].delegation, reason="Flight"
    )
    swap_cancel(swap=second, delegation=ins["GH"].delegation)

    assert order(session) == ["GH", "JP", "PK"]
    assert list(SwapRequest.objects.order_by("pk").values_list("status", flat=True)) == [
        SwapStatus.DECLINED,
        SwapStatus.CANCELLED,
    ]
    assert not ListChange.objects.filter(kind=ListChangeKind.SWAPPED).exists()


@pytest.mark.django_db
def test_only_the_delegation_asked_may_accept_and_only_the_asker_may_cancel():
    _session, ins = three_inscribed()
    swap = swap_request(
        proposer=ins["GH"], partner=ins["PK"], delegation=ins["GH"].delegation, reason="Flight"
    )

    for answer in (swap_accept, swap_decline):
        with pytest.raises(ValidationError):
            answer(swap=swap, delegation=ins["GH"].delegation)
        with pytest.raises(ValidationError):
            answer(swap=swap, delegation=ins["JP"].delegation)
    with pytest.raises(ValidationError):
        swap_cancel(swap=swap, delegation=ins["PK"].delegation)

    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING


@pytest.mark.django_db
def test_a_delegation_not_inscribed_cannot_ask_in_anothers_name():
    _session, ins = three_inscribed()

    with pytest.raises(ValidationError, match="not inscribed"):
        swap_request(
            proposer=ins["GH"], partner=ins["PK"], delegation=ins["JP"].delegation, reason="x"
        )

    assert not SwapRequest.objects.exists()


@pytest.mark.django_db
def test_withdrawn_delegation_cannot_ask_and_its_pending_requests_are_cancelled():
    _session, ins = three_inscribed()
    swap = swap_request(
        proposer=ins["JP"], partner=ins["GH"], delegation=ins["JP"].delegation, reason="x"
    )
    inscription_withdraw(inscription=ins["GH"], delegation=ins["GH"].delegation)

    swap.refresh_from_db()
    assert swap.status == SwapStatus.CANCELLED
    with pytest.raises(ValidationError, match="still waiting"):
        swap_request(
            proposer=ins["GH"], partner=ins["PK"], delegation=ins["GH"].delegation, reason="x"
        )


@pytest.mark.django_db
def test_request_to_a_delegation_on_another_list_or_conference_is_refused():
    _session, ins = three_inscribed()
    _other_session, other = three_inscribed()

    with pytest.raises(ValidationError) as refused:
        swap_request(
            proposer=ins["GH"], partner=other["PK"], delegation=ins["GH"].delegation, reason="x"
        )

    assert "partner" in refused.value.error_dict
    assert not SwapRequest.objects.exists()


@pytest.mark.django_db
def test_closed_list_refuses_requests_and_acceptances():
    session, ins = three_inscribed()
    swap = swap_request(
        proposer=ins["GH"], partner=ins["PK"], delegation=ins["GH"].delegation, reason="x"
    )
    close(session)

    with pytest.raises(ValidationError, match="closed"):
        swap_request(
            proposer=ins["JP"], partner=ins["PK"], delegation=ins["JP"].delegation, reason="x"
        )
    with pytest.raises(ValidationError, match="closed"):
        swap_accept(swap=swap, delegation=ins["PK"].delegation)

    assert order(session) == ["GH", "JP", "PK"]
    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING


@pytest.mark.django_db
def test_acceptance_after_the_asker_took_the_floor_is_refused():
    session, ins = three_inscribed()
    swap = swap_request(
        proposer=ins["GH"], partner=ins["PK"], delegation=ins["GH"].delegation, reason="x"
    )
    speaker_call_next(speakers_list=session.speakers_list)

    with pytest.raises(ValidationError):
        swap_accept(swap=swap, delegation=ins["PK"].delegation)

    assert order(session) == ["GH", "JP", "PK"]
    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING


@pytest.mark.django_db
def test_one_pending_request_per_delegation_and_reason_required():
    _session, ins = three_inscribed()
    swap_request(proposer=ins["GH"], partner=ins["PK"], delegation=ins["GH"].delegation, reason="x")

    with pytest.raises(ValidationError, match="awaits an answer"):
        swap_request(
            proposer=ins["GH"], partner=ins["JP"], delegation=ins["GH"].delegation, reason="x"
        )
    with pytest.raises(ValidationError) as refused:
        swap_request(
            proposer=ins["JP"], partner=ins["PK"], delegation=ins["JP"].delegation, reason=" "
        )
    assert "reason" in refused.value.error_dict
    with pytest.raises(IntegrityError):
        SwapRequest.objects.create(proposer=ins["JP"], partner=ins["JP"], reason="x")


@pytest.mark.django_db
def test_request_answered_twice_is_refused():
    _session, ins = three_inscribed()
    swap = swap_request(
        proposer=ins["GH"], partner=ins["PK"], delegation=ins["GH"].delegation, reason="x"
    )
    swap_decline(swap=swap, delegation=ins["PK"].delegation)

    with pytest.raises(ValidationError, match="already been answered"):
        swap_accept(swap=swap, delegation=ins["PK"].delegation)


@pytest.mark.django_db(transaction=True)
def test_acceptance_and_withdrawal_at_once_leave_a_consistent_list():
    session, ins = three_inscribed()
    swap = swap_request(
        proposer=ins["GH"], partner=ins["PK"], delegation=ins["GH"].delegation, reason="x"
    )

    _results, errors = at_once(
        lambda: swap_accept(swap=swap, delegation=ins["PK"].delegation),
        lambda: inscription_withdraw(inscription=ins["GH"], delegation=ins["GH"].delegation),
    )

    swap.refresh_from_db()
    ins["GH"].refresh_from_db()
    assert ins["GH"].status == InscriptionStatus.WITHDRAWN
    if swap.status == SwapStatus.ACCEPTED:  # the exchange first, then the withdrawal
        assert errors == []
        assert order(session) == ["PK", "JP"]
    else:  # the withdrawal first: the request was cancelled, the answer refused
        assert swap.status == SwapStatus.CANCELLED
        assert len(errors) == 1
        assert isinstance(errors[0], ValidationError)
        assert order(session) == ["JP", "PK"]


@pytest.mark.django_db
def test_focal_point_changes_the_speaker_keeping_the_place_and_it_is_logged():
    session, ins = three_inscribed()
    adviser = ParticipantFactory(delegation=ins["GH"].delegation, family_name="Mensah")

    inscription_speaker_change(
        inscription=ins["GH"], speaker=adviser, delegation=ins["GH"].delegation
    )

    ins["GH"].refresh_from_db()
    assert ins["GH"].speaker == adviser
    assert order(session) == ["GH", "JP", "PK"]
    change = ListChange.objects.get(kind=ListChangeKind.SPEAKER)
    assert change.reason.endswith(adviser.display_name)


@pytest.mark.django_db
def test_speaker_change_refusals():
    session, ins = three_inscribed()
    japanese = ParticipantFactory(delegation=ins["JP"].delegation)
    adviser = ParticipantFactory(delegation=ins["GH"].delegation)

    with pytest.raises(ValidationError):  # another delegation's member
        inscription_speaker_change(
            inscription=ins["GH"], speaker=japanese, delegation=ins["GH"].delegation
        )
    with pytest.raises(ValidationError):  # another delegation's inscription
        inscription_speaker_change(
            inscription=ins["GH"], speaker=adviser, delegation=ins["JP"].delegation
        )
    close(session)
    with pytest.raises(ValidationError, match="closed"):
        inscription_speaker_change(
            inscription=ins["GH"], speaker=adviser, delegation=ins["GH"].delegation
        )

    ins["GH"].refresh_from_db()
    assert ins["GH"].speaker.delegation == ins["GH"].delegation
    assert ins["GH"].speaker != adviser
