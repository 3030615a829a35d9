"""Every changelist of our apps fits 1366 px, the stock sidebar open: no column is cut off,
working in one conference or across all of them (issue 13)."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from conference.jobs import scope_of
from tests.browser import admin_log_in
from tests.conference.test_workspace_browser import DESKTOP, switch_to
from tests.factories import (
    ApplicationFactory,
    BilateralFactory,
    BilateralSlotFactory,
    BulkMessageFactory,
    ConferenceFactory,
    DocumentFactory,
    EmailTemplateFactory,
    EntryFactory,
    ExportFactory,
    FocalPointFactory,
    HostFactory,
    InvitationFactory,
    OrganisationDelegationFactory,
    ParticipantFactory,
    ParticipantStateChangeFactory,
    QuotaRequestFactory,
    SearchSynonymFactory,
    SessionRoleFactory,
    TrackFactory,
    VisaLetterRequestFactory,
)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {**DESKTOP, "height": 900}}


def our_changelists() -> list[str]:
    """The changelist of each ModelAdmin of a conference's data (conference.workspace)."""
    with translation.override("en"):
        return [
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            for model in admin.site._registry
            if scope_of(model) is not None
        ]


def lists_too_wide(page, live_server) -> dict[str, list[int]]:
    """{changelist: [its table's width, the width it has]} of every list that scrolls."""
    measured, too_wide = [], {}
    for url in our_changelists():
        page.goto(live_server.url + url)
        assert page.locator("#nav-sidebar").is_visible()
        widths = page.evaluate(
            """() => {
                // The theme scrolls the list in a box of its own (simplebar's).
                const table = document.querySelector('#result_list');
                const box = table && table.closest('.simplebar-content-wrapper');
                return box && [box.scrollWidth, box.clientWidth];
            }"""
        )
        if widths:
            measured.append(url)
        if widths and widths[0] > widths[1]:
            too_wide[url] = widths
    # The lists that matter most had rows to measure (a list with none has no table).
    assert {"/en/admin/delegations/participant/", "/en/admin/delegations/delegation/"} <= set(
        measured
    )
    assert len(measured) > 20
    return too_wide


def test_every_changelist_fits_1366_px_in_one_conference_and_across_all(live_server, page):
    conference = ConferenceFactory(
        title="Preparatory Meeting on Peacekeeping and Peacebuilding", venue__name="Jinnah Centre"
    )
    delegation = OrganisationDelegationFactory(
        conference=conference, organisation_name="United Nations Department of Peace Operations"
    )
    participant = ParticipantFactory(
        delegation=delegation, given_name="Maria Fernanda", family_name="Albuquerque-Montenegro"
    )
    ParticipantStateChangeFactory(participant=participant, reason="Nomination letter received.")
    EntryFactory(participant__delegation=delegation)
    FocalPointFactory(delegation=delegation)
    QuotaRequestFactory(delegation=delegation)
    VisaLetterRequestFactory(participant=participant)
    InvitationFactory(delegation=delegation)
    HostFactory(conference=conference, name="Ministry of Foreign Affairs of Pakistan")
    TrackFactory(conference=conference, name="Protection of civilians in peace operations")
    SessionRoleFactory(
        session__conference=conference,
        session__title="Women, peace and security: the next twenty-five years",
    )
    SearchSynonymFactory(conference=conference)
    ApplicationFactory(conference=conference)
    DocumentFactory(conference=conference)
    ExportFactory(conference=conference)
    EmailTemplateFactory(conference=conference)
    BulkMessageFactory(conference=conference)
    BilateralFactory(conference=conference)
    BilateralSlotFactory(conference=conference)
    admin_log_in(page, live_server, is_superuser=True)
    switch_to(page, conference)

    assert lists_too_wide(page, live_server) == {}

    # Across all conferences each list has its Conference column too.
    page.get_by_label("Conference", exact=True).select_option("")
    page.get_by_role("button", name="Work in it").click()
    assert lists_too_wide(page, live_server) == {}
