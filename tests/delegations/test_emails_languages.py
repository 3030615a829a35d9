"""Every e-mail goes out in its recipient's preferred language, with links in that language,
though the worker that sends it runs in none of them."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail

from delegations.invitations import invitation_send
from delegations.services import participant_approve, participant_reject
from registration.services import application_create
from tests.factories import (
    FocalPointFactory,
    OpenConferenceFactory,
    ParticipantFactory,
)
from tests.pdf import pdf_text
from tests.tasks import tasks_run

# The worker commits: these tests run it on a database they do not roll back.
pytestmark = pytest.mark.django_db(transaction=True)

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{\{ ?\w+ ?\}\}")
# Pieces of the interface's sentences long enough to be told apart from names and data.
FRAGMENT_LENGTH = 12


def catalogue_fragments(language: str) -> list[tuple[str, str]]:
    """(English, translated) pieces of every translated sentence in the e-mails' catalogues,
    split at their placeholders."""
    pairs = []
    for app in ("delegations", "registration", "accreditation"):
        path = Path(settings.BASE_DIR) / app / "locale" / language / "LC_MESSAGES" / "django.po"
        for entry in polib.pofile(str(path)):
            forms = [entry.msgstr] if not entry.msgid_plural else [entry.msgstr_plural[0]]
            for english, translated in zip(
                PLACEHOLDER.split(entry.msgid), PLACEHOLDER.split(forms[0]), strict=False
            ):
                if len(english.strip()) >= FRAGMENT_LENGTH and english.strip() != translated:
                    pairs.append((english.strip(), translated.strip()))
    return pairs


def message_text(message) -> str:
    return "\n".join([message.subject, message.body, message.alternatives[0][0]])


def assert_written_in(message, english_message, language: str) -> None:
    """Every interface sentence of the English message is, in `message`, its translation."""
    english, translated = message_text(english_message), message_text(message)
    used = [pair for pair in catalogue_fragments(language) if pair[0] in english]
    assert used, "the English message shares no sentence with the catalogue"
    assert [source for source, _ in used if source in translated] == []
    assert [target for _, target in used if target not in translated] == []


def latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{3,}", text))


@pytest.fixture
def conference():
    return OpenConferenceFactory(
        title="Peacekeeping Preparatory Meeting", languages=["en", "fr", "ar", "ru"]
    )


def approve_and_send(participant) -> list:
    participant_approve(participant=participant)
    tasks_run()
    return list(mail.outbox)


def test_approval_email_is_in_the_participants_french_with_no_english(
    conference,
):
    english = ParticipantFactory(delegation__conference=conference, preferred_language="en")
    french = ParticipantFactory(delegation__conference=conference, preferred_language="fr")

    (english_message,) = approve_and_send(english)
    mail.outbox.clear()
    (french_message,) = approve_and_send(french)

    assert french_message.subject == (
        "Inscription approuvée\u00a0: Peacekeeping Preparatory Meeting"
    )
    assert_written_in(french_message, english_message, "fr")
    assert '<html lang="fr" dir="ltr">' in french_message.alternatives[0][0]


def test_emails_name_the_conference_in_the_recipients_language_else_the_main_one():
    conference = OpenConferenceFactory(
        title="Peacekeeping Preparatory Meeting",
        title_translations={"fr": "Réunion préparatoire sur le maintien de la paix"},
        languages=["en", "fr", "ar"],
    )
    french = ParticipantFactory(delegation__conference=conference, preferred_language="fr")
    arabic = ParticipantFactory(delegation__conference=conference, preferred_language="ar")

    (french_message,) = approve_and_send(french)
    mail.outbox.clear()
    (arabic_message,) = approve_and_send(arabic)

    assert french_message.subject == (
        "Inscription approuvée\u00a0: Réunion préparatoire sur le maintien de la paix"
    )
    assert "Réunion préparatoire sur le maintien de la paix" in french_message.body
    assert (
        "<title>Réunion préparatoire sur le maintien de la paix</title>"
        in (french_message.alternatives[0][0])
    )
    # Not given in Arabic: in the conference's main language.
    assert "Peacekeeping Preparatory Meeting" in arabic_message.subject


def test_rejection_email_in_arabic_has_no_english_word_but_the_data(
    conference,
):
    participant = ParticipantFactory(
        delegation__conference=conference,
        delegation__country="GH",
        given_name="Kwame",
        family_name="Mensah",
        preferred_language="ar",
    )

    participant_reject(participant=participant, reason="العدد المخصص مكتمل")
    tasks_run()

    (message,) = mail.outbox
    data = " ".join([conference.title, participant.full_name, participant.email])
    assert latin_words(message_text(message)) - {"html", "lang", "dir", "rtl", "DOCTYPE"} <= (
        latin_words(data) | {"head", "meta", "charset", "utf", "title", "body"}
    )
    assert '<html lang="ar" dir="rtl">' in message.alternatives[0][0]


def test_badge_attached_to_the_approval_is_in_the_participants_language(
    conference,
):
    participant = ParticipantFactory(delegation__conference=conference, preferred_language="ru")

    (message,) = approve_and_send(participant)

    ((_filename, badge, _mimetype),) = message.attachments
    assert "ДЕЛЕГАТ" in pdf_text(badge).upper()


def test_focal_points_reading_another_language_get_their_own_copy(
    conference,
):
    participant = ParticipantFactory(delegation__conference=conference, preferred_language="fr")
    FocalPointFactory(
        delegation=participant.delegation, email="fr@mission.example.org", preferred_language="fr"
    )
    FocalPointFactory(
        delegation=participant.delegation, email="ar@mission.example.org", preferred_language="ar"
    )

    messages = approve_and_send(participant)

    sent = {tuple(message.to): (message.cc, message.subject) for message in messages}
    assert sent[(participant.email,)][0] == ["fr@mission.example.org"]
    assert sent[(participant.email,)][1].startswith("Inscription approuvée")
    assert sent[("ar@mission.example.org",)][0] == []
    assert not latin_words(sent[("ar@mission.example.org",)][1]) - latin_words(conference.title)


def test_participant_without_a_preference_gets_the_conferences_main_language():
    conference = OpenConferenceFactory(languages=["es", "en"])
    participant = ParticipantFactory(delegation__conference=conference)

    (message,) = approve_and_send(participant)

    assert message.subject.startswith("Inscripción aprobada")


def test_invitation_goes_to_each_focal_point_in_their_language_with_a_link_in_it(
    conference,
):
    delegation = FocalPointFactory(
        delegation__conference=conference, email="ru@mission.example.org", preferred_language="ru"
    ).delegation
    FocalPointFactory(
        delegation=delegation, email="fr@mission.example.org", preferred_language="fr"
    )

    invitation_send(delegation=delegation, site_url="https://plenary.example.org/")
    tasks_run()

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == ["fr@mission.example.org", "ru@mission.example.org"]
    assert (
        "https://plenary.example.org/ru/invitation/" in by_recipient["ru@mission.example.org"].body
    )
    assert (
        "https://plenary.example.org/fr/invitation/" in by_recipient["fr@mission.example.org"].body
    )
    assert by_recipient["ru@mission.example.org"].subject.startswith("Приглашение")


def test_application_confirmation_is_in_the_applicants_language_with_a_link_in_it(
    conference,
):
    participant = ParticipantFactory.build(
        email="expert@university.example.org", preferred_language="ar"
    )

    application_create(
        conference=conference,
        participant=participant,
        kind="expert",
        site_url="https://plenary.example.org/",
    )
    tasks_run()

    (message,) = mail.outbox
    assert f"https://plenary.example.org/ar/{conference.slug}/apply/confirm/" in message.body
    assert '<html lang="ar" dir="rtl">' in message.alternatives[0][0]
    assert not latin_words(message.subject) - latin_words(conference.title)
