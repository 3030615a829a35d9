"""The public List of Participants is a file a task makes; a request never renders it."""

import pytest
from django.urls import reverse

from accreditation.public_list import RETRY_AFTER_SECONDS, public_list_name
from accreditation.selectors import delegations_version
from delegations.services import participant_withdraw
from delegations.storage import private_storage
from tests.factories import (
    ApprovedParticipantFactory,
    DelegationFactory,
    PublishedConferenceFactory,
)
from tests.pdf import pdf_text
from tests.tasks import task_results, tasks_run


def public_list_url(conference) -> str:
    return reverse("accreditation:public_participant_list", args=[conference.slug])


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

    first = client.get(url)
    again = client.get(url, {"any": "parameter"})

    for response in (first, again):
        assert response.status_code == 202
        assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert "no-store" in response["Cache-Control"]
        assert "The List of Participants is being prepared." in response.text
    assert len(task_results("public_list_make")) == 1
    _changed_at, version, _count = delegations_version(conference=listed.conference)
    name = public_list_name(conference_id=listed.conference.pk, version=version)
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
    _changed_at, old_version, _count = delegations_version(conference=listed.conference)
    old_name = public_list_name(conference_id=listed.conference.pk, version=old_version)
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
