"""The workspace: one conference at a time in the admin (conference/workspace.py)."""

import datetime

import pytest
from django.urls import reverse

from conference.models import Role
from sessions.models import Session, SessionRole, Speaker
from tests.factories import (
    ConferenceFactory,
    ConferenceRoleFactory,
    DelegationFactory,
    ParticipantFactory,
    SessionFactory,
    SpeakerFactory,
    StaffUserFactory,
    TrackFactory,
)
from tests.sessions.test_admin import session_data

pytestmark = pytest.mark.django_db

SWITCH = reverse("admin:workspace_switch")
SESSION_ADD = reverse("admin:programme_session_add")


@pytest.fixture
def two_conferences():
    """The 2023 meeting and the 2027 Ministerial, each with a delegation of Morocco."""
    old = ConferenceFactory(short_title="PKM Prep 2023")
    new = ConferenceFactory(
        short_title="PKM 2027",
        start_date=datetime.date(2027, 5, 12),
        end_date=datetime.date(2027, 5, 13),
    )
    return old, new


def work_in(client, conference) -> None:
    response = client.post(SWITCH, {"conference": conference.pk if conference else ""})
    assert response.status_code == 302


def test_switching_keeps_the_conference_in_the_session(admin_client, two_conferences):
    old, _new = two_conferences

    work_in(admin_client, old)

    assert admin_client.session["workspace_conference"] == old.pk
    response = admin_client.get(reverse("admin:index"))
    assert response.context["workspace_conference"] == old
    assert f'<option value="{old.pk}" selected>PKM Prep 2023</option>' in response.text


def test_changelist_shows_only_the_workspace_conference(admin_client, two_conferences):
    old, new = two_conferences
    DelegationFactory(conference=old, country="MA")
    ours = DelegationFactory(conference=new, country="MA")

    work_in(admin_client, new)
    response = admin_client.get(reverse("admin:delegations_delegation_changelist"))

    assert list(response.context["cl"].result_list) == [ours]


def test_all_conferences_again_for_someone_with_permissions_everywhere(
    admin_client, two_conferences
):
    old, new = two_conferences
    DelegationFactory(conference=old, country="MA")
    DelegationFactory(conference=new, country="MA")
    work_in(admin_client, new)

    work_in(admin_client, None)
    response = admin_client.get(reverse("admin:delegations_delegation_changelist"))

    assert response.context["cl"].result_count == 2


def test_pickers_name_the_conference_of_what_they_offer(admin_client, two_conferences):
    old, new = two_conferences
    morocco = DelegationFactory(conference=new, country="MA")
    DelegationFactory(conference=old, country="MA")
    work_in(admin_client, new)

    response = admin_client.get(
        f"{reverse('admin:delegations_participant_add')}?delegation={morocco.pk}"
    )

    assert f'<option value="{morocco.pk}" selected>Morocco (PKM 2027)</option>' in response.text


def test_autocomplete_offers_the_workspace_objects_named_with_their_conference(
    admin_client, two_conferences
):
    old, new = two_conferences
    SpeakerFactory(conference=old, family_name="Khan")
    ours = SpeakerFactory(conference=new, family_name="Khan", given_name="Amina")
    work_in(admin_client, new)

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Khan",
            "app_label": "programme",
            "model_name": "sessionrole",
            "field_name": "speaker",
        },
    )

    assert response.json()["results"] == [{"id": str(ours.pk), "text": f"{ours} (PKM 2027)"}]


def test_filters_offer_the_workspace_objects_and_no_conference_filter(
    admin_client, two_conferences
):
    old, new = two_conferences
    TrackFactory(conference=old, name="Medical")
    TrackFactory(conference=new, name="Medical")
    work_in(admin_client, new)

    response = admin_client.get(reverse("admin:programme_session_changelist"))

    titles = [spec.title for spec in response.context["cl"].filter_specs]
    assert "conference" not in titles
    track_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "track"
    )
    assert [label for _pk, label in track_filter.lookup_choices] == ["Medical (PKM 2027)"]


def test_add_form_starts_in_the_workspace_conference(admin_client, two_conferences):
    _old, new = two_conferences
    work_in(admin_client, new)

    response = admin_client.get(SESSION_ADD)

    assert response.context["adminform"].form.initial["conference"] == new.pk
    assert "Times on this page are in the Asia/Karachi time zone." in response.text


def test_a_conference_outside_the_workspace_is_a_field_error(admin_client, two_conferences):
    old, new = two_conferences
    work_in(admin_client, new)

    response = admin_client.post(SESSION_ADD, session_data(old))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["conference"]
    assert not Session.objects.exists()


# Each form that can pick an object of another conference, with the workspace on every
# conference: a field error, never a server error.


def test_session_with_a_speaker_of_another_conference_is_a_field_error(
    admin_client, two_conferences
):
    old, new = two_conferences
    speaker = SpeakerFactory(conference=old)
    data = session_data(
        new,
        starts_at_0="2027-05-12",
        ends_at_0="2027-05-12",
        **{
            "roles-TOTAL_FORMS": 1,
            "roles-0-speaker": speaker.pk,
            "roles-0-role": "panellist",
            "roles-0-order": 0,
        },
    )

    response = admin_client.post(SESSION_ADD, data)

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert list(errors[0]) == ["speaker"]
    assert "belongs to PKM Prep 2023, not to PKM 2027" in errors[0]["speaker"][0]
    assert not Session.objects.exists()


def test_session_with_a_track_of_another_conference_is_a_field_error(admin_client, two_conferences):
    old, new = two_conferences
    track = TrackFactory(conference=old)

    response = admin_client.post(
        SESSION_ADD,
        session_data(new, starts_at_0="2027-05-12", ends_at_0="2027-05-12", track=track.pk),
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["track"]


def test_session_role_with_a_speaker_of_another_conference_is_a_field_error(
    admin_client, two_conferences
):
    old, new = two_conferences
    session = SessionFactory(conference=new)
    speaker = SpeakerFactory(conference=old)

    response = admin_client.post(
        reverse("admin:programme_sessionrole_add"),
        {"session": session.pk, "speaker": speaker.pk, "role": "panellist", "order": 0},
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["speaker"]
    assert not SessionRole.objects.exists()


def test_speaker_linked_to_a_participant_of_another_conference_is_a_field_error(
    admin_client, two_conferences
):
    old, new = two_conferences
    participant = ParticipantFactory(delegation__conference=old)

    response = admin_client.post(
        reverse("admin:programme_speaker_add"),
        {
            "conference": new.pk,
            "given_name": "Amina",
            "family_name": "Khan",
            "name_order": "given_first",
            "participant": participant.pk,
        },
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["participant"]
    assert not Speaker.objects.exists()


def test_a_role_user_always_works_in_a_conference_of_theirs(client, two_conferences):
    old, _new = two_conferences
    role = ConferenceRoleFactory(conference=old, role=Role.VIEWER)
    client.force_login(role.user)

    response = client.get(reverse("admin:index"))

    assert response.context["workspace_conference"] == old
    assert list(response.context["workspace_choices"]) == [old]
    assert "All conferences" not in response.text


def test_a_role_user_cannot_switch_to_a_conference_without_a_role(client, two_conferences):
    old, new = two_conferences
    role = ConferenceRoleFactory(conference=old, role=Role.ORGANISER)
    client.force_login(role.user)

    work_in(client, new)

    assert client.get(reverse("admin:index")).context["workspace_conference"] == old


def test_superuser_sees_the_index_of_the_workspace_only(two_conferences, client):
    _old, new = two_conferences
    client.force_login(StaffUserFactory())
    work_in(client, new)

    response = client.get(reverse("admin:index"))

    assert [counts.conference for counts in response.context["conference_counts"]] == [new]
    assert reverse("accreditation:dashboard", args=[new.slug]) in response.text
    assert reverse("accreditation:check_in", args=[new.slug]) in response.text


def test_conference_autocomplete_of_a_session_offers_the_workspace_only(
    admin_client, two_conferences
):
    _old, new = two_conferences
    work_in(admin_client, new)

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "PKM",
            "app_label": "programme",
            "model_name": "session",
            "field_name": "conference",
        },
    )

    assert response.json()["results"] == [{"id": str(new.pk), "text": "PKM 2027"}]


def test_a_list_of_one_conference_names_its_zone_once_in_the_column_header(
    admin_client, two_conferences
):
    old, _new = two_conferences
    ParticipantFactory(delegation__conference=old)
    SessionFactory(conference=old)
    participants = reverse("admin:delegations_participant_changelist")
    sessions = reverse("admin:programme_session_changelist")

    work_in(admin_client, old)
    in_one = admin_client.get(participants).text
    sessions_in_one = admin_client.get(sessions).text

    assert "Registered (Asia/Karachi)" in in_one
    assert "(Asia/Karachi)</td>" not in in_one
    assert "When (Asia/Karachi)" in sessions_in_one
    assert "(Asia/Karachi)</td>" not in sessions_in_one

    # Across all conferences the rows' zones may differ: each row names its own.
    work_in(admin_client, None)
    across_all = admin_client.get(participants).text
    assert "(Asia/Karachi)</td>" in across_all
    assert "Registered (Asia/Karachi)" not in across_all
