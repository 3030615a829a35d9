import datetime

import pytest

from diplomacy.models import ProtocolSettings
from tests.factories import DelegationFactory, FocalPointFactory, OpenConferenceFactory

SITE = "https://plenary.example.org/"


@pytest.fixture
def protocol():
    """An open conference with its protocol settings (reference prefix PKMPM)."""
    conference = OpenConferenceFactory()
    return ProtocolSettings.objects.create(
        conference=conference,
        letterhead="Ministry of Foreign Affairs\nIslamabad",
        sender="The Ministry of Foreign Affairs of the Islamic Republic of Pakistan",
        place="Islamabad",
        reference_prefix="PKMPM",
        reply_by=datetime.date(2023, 8, 15),
        secretariat_email="secretariat@mofa.example.org",
    )


@pytest.fixture
def ghana(protocol):
    delegation = DelegationFactory(conference=protocol.conference, country="GH")
    FocalPointFactory(delegation=delegation, email="focal@ghana.example.org")
    return delegation
