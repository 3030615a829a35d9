import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accreditation.participant_list import (
    participant_list,
    participant_list_csv,
    participant_list_pdf,
    participant_list_xlsx,
)
from delegations.models import DelegationKind, Role, State
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    DelegationFactory,
    OrganisationDelegationFactory,
    PublishedConferenceFactory,
)
from tests.pdf import pdf_text

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

    response = client.get(url)

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
def test_participant_list_runs_two_queries_whatever_its_length(django_assert_num_queries, members):
    delegation = DelegationFactory()
    ApprovedParticipantFactory.create_batch(members, delegation=delegation)

    # The participants, and the delegations' order in the list's language.
    with django_assert_num_queries(2):
        participant_list(conference=delegation.conference)


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
    names = [("Ghana", "GH", "Kwame", "Mensah"), ("Japan", "JP", "王", "小明")]
    for delegation_name, country, given, family in names:
        ApprovedParticipantFactory(
            delegation=state(conference, DelegationKind.MEMBER_STATE, country, delegation_name),
            given_name=given,
            family_name=family,
        )
    ApprovedParticipantFactory(
        delegation=state(conference, DelegationKind.MEMBER_STATE, "RU", "Russian Federation"),
        given_name="Сергей",
        family_name="Лавров",
    )
    ApprovedParticipantFactory(
        delegation=organisation(conference, DelegationKind.IGO, "League of Arab States"),
        given_name="أحمد",
        family_name="أبو الغيط",
    )

    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(participant_list_pdf(conference=conference))).pages
    )

    positions = [text.index(name) for name in ("Kwame Mensah", "王 小明", "Сергей Лавров", "أحمد")]
    assert positions == sorted(positions)
