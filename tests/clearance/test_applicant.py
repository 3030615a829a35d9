"""An individual applicant gives their own security data, from their status page's link."""

import pytest
from django.urls import reverse

from clearance.models import ClearancePolicy, ClearanceState, SecurityRecord
from clearance.views import APPLICANT_SALT, applicant_url
from delegations.link_secrets import link_token, without_link_secrets
from diplomacy.visas import applicant_token
from tests.clearance.conftest import scan, valid_data
from tests.factories import ApplicationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(conference):
    participant = ParticipantFactory(delegation__conference=conference)
    application = ApplicationFactory(
        conference=conference, participant=participant, confirmed_at="2023-08-01T10:00Z"
    )
    return application


def page(applicant, token: str) -> str:
    kwargs = {"conference": applicant.conference.slug, "token": token}
    return reverse("clearance:applicant", kwargs=kwargs)


def form_data() -> dict:
    data = {key: value for key, value in valid_data().items() if value is not False}
    return {**data, "data_page": scan()}


def test_the_status_page_links_the_applicant_s_security_data(client, applicant):
    url = reverse(
        "registration:apply_status",
        kwargs={"conference": applicant.conference.slug, "token": applicant.status_token()},
    )

    response = client.get(url)

    assert applicant_url(applicant.participant) in response.text


def test_the_applicant_submits_their_data(client, applicant):
    url = applicant_url(applicant.participant)

    response = client.post(url, form_data())

    assert response.status_code == 302
    record = SecurityRecord.objects.get(participant=applicant.participant)
    assert record.state == ClearanceState.SUBMITTED
    assert record.changes.get().by_label == "applicant"


def test_no_page_when_the_conference_does_not_collect(client, applicant, conference):
    ClearancePolicy.objects.filter(conference=conference).delete()

    assert client.get(applicant_url(applicant.participant)).status_code == 404


def test_a_forged_or_foreign_link_opens_nothing(client, applicant):
    other = ParticipantFactory()
    url = applicant_url(other).replace(other.conference.slug, applicant.conference.slug)

    assert client.get(url[:-3] + "xx/").status_code == 404
    assert client.get(url).status_code == 404


def test_a_link_altered_to_name_another_member_opens_nothing(client, applicant):
    other = ParticipantFactory(delegation=applicant.participant.delegation)
    token = link_token(applicant.participant.pk, salt=APPLICANT_SALT)
    other_row = link_token(other.pk, salt=APPLICANT_SALT).split(":")[0]
    altered = f"{other_row}:{token.rsplit(':', 1)[1]}"

    assert client.get(page(applicant, token)).status_code == 200
    assert client.get(page(applicant, altered)).status_code == 404


def test_a_link_made_for_another_page_opens_nothing(client, applicant):
    visa_page_token = applicant_token(applicant.participant)

    assert client.get(page(applicant, visa_page_token)).status_code == 404


def test_the_link_is_kept_out_of_logs(applicant):
    url = applicant_url(applicant.participant)

    assert without_link_secrets(url).endswith("/security-data/…/")
