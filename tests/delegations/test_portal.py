import pytest
from django.urls import reverse

from delegations import portal
from delegations.models import DelegationKind
from delegations.portal import PortalSection, portal_section_register
from tests.factories import InvitationFactory

TOKEN = "our-delegation-token"

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(monkeypatch):
    """The sections features register, emptied for the test and restored after it."""
    monkeypatch.setattr(portal, "_sections", [])


def portal_page() -> str:
    return reverse("registration:portal", kwargs={"token": TOKEN})


@pytest.mark.usefixtures("sections")
def test_portal_home_links_the_sections_features_register(client):
    InvitationFactory(token=TOKEN)
    portal_section_register(PortalSection("Statements in the plenary", "registration:submit"))

    response = client.get(portal_page())

    submit_url = reverse("registration:submit", kwargs={"token": TOKEN})
    assert f'<a href="{submit_url}">Statements in the plenary</a>' in response.text


@pytest.mark.usefixtures("sections")
def test_portal_section_shows_only_for_the_delegations_it_is_for(client):
    InvitationFactory(
        token=TOKEN,
        delegation__kind=DelegationKind.IGO,
        delegation__country="",
        delegation__organisation_name="African Union",
    )
    portal_section_register(
        PortalSection(
            "Pledges",
            "registration:submit",
            shown_for=lambda delegation: delegation.kind == DelegationKind.MEMBER_STATE,
        )
    )

    response = client.get(portal_page())

    assert "Pledges" not in response.text
