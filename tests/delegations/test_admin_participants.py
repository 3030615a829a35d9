import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegations.models import (
    DelegationKind,
    Export,
    Participant,
    ParticipantStateChange,
    Role,
    State,
)
from delegations.names import NameOrder
from delegations.participant_fields import PARTICIPANT_DETAILS
from tests.exports import exported_rows
from tests.factories import (
    ConferenceFactory,
    DelegationFactory,
    OrganisationDelegationFactory,
    ParticipantFactory,
    ParticipantStateChangeFactory,
)
from tests.tasks import tasks_run

CHANGELIST = reverse("admin:delegations_participant_changelist")


def run_action(client, action: str, participants, *, follow: bool = False):
    """Choose `action` on the change list for `participants`, as the drop-down does."""
    selected = [participant.pk for participant in participants]
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": selected, "index": 0}, follow=follow
    )


def confirm_action(client, action: str, participants, **data):
    """Submit an action's confirmation page (which posts without the drop-down's index)."""
    selected = [participant.pk for participant in participants]
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": selected, "apply": "1", **data}
    )


def states(participants) -> list[str]:
    return [Participant.objects.get(pk=participant.pk).state for participant in participants]


def message_texts(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_participant_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows
):
    conference = ConferenceFactory()
    for _ in range(rows):
        ParticipantFactory(delegation=DelegationFactory(conference=conference))

    # One more than the other lists: the delegation filter lists the delegations in use. One
    # count of the list, not a second of the whole table (show_full_result_count off), and
    # none for registration dates (no date drill-down reading every registration time).
    with django_assert_num_queries(7):
        response = admin_client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == rows


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_state_change_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows
):
    changes = ParticipantStateChangeFactory.create_batch(rows)

    # No date drill-down: it read every change of every conference twice on each page.
    with django_assert_num_queries(6):
        response = admin_client.get(reverse("admin:delegations_participantstatechange_changelist"))

    assert set(response.context["cl"].result_list) == set(changes)


@pytest.mark.django_db
def test_participant_changelist_filters_recent_registrations(admin_client):
    recent = ParticipantFactory()
    earlier = ParticipantFactory(delegation__conference=recent.conference)
    Participant.objects.filter(pk=earlier.pk).update(
        registered_at=recent.registered_at - datetime.timedelta(days=30)
    )
    changelist = admin_client.get(CHANGELIST).context["cl"]
    dates = next(spec for spec in changelist.filter_specs if spec.field_path == "registered_at")
    past_week = next(
        choice["query_string"]
        for choice in dates.choices(changelist)
        if choice["display"] == "Past 7 days"
    )

    response = admin_client.get(f"{CHANGELIST}{past_week}")

    assert list(response.context["cl"].result_list) == [recent]


@pytest.mark.django_db
def test_participant_changelist_has_a_delegation_filter(admin_client):
    ghana = ParticipantFactory(delegation__country="GH")
    ParticipantFactory(delegation__country="JP", delegation__conference=ghana.conference)

    response = admin_client.get(CHANGELIST, {"delegation__id__exact": ghana.delegation_id})

    assert [p.pk for p in response.context["cl"].result_list] == [ghana.pk]
    assert "By delegation" in response.text


@pytest.mark.django_db
def test_delegation_filter_of_one_conference_lists_its_delegations_without_reading_participants(
    admin_client,
):
    ghana = ParticipantFactory(delegation__country="GH")
    DelegationFactory(conference=ghana.conference, country="JP")  # no participant yet
    elsewhere = ParticipantFactory(delegation__country="KE")

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST, {"conference__id__exact": ghana.conference_id})

    delegation_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "delegation"
    )
    assert [label for _pk, label in delegation_filter.lookup_choices] == ["Ghana", "Japan"]
    assert elsewhere.delegation_id not in dict(delegation_filter.lookup_choices)
    # At a COP, asking which delegations have participants read 100,000 rows.
    listing_delegations = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "delegations_delegation"."id"')
    ]
    assert listing_delegations
    assert not [sql for sql in listing_delegations if "delegations_participant" in sql]


@pytest.mark.django_db
def test_participant_changelist_filters_by_delegation_from_its_link(admin_client):
    member = ParticipantFactory()
    ParticipantFactory()

    response = admin_client.get(f"{CHANGELIST}?delegation__id__exact={member.delegation_id}")

    assert list(response.context["cl"].result_list) == [member]


@pytest.mark.django_db
def test_participant_changelist_lists_pending_first(admin_client):
    approved = ParticipantFactory(state=State.APPROVED)
    pending = ParticipantFactory(state=State.PENDING)

    response = admin_client.get(CHANGELIST)

    assert list(response.context["cl"].result_list) == [pending, approved]


@pytest.mark.django_db
def test_participant_form_has_every_participant_detail(admin_client):
    response = admin_client.get(reverse("admin:delegations_participant_add"))

    form_fields = set(response.context["adminform"].form.fields)
    assert set(PARTICIPANT_DETAILS) <= form_fields


@pytest.mark.django_db
def test_participant_changelist_shows_registration_time_in_conference_zone(admin_client):
    ParticipantFactory()

    response = admin_client.get(CHANGELIST)

    assert "(Asia/Karachi)" in response.text


@pytest.mark.django_db
def test_approve_action_approves_and_logs_who(admin_client, admin_user):
    participants = ParticipantFactory.create_batch(2)

    response = run_action(admin_client, "approve_selected", participants)

    assert response.status_code == 302
    assert states(participants) == [State.APPROVED, State.APPROVED]
    assert set(ParticipantStateChange.objects.values_list("changed_by", "to_state")) == {
        (admin_user.pk, State.APPROVED)
    }


@pytest.mark.django_db
def test_approve_action_reports_how_many_moved(admin_client):
    participants = ParticipantFactory.create_batch(2)

    response = run_action(admin_client, "approve_selected", participants, follow=True)

    assert "2 participants are now “Approved”." in message_texts(response)


@pytest.mark.django_db
def test_approve_action_refuses_illegal_transition_and_changes_nothing(admin_client):
    rejected = ParticipantFactory(
        given_name="Amina", family_name="Diallo", state=State.REJECTED, state_reason="Late"
    )

    response = run_action(admin_client, "approve_selected", [rejected], follow=True)

    assert states([rejected]) == [State.REJECTED]
    assert not ParticipantStateChange.objects.exists()
    assert message_texts(response) == [
        "1 participant was not moved: Amina Diallo cannot go from “Rejected” to “Approved”."
    ]


@pytest.mark.django_db
def test_approve_action_moves_the_legal_ones_of_a_mixed_selection(admin_client):
    pending = ParticipantFactory()
    approved = ParticipantFactory(state=State.APPROVED)

    run_action(admin_client, "approve_selected", [pending, approved])

    assert states([pending, approved]) == [State.APPROVED, State.APPROVED]
    assert ParticipantStateChange.objects.get().participant == pending


@pytest.mark.django_db
def test_approve_action_names_a_participant_refused_by_a_constraint(admin_client):
    delegation = DelegationFactory()
    ParticipantFactory(delegation=delegation, role=Role.HEAD, state=State.APPROVED)
    second_head = ParticipantFactory(
        delegation=delegation, role=Role.HEAD, state=State.REJECTED, state_reason="Duplicate"
    )

    response = run_action(admin_client, "reset_selected", [second_head], follow=True)

    assert states([second_head]) == [State.REJECTED]
    (text,) = message_texts(response)
    assert text.startswith(f"1 participant was not moved: {second_head.full_name}: ")


@pytest.mark.django_db
def test_reject_action_first_asks_for_a_reason(admin_client):
    participant = ParticipantFactory()

    response = run_action(admin_client, "reject_selected", [participant])

    assert response.status_code == 200
    assert response.templates[0].name == "admin/delegations/participant/transition_reason.html"
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert states([participant]) == [State.PENDING]


@pytest.mark.django_db
def test_reject_action_with_reason_rejects_and_logs_who_and_why(admin_client, admin_user):
    participant = ParticipantFactory()

    response = confirm_action(
        admin_client, "reject_selected", [participant], reason="Not nominated by the mission"
    )

    assert response.status_code == 302
    change = ParticipantStateChange.objects.get()
    assert (change.to_state, change.reason, change.changed_by) == (
        State.REJECTED,
        "Not nominated by the mission",
        admin_user,
    )
    assert Participant.objects.get().state_reason == "Not nominated by the mission"


@pytest.mark.django_db
def test_reject_action_without_reason_shows_form_error_and_changes_nothing(admin_client):
    participant = ParticipantFactory()

    response = confirm_action(admin_client, "reject_selected", [participant], reason="  ")

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert states([participant]) == [State.PENDING]
    assert not ParticipantStateChange.objects.exists()


@pytest.mark.django_db
def test_withdraw_action_with_reason_withdraws_approved_participant(admin_client):
    participant = ParticipantFactory(state=State.APPROVED)

    confirm_action(admin_client, "withdraw_selected", [participant], reason="Cannot travel")

    assert states([participant]) == [State.WITHDRAWN]


@pytest.mark.django_db
def test_reset_action_brings_rejected_participant_back_to_pending(admin_client):
    participant = ParticipantFactory(state=State.REJECTED, state_reason="Late")

    run_action(admin_client, "reset_selected", [participant])

    assert states([participant]) == [State.PENDING]


@pytest.mark.django_db
def test_participant_change_form_ignores_a_posted_state(admin_client):
    participant = ParticipantFactory()
    url = reverse("admin:delegations_participant_change", args=[participant.pk])
    data = add_participant_data(participant.delegation, state=State.APPROVED)

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert states([participant]) == [State.PENDING]


@pytest.mark.django_db
def test_participant_change_page_shows_state_history(admin_client, admin_user):
    participant = ParticipantFactory(state=State.APPROVED)
    ParticipantStateChange.objects.create(
        participant=participant,
        from_state=State.APPROVED,
        to_state=State.WITHDRAWN,
        reason="Replaced by the deputy",
        changed_by=admin_user,
    )

    response = admin_client.get(
        reverse("admin:delegations_participant_change", args=[participant.pk])
    )

    assert "Replaced by the deputy" in response.text
    assert "Times on this page are in the Asia/Karachi time zone." in response.text


def add_participant_data(delegation, **overrides) -> dict:
    return {
        "delegation": delegation.pk,
        "given_name": "Kenji",
        "family_name": "Sato",
        "name_order": "given_first",
        "role": Role.REPRESENTATIVE,
        "category": "delegate",
        "email": "kenji.sato@mofa.example.jp",
        "state_changes-TOTAL_FORMS": 0,
        "state_changes-INITIAL_FORMS": 0,
        "entries-TOTAL_FORMS": 0,
        "entries-INITIAL_FORMS": 0,
        **overrides,
    }


@pytest.mark.django_db
def test_participant_add_takes_the_conference_of_the_delegation(admin_client):
    delegation = DelegationFactory()

    response = admin_client.post(
        reverse("admin:delegations_participant_add"), add_participant_data(delegation)
    )

    assert response.status_code == 302
    assert Participant.objects.get().conference == delegation.conference


@pytest.mark.django_db
def test_participant_add_with_an_address_of_the_same_delegation_shows_form_error(admin_client):
    existing = ParticipantFactory(email="kenji.sato@mofa.example.jp", delegation__country="JP")

    response = admin_client.post(
        reverse("admin:delegations_participant_add"), add_participant_data(existing.delegation)
    )

    assert response.status_code == 200
    assert "This e-mail address is already registered in this delegation." in str(
        response.context["adminform"].form.errors
    )
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_participant_changelist_filters_addresses_registered_in_two_delegations(admin_client):
    # Countries named: the factory's rotation could otherwise give both delegations one.
    first = ParticipantFactory(email="kenji.sato@mofa.example.jp", delegation__country="JP")
    second = ParticipantFactory(
        email="Kenji.Sato@mofa.example.jp",
        delegation=DelegationFactory(conference=first.conference, country="KE"),
    )
    ParticipantFactory(delegation=first.delegation)

    response = admin_client.get(
        reverse("admin:delegations_participant_changelist"), {"shared_email": "yes"}
    )

    assert set(response.context["cl"].result_list) == {first, second}


@pytest.mark.django_db
def test_approving_an_address_approved_in_another_delegation_is_refused(admin_client):
    first = ParticipantFactory(
        email="kenji.sato@mofa.example.jp", delegation__country="JP", state=State.APPROVED
    )
    second = ParticipantFactory(
        email="kenji.sato@mofa.example.jp",
        delegation=DelegationFactory(conference=first.conference, country="KE"),
    )

    response = admin_client.post(
        reverse("admin:delegations_participant_changelist"),
        {"action": "approve_selected", "_selected_action": [second.pk]},
        follow=True,
    )

    assert "already approved for someone else" in response.text
    second.refresh_from_db()
    assert second.state == State.PENDING


@pytest.mark.django_db
def test_participant_add_to_a_full_delegation_shows_form_error(admin_client):
    delegation = DelegationFactory(country="JP", quota=1)
    ParticipantFactory(delegation=delegation)

    response = admin_client.post(
        reverse("admin:delegations_participant_add"), add_participant_data(delegation)
    )

    assert response.status_code == 200
    assert "Japan is full: its quota is 1 member." in str(
        response.context["adminform"].form.errors["delegation"]
    )
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_participant_edit_in_a_full_delegation_is_not_refused(admin_client):
    member = ParticipantFactory(delegation__quota=1, email="kenji.sato@mofa.example.jp")

    response = admin_client.post(
        reverse("admin:delegations_participant_change", args=[member.pk]),
        add_participant_data(member.delegation, family_name="Satō"),
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.family_name == "Satō"


@pytest.mark.django_db(transaction=True)
def test_participant_csv_export_keeps_the_names_in_their_own_scripts(admin_client):
    conference = ConferenceFactory()
    arabic = ParticipantFactory(delegation__conference=conference, own_script_name="فاطمة الزهراء")
    chinese = ParticipantFactory(
        delegation__conference=conference,
        given_name="Wei",
        family_name="Wang",
        name_order=NameOrder.FAMILY_FIRST,
        own_script_name="王伟",
    )
    ParticipantFactory(delegation__conference=conference, given_name="Not", family_name="Selected")

    response = run_action(admin_client, "export_csv", [arabic, chinese])

    header, *rows = exported_rows(admin_client, response)
    names = {
        (row[header.index("name order")], row[header.index("name in own script")]) for row in rows
    }
    assert names == {
        ("Given name first (Anna Lindqvist)", "فاطمة الزهراء"),
        ("Family name first (WANG Wei)", "王伟"),
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("count", [1, 3])
def test_participant_csv_export_is_asked_for_and_made_in_queries_that_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, count
):
    conference = ConferenceFactory()
    participants = ParticipantFactory.create_batch(count, delegation__conference=conference)

    # The admin's seven (session, user, the list's filters, the selection's count), then in
    # one transaction the selection's ids and conferences, the export and its task.
    with django_assert_num_queries(12):
        response = run_action(admin_client, "export_csv", participants)
    # The worker's: the task claimed (4), the export loaded and marked running, its rows with
    # their delegations and conferences joined (one cursor, 2,000 rows at a time), the rows
    # written counted, the export done with its file (3), the task's result, and the look for
    # another task (3).
    with django_assert_num_queries(15):
        tasks_run()
    _header, *rows = exported_rows(admin_client, response)

    export = Export.objects.get()
    assert response.url == export.get_absolute_url()
    assert export.download_name().startswith("participant-")
    assert len(rows) == count


@pytest.mark.django_db(transaction=True)
def test_participant_csv_export_is_written_in_the_language_of_the_admin(admin_client):
    participant = ParticipantFactory(delegation__country="JP")
    english = exported_rows(admin_client, run_action(admin_client, "export_csv", [participant]))

    response = admin_client.post(
        CHANGELIST.replace("/en/", "/fr/", 1),
        {"action": "export_csv", "_selected_action": [participant.pk], "index": 0},
    )

    assert response.url.startswith("/fr/staff/exports/")
    header, row = exported_rows(admin_client, response)
    assert english[1][1:3] == ["Japan", "Member State"]
    assert header[1:3] == ["délégation", "type de délégation"]
    assert row[1:3] == ["Japon", "État Membre"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("count", [1, 3])
def test_delegation_csv_export_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, count
):
    conference = ConferenceFactory()
    delegations = [
        DelegationFactory(conference=conference, country=code) for code in ["GH", "JP", "PK"]
    ][:count]

    response = admin_client.post(
        reverse("admin:delegations_delegation_changelist"),
        {"action": "export_csv", "_selected_action": [d.pk for d in delegations], "index": 0},
    )
    # As the participants' (above), and the delegations' focal points (one query per chunk
    # of rows).
    with django_assert_num_queries(16):
        tasks_run()
    _header, *rows = exported_rows(admin_client, response)

    assert len(rows) == count


@pytest.mark.django_db
def test_participant_add_takes_the_name_order_and_the_name_in_its_own_script(admin_client):
    delegation = DelegationFactory(country="CN")

    response = admin_client.post(
        reverse("admin:delegations_participant_add"),
        add_participant_data(
            delegation,
            given_name="Wei",
            family_name="Wang",
            name_order=NameOrder.FAMILY_FIRST,
            own_script_name="王伟",
        ),
    )

    assert response.status_code == 302
    participant = Participant.objects.get()
    assert (str(participant), participant.own_script_name) == (
        "WANG Wei (\u2068王伟\u2069)",
        "王伟",
    )


@pytest.mark.django_db
def test_participant_add_with_a_name_in_another_script_shows_field_errors(admin_client):
    delegation = DelegationFactory(country="RU")

    response = admin_client.post(
        reverse("admin:delegations_participant_add"),
        add_participant_data(delegation, given_name="Ольга", name_order="backwards"),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"given_name", "name_order"}
    assert "Name in own script" in errors["given_name"][0]
    assert not Participant.objects.exists()


@pytest.mark.django_db
def test_participant_change_form_offers_the_name_order_as_radio_buttons(admin_client):
    participant = ParticipantFactory()

    response = admin_client.get(
        reverse("admin:delegations_participant_change", args=[participant.pk])
    )

    page = response.content.decode()
    assert 'type="radio" name="name_order" value="family_first"' in page
    assert 'name="own_script_name"' in page


@pytest.mark.django_db(transaction=True)
def test_participant_csv_export_defuses_formulas_but_keeps_phone_numbers(admin_client):
    participant = ParticipantFactory(
        family_name='=HYPERLINK("https://evil.example","Click")', phone="+92 51 9204 000"
    )

    response = run_action(admin_client, "export_csv", [participant])

    header, row = exported_rows(admin_client, response)
    assert row[header.index("family name")] == '\'=HYPERLINK("https://evil.example","Click")'
    assert row[header.index("phone")] == "+92 51 9204 000"


@pytest.mark.django_db(transaction=True)
def test_delegation_csv_export_is_in_protocol_order(admin_client):
    conference = ConferenceFactory()
    un = OrganisationDelegationFactory(conference=conference, organisation_name="DPO")
    japan = DelegationFactory(conference=conference, country="JP")
    ghana = DelegationFactory(conference=conference, country="GH")

    response = admin_client.post(
        reverse("admin:delegations_delegation_changelist"),
        {"action": "export_csv", "_selected_action": [un.pk, japan.pk, ghana.pk], "index": 0},
    )

    header, *rows = exported_rows(admin_client, response)
    assert [row[header.index("delegation")] for row in rows] == ["Ghana", "Japan", "DPO"]
    assert rows[2][header.index("kind")] == DelegationKind.UN_SECRETARIAT.label


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_delegation_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows
):
    conference = ConferenceFactory()
    for delegation in DelegationFactory.create_batch(rows, conference=conference):
        ParticipantFactory(delegation=delegation)

    # The member counts are subqueries of the one list query; one COUNT of the list.
    with django_assert_num_queries(6):
        response = admin_client.get(reverse("admin:delegations_delegation_changelist"))

    assert len(response.context["cl"].result_list) == rows


@pytest.mark.django_db
def test_participant_add_page_takes_the_delegation_from_the_query(admin_client):
    delegation = DelegationFactory(country="GH")

    response = admin_client.get(
        f"{reverse('admin:delegations_participant_add')}?delegation={delegation.pk}"
    )

    assert (
        f'<option value="{delegation.pk}" selected>Ghana ({delegation.conference})</option>'
        in response.text
    )
