"""Every output that lists people in protocol order gives the same order: the List of
Participants (PDF, XLSX, CSV; staff and public), badges, the public delegations page and the
admin. Names with letters that no accent-stripping turns into A-Z ("Ł", "Ø") sort where a
reader looks for them, as ICU collates them: "Łukaszewicz" between "Lopez" and "Mensah",
"Øvergaard" between "Olsen" and "Petersen", never after "Z".
"""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accreditation.models import Document
from delegations.models import DelegationKind, DelegationStatus, Participant, Role
from tests.accreditation.test_public_list import public_list_made
from tests.exports import exported_rows
from tests.factories import (
    ApprovedParticipantFactory,
    DelegationFactory,
    OrganisationDelegationFactory,
    PublishedConferenceFactory,
)
from tests.pdf import pdf_text
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db

# Each delegation with its members: (role, given name, family name), in protocol order.
PROTOCOL_ORDER = [
    (
        (DelegationKind.MEMBER_STATE, "CR", "Costa Rica"),
        [
            (Role.HEAD, "Wei", "Zhang"),
            (Role.REPRESENTATIVE, "Ana", "Lopez"),
            (Role.REPRESENTATIVE, "Łukasz", "Łukaszewicz"),
            (Role.REPRESENTATIVE, "Kofi", "Mensah"),
            (Role.ADVISER, "Ruth", "Avery"),
            (Role.ADVISER, "María", "Ávila"),
            (Role.ADVISER, "Paulo", "de Souza"),
            (Role.ADVISER, "Jean", "Dupont"),
        ],
    ),
    (
        (DelegationKind.MEMBER_STATE, "CI", "Côte d'Ivoire"),
        [
            (Role.HEAD, "Awa", "Koné"),
            (Role.REPRESENTATIVE, "Nils", "Olsen"),
            (Role.REPRESENTATIVE, "Ingrid", "Øvergaard"),
            (Role.REPRESENTATIVE, "Lars", "Petersen"),
        ],
    ),
    (
        (DelegationKind.MEMBER_STATE, "HR", "Croatia"),
        [(Role.HEAD, "Marija", "Kovač"), (Role.DEPUTY, "Ivan", "Horvat")],
    ),
    ((DelegationKind.MEMBER_STATE, "TN", "Tunisia"), [(Role.HEAD, "Amira", "Trabelsi")]),
    ((DelegationKind.MEMBER_STATE, "TR", "Türkiye"), [(Role.HEAD, "Elif", "Demir")]),
    ((DelegationKind.OBSERVER_STATE, "VA", "Holy See"), [(Role.HEAD, "Marco", "Rossi")]),
    (
        (DelegationKind.UN_SECRETARIAT, "", "Department of Peace Operations"),
        [(Role.HEAD, "Yuki", "Nakamura")],
    ),
    ((DelegationKind.NGO, "", "Nordic Africa Institute"), [(Role.HEAD, "Tom", "Quinn")]),
    ((DelegationKind.NGO, "", "Ørsted Academy"), [(Role.HEAD, "Sigrid", "Berg")]),
    ((DelegationKind.NGO, "", "Oxfam"), [(Role.HEAD, "Grace", "Brown")]),
]
FAMILY_NAMES = [family for _, members in PROTOCOL_ORDER for _, _, family in members]


@pytest.fixture
def conference():
    """A published conference whose accredited delegations hold the members above, all
    approved and listed publicly, created in reverse so that insertion order cannot pass."""
    conference = PublishedConferenceFactory()
    for (kind, country, name), members in reversed(PROTOCOL_ORDER):
        if country:
            delegation = DelegationFactory(
                conference=conference, kind=kind, country=country, protocol_sort_key=name
            )
        else:
            delegation = OrganisationDelegationFactory(
                conference=conference, kind=kind, organisation_name=name
            )
        delegation.status = DelegationStatus.ACCREDITED
        delegation.save()
        for role, given, family in reversed(members):
            ApprovedParticipantFactory(
                delegation=delegation,
                role=role,
                given_name=given,
                family_name=family,
                consents_to_public_listing=True,
            )
    return conference


def order_in_text(text: str) -> list[str]:
    """The family names in the order `text` shows them; each must be there once."""
    positions = {
        family: [m.start() for m in re.finditer(re.escape(family), text)] for family in FAMILY_NAMES
    }
    assert {family: len(found) for family, found in positions.items()} == dict.fromkeys(
        FAMILY_NAMES, 1
    )
    return sorted(FAMILY_NAMES, key=lambda family: positions[family][0])


def family_column(rows: list[list]) -> list[str]:
    header, *people = rows
    column = header.index("Family name")
    return [row[column] for row in people]


def run_on_everyone(client, action: str, conference):
    """Run the participant list's `action` on all the conference's participants."""
    everyone = Participant.objects.filter(conference=conference)
    return client.post(
        reverse("admin:delegations_participant_changelist"),
        {"action": action, "_selected_action": [p.pk for p in everyone], "index": 0},
    )


def test_in_protocol_order_is_the_order_of_the_list(conference):
    participants = Participant.objects.filter(conference=conference).in_protocol_order()

    assert [participant.family_name for participant in participants] == FAMILY_NAMES


def document_made(client) -> bytes:
    """Run the worker, then download the one document it made."""
    tasks_run()
    url = reverse("accreditation:document_file", args=[Document.objects.get().pk])
    return b"".join(client.get(url).streaming_content)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("format", ["pdf", "xlsx", "csv"])
def test_list_of_participants_follows_protocol_order(admin_client, conference, format):
    url = reverse("accreditation:participant_list", args=[conference.slug])

    admin_client.post(url, {"format": format})
    content = document_made(admin_client)

    if format == "pdf":
        assert order_in_text(pdf_text(content)) == FAMILY_NAMES
    elif format == "xlsx":
        rows = load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
        assert family_column([list(row) for row in rows]) == FAMILY_NAMES
    else:
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert family_column(rows) == FAMILY_NAMES


@pytest.mark.django_db(transaction=True)
def test_public_list_of_participants_follows_protocol_order(client, conference):
    response = public_list_made(client, conference)

    assert order_in_text(pdf_text(response.content)) == FAMILY_NAMES


@pytest.mark.django_db(transaction=True)
def test_badges_print_in_protocol_order(admin_client, conference):
    run_on_everyone(admin_client, "print_participant_badges", conference)

    assert order_in_text(pdf_text(document_made(admin_client))) == FAMILY_NAMES


def test_public_delegations_page_follows_protocol_order(client, conference):
    response = client.get(reverse("accreditation:delegations", args=[conference.slug]))

    assert order_in_text(response.text) == FAMILY_NAMES


def test_admin_delegation_list_follows_protocol_order(admin_client, conference):
    response = admin_client.get(reverse("admin:delegations_delegation_changelist"))

    delegations = response.context["cl"].result_list
    assert [delegation.protocol_sort_key for delegation in delegations] == [
        name for (_, _, name), _ in PROTOCOL_ORDER
    ]


def test_admin_participant_list_sorted_by_delegation_follows_protocol_order(
    admin_client, conference
):
    changelist = reverse("admin:delegations_participant_changelist")
    column = admin_client.get(changelist).context["cl"].list_display.index("delegation_link")

    response = admin_client.get(changelist, {"o": str(column)})

    participants = response.context["cl"].result_list
    assert [participant.family_name for participant in participants] == FAMILY_NAMES


@pytest.mark.django_db(transaction=True)
def test_admin_participant_export_follows_protocol_order(admin_client, conference):
    response = run_on_everyone(admin_client, "export_csv", conference)

    header, *rows = exported_rows(admin_client, response)
    assert [row[header.index("family name")] for row in rows] == FAMILY_NAMES


def test_admin_delegation_members_follow_protocol_order(admin_client, conference):
    costa_rica = conference.delegations.get(country="CR")
    url = reverse("admin:delegations_delegation_change", args=[costa_rica.pk])

    response = admin_client.get(url)

    [members] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Participant
    ]
    assert [form.instance.family_name for form in members] == FAMILY_NAMES[:8]
