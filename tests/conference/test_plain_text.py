"""Text people type holds no control characters (U+0000–U+001F); a text area keeps its tabs
and line breaks. Output that cannot carry them (XLSX) drops them from older data."""

import io

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from accreditation.participant_list import participant_list_xlsx
from delegations.admin_actions import ReasonForm
from registration.forms import WithdrawForm
from tests.factories import ApprovedParticipantFactory, InvitationFactory

# Not `accounts`: its models hold no text people type, only digests of codes and failure
# counts keyed by what the log-in form has already validated.
OUR_APPS = ["conference", "delegations", "registration", "accreditation", "programme", "demo"]


def typed_text_fields() -> list[tuple[type[models.Model], models.Field]]:
    return [
        (model, field)
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and field.editable
    ]


def field_errors(model: type[models.Model], field: models.Field, value: str) -> list[str]:
    """The errors full_clean() gives `field` alone when it holds `value`."""
    instance = model(**{field.attname: value})
    others = [other.name for other in model._meta.fields if other.name != field.name]
    try:
        instance.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    except Exception as error:
        return error.message_dict.get(field.name, [])
    return []


@pytest.mark.parametrize(
    ("model", "field"),
    typed_text_fields(),
    ids=lambda item: getattr(item, "__name__", getattr(item, "name", "")),
)
@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x1f"])
def test_every_text_field_of_our_models_refuses_control_characters(model, field, character):
    assert field_errors(model, field, f"A{character}B")


@pytest.mark.parametrize(
    ("model", "field"),
    [(model, field) for model, field in typed_text_fields() if isinstance(field, models.TextField)],
    ids=lambda item: getattr(item, "__name__", getattr(item, "name", "")),
)
def test_a_text_area_keeps_tabs_and_line_breaks(model, field):
    assert field_errors(model, field, "First line\r\n\tsecond line\n") == []


def test_a_single_line_field_refuses_a_tab_or_a_line_break():
    model = apps.get_model("delegations", "Participant")
    field = model._meta.get_field("family_name")

    assert field_errors(model, field, "Diallo\tX")
    assert field_errors(model, field, "Diallo\nX")
    assert field_errors(model, field, "Diallo") == []


@pytest.mark.parametrize("form_class", [ReasonForm, WithdrawForm])
def test_reason_forms_refuse_control_characters_but_keep_line_breaks(form_class):
    assert not form_class({"reason": "Left early\x08"}).is_valid()
    assert form_class({"reason": "Left early.\r\nSee the note."}).is_valid()


@pytest.mark.django_db
def test_portal_member_form_refuses_control_characters_in_a_name(client):
    invitation = InvitationFactory(token="our-delegation-token")

    response = client.post(
        reverse("registration:member_add", kwargs={"token": "our-delegation-token"}),
        {
            "given_name": "Ami\x0bna",
            "family_name": "Diallo",
            "role": "representative",
            "category": "delegate",
            "email": "amina.diallo@mission.example.org",
        },
    )

    assert response.status_code == 400
    assert "given_name" in response.context["form"].errors
    assert not invitation.delegation.participants.exists()


@pytest.mark.django_db
def test_participant_list_xlsx_drops_control_characters_of_older_data():
    participant = ApprovedParticipantFactory(family_name="Di\x01allo", functional_title="A\x1bB")

    workbook = participant_list_xlsx(conference=participant.conference)

    row = next(load_workbook(io.BytesIO(workbook)).active.iter_rows(min_row=2, values_only=True))
    assert "Diallo" in row
    assert "AB" in row
