"""The public List of Participants is a file a task makes, queued when what it lists changes;
a request never renders it."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accreditation.public_list import RETRY_AFTER_SECONDS, public_list_name
from accreditation.selectors import participant_list_file_version
from delegations.services import participant_withdraw
from delegations.storage import private_storage
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    DelegationFactory,
    ParticipantFactory,
    PublishedConferenceFactory,
    SessionFactory,
)
from tests.pdf import pdf_text
from tests.tasks import task_results, tasks_run


def public_list_url(conference) -> str:
    return reverse("accreditation:public_participant_list", args=[conference.slug])


def stored_name(conference) -> str:
    """The file name of the list's current version."""
    version = participant_list_file_version(conference=conference)
    return public_list_name(conference_id=conference.pk, version=version)


def after_change_tasks_run() -> None:
    """Run the tasks queued after changes now, as the worker does once their time comes."""
    DBTaskResult.objects.filter(task_path__endswith=".public_list_make").update(
        run_after=timezone.now()
    )
    tasks_run()


def public_list_made(client, conference):
    """The list as a visitor gets it once the worker has made it."""
    url = public_list_url(conference)
    if client.get(url).status_code == 202:
        tasks_run()
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.fixture
def listed():
    conference = PublishedConferenceFactory()
    accredited = DelegationFactory(conference=conference, country="GH", status="accredited")
    return ApprovedParticipantFactory(
        delegation=accredited,
        given_name="Kwame",
        family_name="Mensah",
        consents_to_public_listing=True,
    )


@pytest.mark.django_db(transaction=True)
def test_a_missing_list_is_queued_once_and_said_to_be_prepared(client, listed):
    url = public_list_url(listed.conference)
    queued_after_change = len(task_results("public_list_make"))

    first = client.get(url)
    again = client.get(url, {"any": "parameter"})

    for response in (first, again):
        assert response.status_code == 202
        assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert "no-store" in response["Cache-Control"]
        assert "The List of Participants is being prepared." in response.text
    assert len(task_results("public_list_make")) == queued_after_change + 1
    name = stored_name(listed.conference)
    assert not private_storage().exists(name)  # the requests made nothing

    tasks_run()
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Kwame Mensah" in pdf_text(response.content)
    assert private_storage().exists(name)


@pytest.mark.django_db(transaction=True)
def test_a_change_to_the_list_makes_a_new_file_and_the_old_one_is_never_served(client, listed):
    public_list_made(client, listed.conference)
    old_name = stored_name(listed.conference)
    ApprovedParticipantFactory(
        delegation=listed.delegation,
        given_name="Ama",
        family_name="Owusu",
        consents_to_public_listing=True,
    )
    participant_withdraw(participant=listed, reason="Travel cancelled")

    assert client.get(public_list_url(listed.conference)).status_code == 202
    text = pdf_text(public_list_made(client, listed.conference).content)

    assert "Ama Owusu" in text
    assert "Mensah" not in text
    assert not private_storage().exists(old_name)


@pytest.mark.django_db(transaction=True)
def test_changes_the_list_does_not_show_keep_its_file_and_make_no_new_one(client, listed):
    public_list_made(client, listed.conference)
    made = stored_name(listed.conference)
    folder = f"public-participant-lists/{listed.conference.pk}"
    ParticipantFactory(delegation=listed.delegation, family_name="Pending")
    ApprovedParticipantFactory(
        delegation=listed.delegation, family_name="Unlisted", consents_to_public_listing=False
    )

    after_change_tasks_run()
    response = client.get(public_list_url(listed.conference))

    assert stored_name(listed.conference) == made
    assert private_storage().listdir(folder)[1] == [made.rsplit("/", 1)[1]]
    assert response.status_code == 200  # served at once, not "being prepared"
    text = pdf_text(response.content)
    assert "Kwame Mensah" in text
    assert "Pending" not in text
    assert "Unlisted" not in text


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_changes_queues_one_task_that_makes_the_list_before_anyone_asks(client, listed):
    for family_name in ("Owusu", "Boateng", "Asante"):
        ApprovedParticipantFactory(
            delegation=listed.delegation, family_name=family_name, consents_to_public_listing=True
        )

    queued = task_results("public_list_make")
    assert len(queued) == 1
    assert queued[0].run_after > timezone.now()  # once the burst is over
    after_change_tasks_run()
    response = client.get(public_list_url(listed.conference))

    assert response.status_code == 200
    assert "Asante" in pdf_text(response.content)


@pytest.mark.django_db(transaction=True)
def test_an_unpublished_conferences_changes_queue_no_list():
    delegation = DelegationFactory(conference=ConferenceFactory(), status="accredited")

    ApprovedParticipantFactory(delegation=delegation, consents_to_public_listing=True)

    assert task_results("public_list_make") == []


@pytest.mark.django_db(transaction=True)
def test_editing_the_programme_leaves_the_made_list_current(client, listed):
    public_list_made(client, listed.conference)

    SessionFactory(conference=listed.conference)

    assert client.get(public_list_url(listed.conference)).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_deleting_a_conference_deletes_its_stored_lists(client, listed):
    conference = listed.conference
    public_list_made(client, conference)
    name = stored_name(conference)
    assert private_storage().exists(name)
    listed.delete()  # a conference with delegations cannot be deleted
    listed.delegation.delete()

    conference.delete()

    assert not private_storage().exists(name)
