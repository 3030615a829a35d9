import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accreditation.participant_list import (
    participant_list,
    participant_list_csv,
    participant_list_pdf,
    participant_list_xlsx,
)
from delegations.models import DelegationKind, Role, State
from delegations.names import NameOrder
from tests.accreditation.test_public_list import public_list_made
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    DelegationFactory,
    OrganisationDelegationFactory,
    PublishedConferenceFactory,
)
from tests.pdf import pdf_text, pdf_word_left

pytestmark = pytest.mark.django_db


def organisation(conference, kind, name):
    return OrganisationDelegationFactory(
        conference=conference, kind=kind, organisation_name=name, protocol_sort_key=name
    )


def state(conference, kind, country, name):
    return DelegationFactory(
        conference=conference, kind=kind, country=country, protocol_sort_key=name
    )


@pytest.fixture
def delegation_mix():
    """One delegation of every kind, States whose names test accents, each with one member."""
    conference = ConferenceFactory()
    delegations = [
        state(conference, DelegationKind.MEMBER_STATE, "CR", "Costa Rica"),
        state(conference, DelegationKind.MEMBER_STATE, "CI", "Côte d'Ivoire"),
        state(conference, DelegationKind.MEMBER_STATE, "HR", "Croatia"),
        state(conference, DelegationKind.MEMBER_STATE, "TN", "Tunisia"),
        state(conference, DelegationKind.MEMBER_STATE, "TR", "Türkiye"),
        state(conference, DelegationKind.MEMBER_STATE, "ZW", "Zimbabwe"),
        state(conference, DelegationKind.OBSERVER_STATE, "VA", "Holy See"),
        state(conference, DelegationKind.OBSERVER_STATE, "PS", "State of Palestine"),
        organisation(conference, DelegationKind.UN_SECRETARIAT, "Department of Peace Operations"),
        organisation(conference, DelegationKind.UN_SECRETARIAT, "UNICEF"),
        organisation(conference, DelegationKind.IGO, "African Union"),
        organisation(conference, DelegationKind.NGO, "Geneva Centre for Security Governance"),
        organisation(conference, DelegationKind.EXPERTS, "Experts"),
        organisation(conference, DelegationKind.HOST, "Centre for International Peace"),
    ]
    # Created in reverse so that insertion order cannot pass for protocol order.
    for delegation in reversed(delegations):
        ApprovedParticipantFactory(delegation=delegation)
    return conference, delegations


def test_participant_list_orders_delegations_by_kind_then_english_short_name(delegation_mix):
    conference, delegations = delegation_mix

    entries = participant_list(conference=conference)

    assert [entry.delegation for entry in entries] == delegations


def test_participant_list_puts_head_first_then_role_then_name():
    delegation = DelegationFactory()
    adviser_b = ApprovedParticipantFactory(
        delegation=delegation, role=Role.ADVISER, family_name="Ébé"
    )
    adviser_a = ApprovedParticipantFactory(
        delegation=delegation, role=Role.ADVISER, family_name="Abe"
    )
    adviser_c = ApprovedParticipantFactory(
        delegation=delegation, role=Role.ADVISER, family_name="eco"
    )
    representative = ApprovedParticipantFactory(delegation=delegation, role=Role.REPRESENTATIVE)
    deputy = ApprovedParticipantFactory(delegation=delegation, role=Role.DEPUTY)
    head = ApprovedParticipantFactory(delegation=delegation, role=Role.HEAD, family_name="Zulu")

    [entry] = participant_list(conference=delegation.conference)

    assert entry.participants == [head, deputy, representative, adviser_a, adviser_b, adviser_c]


@pytest.mark.parametrize("excluded_state", [State.PENDING, State.REJECTED, State.WITHDRAWN])
def test_participant_list_leaves_out_participants_not_approved(excluded_state):
    approved = ApprovedParticipantFactory()
    ApprovedParticipantFactory(delegation=approved.delegation, state=excluded_state)

    [entry] = participant_list(conference=approved.conference)

    assert entry.participants == [approved]


def test_participant_list_public_shows_only_those_who_consented_in_accredited_delegations():
    conference = ConferenceFactory()
    accredited = DelegationFactory(conference=conference, country="GH", status="accredited")
    consented = ApprovedParticipantFactory(delegation=accredited, consents_to_public_listing=True)
    ApprovedParticipantFactory(delegation=accredited, consents_to_public_listing=False)
    nominated = DelegationFactory(conference=conference, country="JP", status="nominated")
    ApprovedParticipantFactory(delegation=nominated, consents_to_public_listing=True)

    entries = participant_list(conference=conference, public=True)

    assert [entry.participants for entry in entries] == [[consented]]


@pytest.mark.django_db(transaction=True)
def test_participant_list_public_pdf_is_served_for_a_published_conference(client):
    conference = PublishedConferenceFactory()
    accredited = DelegationFactory(conference=conference, country="GH", status="accredited")
    ApprovedParticipantFactory(
        delegation=accredited,
        given_name="Kwame",
        family_name="Mensah",
        consents_to_public_listing=True,
    )
    ApprovedParticipantFactory(
        delegation=accredited,
        given_name="Ama",
        family_name="Owusu",
        consents_to_public_listing=False,
    )
    url = reverse("accreditation:public_participant_list", args=[conference.slug])

    response = public_list_made(client, conference)

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Kwame Mensah" in text
    assert "Owusu" not in text
    assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_participant_list_public_pdf_of_an_unpublished_conference_is_not_found(client):
    conference = ConferenceFactory()

    response = client.get(reverse("accreditation:public_participant_list", args=[conference.slug]))

    assert response.status_code == 404


def test_participant_list_leaves_out_other_conferences():
    ApprovedParticipantFactory()

    assert participant_list(conference=ConferenceFactory()) == []


@pytest.mark.parametrize("members", [1, 3, 30])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_participant_list_runs_one_query_whatever_its_length(
    django_assert_num_queries, members, language
):
    delegation = DelegationFactory()
    ApprovedParticipantFactory.create_batch(members, delegation=delegation)

    with django_assert_num_queries(1):
        participant_list(conference=delegation.conference, language=language)


def test_participant_list_csv_has_a_row_per_participant_in_protocol_order(delegation_mix):
    conference, delegations = delegation_mix

    rows = list(
        csv.reader(io.StringIO(participant_list_csv(conference=conference).decode("utf-8-sig")))
    )

    assert rows[0][0] == "Delegation"
    assert [row[0] for row in rows[1:]] == [delegation.name for delegation in delegations]


def test_participant_list_xlsx_has_a_row_per_participant_in_protocol_order(delegation_mix):
    conference, delegations = delegation_mix

    sheet = load_workbook(io.BytesIO(participant_list_xlsx(conference=conference))).active

    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [delegation.name for delegation in delegations]


def test_participant_list_pdf_names_every_script_in_protocol_order():
    conference = ConferenceFactory()
    people = [
        ("Ghana", "GH", "Kwame", "Mensah", NameOrder.GIVEN_FIRST, ""),
        ("Japan", "JP", "Haruka", "Kai", NameOrder.FAMILY_FIRST, "甲斐はるか"),
        ("Russian Federation", "RU", "Sergey", "Lavrov", NameOrder.GIVEN_FIRST, "Сергей Лавров"),
    ]
    for delegation_name, country, given, family, order, own_script in people:
        ApprovedParticipantFactory(
            delegation=state(conference, DelegationKind.MEMBER_STATE, country, delegation_name),
            given_name=given,
            family_name=family,
            name_order=order,
            own_script_name=own_script,
        )
    ApprovedParticipantFactory(
        delegation=organisation(conference, DelegationKind.IGO, "League of Arab States"),
        given_name="Ahmed",
        family_name="Aboul Gheit",
        own_script_name="أحمد أبو الغيط",
    )

    text = pdf_text(participant_list_pdf(conference=conference))

    lines = [
        "Kwame Mensah",
        "KAI Haruka 甲斐はるか",
        "Sergey Lavrov Сергей Лавров",
        "Ahmed Aboul Gheit أحمد أبو الغيط",
    ]
    positions = [text.index(line) for line in lines]
    assert positions == sorted(positions)


def test_participant_list_pdf_names_the_conference_in_the_lists_language():
    conference = ConferenceFactory(
        languages=["en", "fr"],
        title="Peacekeeping Preparatory Meeting",
        title_translations={"fr": "Réunion préparatoire sur le maintien de la paix"},
    )
    ApprovedParticipantFactory(delegation__conference=conference)

    french = pdf_text(participant_list_pdf(conference=conference, language="fr"))
    english = pdf_text(participant_list_pdf(conference=conference))

    assert "Réunion préparatoire sur le maintien de la paix" in french
    assert "Peacekeeping Preparatory Meeting" in english


def test_participant_list_pdf_sets_an_arabic_name_right_to_left_within_its_line():
    participant = ApprovedParticipantFactory(
        given_name="Mohamed", family_name="Elhusseini", own_script_name="محمد الحسيني"
    )

    pdf = participant_list_pdf(conference=participant.conference)

    assert pdf_word_left(pdf, "Elhusseini") < pdf_word_left(pdf, "الحسيني")
    assert pdf_word_left(pdf, "الحسيني") < pdf_word_left(pdf, "محمد")


def test_participant_list_orders_by_the_latin_family_name_whatever_the_script():
    delegation = DelegationFactory()
    # Ordered by their own scripts, the Korean names (Hangul) would come before the Chinese
    # ones (Han); protocol order reads the Latin family names.
    for given, family, own_script in [
        ("Wei", "Wang", "王伟"),
        ("Ji-woo", "Park", "박지우"),
        ("Fang", "Li", "李芳"),
        ("Min-jun", "Kim", "김민준"),
    ]:
        ApprovedParticipantFactory(
            delegation=delegation,
            given_name=given,
            family_name=family,
            name_order=NameOrder.FAMILY_FIRST,
            own_script_name=own_script,
        )

    [entry] = participant_list(conference=delegation.conference)

    assert [p.full_name for p in entry.participants] == [
        "KIM Min-jun",
        "LI Fang",
        "PARK Ji-woo",
        "WANG Wei",
    ]


def test_participant_list_spreadsheet_rows_give_the_printed_name_and_the_own_script():
    participant = ApprovedParticipantFactory(
        given_name="Wei",
        family_name="Wang",
        name_order=NameOrder.FAMILY_FIRST,
        own_script_name="王伟",
    )

    content = participant_list_csv(conference=participant.conference).decode("utf-8-sig")

    header, row = csv.reader(io.StringIO(content))
    record = dict(zip(header, row, strict=True))
    assert (record["Name as printed"], record["Name in own script"]) == ("WANG Wei", "王伟")
    assert (record["Given name"], record["Family name"]) == ("Wei", "Wang")
