"""What load_demo puts in the database: the reference meeting of the source."""

import datetime
import re

import pytest
from django.db.models import Count, Q

from delegations.models import (
    ACTIVE_STATES,
    DelegationKind,
    Participant,
    ParticipantStateChange,
    Role,
    State,
)
from delegations.names import NameOrder, validate_latin_letters
from demo import programme
from demo.reference_meeting import SLUG
from sessions.models import SessionKind, SessionRoleKind


def speakers(session, role: str) -> list[str]:
    return [r.speaker.name_with_honorific for r in session.roles.filter(role=role)]


@pytest.mark.django_db
def test_demo_conference_is_the_published_reference_meeting(demo):
    assert demo.slug == SLUG == "peacekeeping-prep-2023"
    assert demo.title == "UN Peacekeeping Ministerial Preparatory Meeting"
    assert demo.theme == "Ensuring the Safety and Security of UN Peacekeepers"
    assert (demo.start_date, demo.end_date) == (
        datetime.date(2023, 8, 30),
        datetime.date(2023, 8, 31),
    )
    assert demo.time_zone == "Asia/Karachi"
    assert demo.is_published
    assert [host.name for host in demo.hosts.all()] == ["Pakistan", "Japan"]


@pytest.mark.django_db
def test_demo_registration_closes_before_the_meeting(demo):
    assert demo.registration_opens_at < demo.registration_closes_at < demo.starts_at
    assert demo.modification_deadline < demo.starts_at


@pytest.mark.django_db
def test_demo_closes_changes_by_focal_points_before_registration_closes(demo):
    assert demo.modification_deadline <= demo.registration_closes_at


@pytest.mark.django_db
def test_demo_has_four_panels_in_four_tracks_each_with_moderator_and_panellists(demo):
    panels = demo.sessions.filter(kind=SessionKind.PANEL)

    assert panels.count() == 4
    assert {panel.track for panel in panels} == set(demo.tracks.all())
    for panel in panels:
        assert len(speakers(panel, SessionRoleKind.MODERATOR)) == 1
        assert 3 <= len(speakers(panel, SessionRoleKind.PANELLIST)) <= 4


@pytest.mark.django_db
def test_demo_has_the_three_keynote_addresses_of_the_source(demo):
    keynotes = demo.sessions.filter(kind=SessionKind.KEYNOTE)

    names = {name for k in keynotes for name in speakers(k, SessionRoleKind.KEYNOTE_SPEAKER)}
    assert names == {
        "Gen. Syed Asim Munir",
        "Minister for Foreign Affairs of Pakistan",
        "Minister of Defence of Pakistan",
    }


@pytest.mark.django_db
def test_demo_has_the_ied_presentation_and_the_pledging_briefing(demo):
    presentation = demo.sessions.get(kind=SessionKind.EXPERT_PRESENTATION)
    briefing = demo.sessions.get(kind=SessionKind.BRIEFING)

    assert "Improvised Explosive Devices" in presentation.title
    assert "pledging" in briefing.title
    assert speakers(presentation, SessionRoleKind.PRESENTER)
    assert speakers(briefing, SessionRoleKind.PRESENTER)


@pytest.mark.django_db
def test_demo_programme_has_every_agenda_item_including_both_days_breaks(demo):
    assert demo.sessions.count() == len(programme.AGENDA) == 18
    assert demo.sessions.filter(kind=SessionKind.BREAK).count() == 5


@pytest.mark.django_db
def test_demo_sessions_are_published_on_the_two_days_in_islamabad(demo):
    local_days = {
        session.starts_at.astimezone(demo.tzinfo).date() for session in demo.sessions.all()
    }

    assert not demo.sessions.filter(is_published=False).exists()
    assert local_days == {datetime.date(2023, 8, 30), datetime.date(2023, 8, 31)}


@pytest.mark.django_db
def test_demo_invites_at_least_150_member_states(demo):
    assert demo.delegations.filter(kind=DelegationKind.MEMBER_STATE).count() >= 150


@pytest.mark.django_db
def test_demo_has_every_kind_of_delegation(demo):
    kinds = set(demo.delegations.values_list("kind", flat=True))

    assert kinds == set(DelegationKind.values)


@pytest.mark.django_db
def test_demo_keeps_every_delegation_within_its_quota_and_one_head(demo):
    delegations = demo.delegations.annotate(
        active=Count("participants", filter=Q(participants__state__in=ACTIVE_STATES)),
        heads=Count(
            "participants",
            filter=Q(participants__state__in=ACTIVE_STATES, participants__role=Role.HEAD),
        ),
    )

    assert all(d.active <= d.quota and d.heads <= 1 for d in delegations)


@pytest.mark.django_db
def test_demo_has_participants_in_every_state(demo):
    states = set(demo.participants.values_list("state", flat=True))

    assert states == set(State.values)


@pytest.mark.django_db
def test_demo_logs_a_state_change_for_every_decided_participant(demo):
    decided = demo.participants.exclude(state=State.PENDING)
    last_logged = {
        change.participant_id: change.to_state
        for change in ParticipantStateChange.objects.order_by("changed_at", "pk")
    }

    assert {p.pk: p.state for p in decided} == last_logged


@pytest.mark.django_db
def test_demo_gives_every_rejection_and_withdrawal_a_reason(demo):
    decided = demo.participants.filter(state__in=[State.REJECTED, State.WITHDRAWN])

    assert decided.exists()
    assert not decided.filter(state_reason="").exists()


@pytest.mark.django_db
def test_demo_writes_some_names_in_arabic_chinese_and_cyrillic_script_besides_latin(demo):
    approved = demo.participants.filter(state=State.APPROVED)
    own_scripts = " ".join(approved.values_list("own_script_name", flat=True))

    for script in (r"[\u0600-\u06ff]", r"[\u4e00-\u9fff]", r"[\u0400-\u04ff]"):
        assert re.search(script, own_scripts), script
    assert approved.filter(own_script_name="").exists()


@pytest.mark.django_db
def test_demo_names_in_latin_letters_pass_the_participant_rules(demo):
    for participant in demo.participants.all():
        validate_latin_letters(participant.given_name)
        validate_latin_letters(participant.family_name)


@pytest.mark.django_db
def test_demo_writes_chinese_japanese_korean_hungarian_and_vietnamese_names_family_first(demo):
    family_first = demo.participants.filter(state=State.APPROVED, name_order=NameOrder.FAMILY_FIRST)

    assert set(family_first.values_list("delegation__country", flat=True)) >= {
        "CN",
        "JP",
        "KR",
        "HU",
        "VN",
    }
    assert {participant.full_name for participant in family_first.filter(family_name="Chen")} >= {
        "CHEN Jing"
    }


@pytest.mark.django_db
def test_demo_lists_most_participants_publicly(demo):
    consenting = demo.participants.filter(consents_to_public_listing=True).count()

    assert consenting > demo.participants.count() / 2


@pytest.mark.django_db
def test_demo_links_lacroix_to_his_registration(demo):
    speaker = demo.speakers.get(family_name="Lacroix")

    assert speaker.participant == Participant.objects.get(
        conference=demo, family_name="Lacroix", state=State.APPROVED
    )
