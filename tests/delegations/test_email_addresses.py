"""E-mail addresses must reach someone on the internet: not this machine, not an IP address."""

import pytest
from django.core.exceptions import ValidationError

from delegations.models import FocalPoint, Participant
from registration.models import Application


@pytest.mark.parametrize("model", [Participant, FocalPoint, Application])
@pytest.mark.parametrize(
    "address",
    [
        "someone@localhost",
        "someone@mail.localhost",
        "someone@localhost.localdomain",
        "someone@printer.local",
        "someone@nas.home.arpa",
        "someone@mail.corp.internal",
        "someone@[127.0.0.1]",
        "someone@[IPv6:::1]",
        "someone@10.0.0.1",
        "someone@192.168.1.10",
    ],
)
def test_an_address_on_this_machine_or_an_ip_literal_is_refused(model, address):
    with pytest.raises(ValidationError) as error:
        model(email=address).clean_fields(
            exclude=[field.name for field in model._meta.fields if field.name != "email"]
        )

    assert "email" in error.value.message_dict


@pytest.mark.parametrize("model", [Participant, FocalPoint, Application])
@pytest.mark.parametrize(
    "address",
    ["amina.diallo@mission.example.org", "desk@local.gov.gh", "press@internal-affairs.example"],
)
def test_an_ordinary_address_is_accepted(model, address):
    model(email=address).clean_fields(
        exclude=[field.name for field in model._meta.fields if field.name != "email"]
    )
