import pytest

from conference.retention import personal_data_purge, personal_data_report
from pledges.models import Pledge, PledgeState
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def test_purge_erases_pledge_contacts_and_keeps_the_pledges():
    pledge = PledgeFactory(state=PledgeState.ANNOUNCED, contact_phone="+233 30 000 0000")
    conference = pledge.delegation.conference
    assert personal_data_report(conference=conference).count("contacts named on pledges") == 1

    personal_data_purge(conference=conference)

    kept = Pledge.objects.get(pk=pledge.pk)
    assert (kept.contact_name, kept.contact_email, kept.contact_phone) == ("", "", "")
    assert (kept.quantity, kept.state) == (160, PledgeState.ANNOUNCED)
    assert personal_data_report(conference=conference).count("contacts named on pledges") == 0
