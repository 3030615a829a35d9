"""Focal points and applicants choose the language they read among the conference's."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from registration.models import Application
from registration.services import application_confirm
from tests.factories import InvitationFactory, OpenConferenceFactory
from tests.registration.test_applications import application_data
from tests.registration.test_portal import member_data

pytestmark = pytest.mark.django_db

TOKEN = "language-token"


def language_options(content: str) -> list[tuple[str, bool]]:
    """The preferred-language select's options: (value, selected)."""
    select = re.search(r'<select name="preferred_language".*?</select>', content, re.S).group(0)
    return [
        (value, bool(selected))
        for value, selected in re.findall(r'<option value="([^"]*)"( selected)?', select)
    ]


def in_language(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def test_member_form_offers_the_conferences_languages_starting_with_the_pages(client):
    InvitationFactory(token=TOKEN, delegation__conference__languages=["fr", "ar", "en"])

    content = client.get(in_language("ar", "registration:member_add", token=TOKEN)).content.decode()

    assert language_options(content) == [("fr", False), ("ar", True), ("en", False)]


def test_member_added_in_a_language_not_offered_is_refused_next_to_the_field(client):
    InvitationFactory(token=TOKEN, delegation__conference__languages=["fr", "en"])

    response = client.post(
        in_language("fr", "registration:member_add", token=TOKEN),
        member_data(preferred_language="ru"),
    )

    assert response.status_code == 400
    assert "preferred_language" in response.context["form"].errors


def test_applicants_language_reaches_the_participant_they_become(client):
    conference = OpenConferenceFactory(languages=["en", "es"])

    client.post(
        in_language("es", "registration:apply", conference=conference.slug),
        application_data(preferred_language="es"),
    )
    application = Application.objects.get(conference=conference)
    confirmed = application_confirm(token=application.confirmation_token())

    assert application.data["preferred_language"] == "es"
    assert confirmed.participant.preferred_language == "es"
    assert confirmed.participant.language == "es"
