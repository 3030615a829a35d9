"""How a person's name is printed: Latin letters in the person's order, the own script as
written; and what the Latin name fields accept."""

import pytest
from django.core.exceptions import ValidationError

from delegations.models import Participant
from delegations.names import NameOrder, name_in_latin_letters, validate_latin_letters
from sessions.models import Speaker


@pytest.mark.parametrize(
    ("given_name", "family_name", "name_order", "printed"),
    [
        ("Wei", "Wang", NameOrder.FAMILY_FIRST, "WANG Wei"),
        ("Tomohiro", "Nakamura", NameOrder.FAMILY_FIRST, "NAKAMURA Tomohiro"),
        ("Min-jun", "Kim", NameOrder.FAMILY_FIRST, "KIM Min-jun"),
        ("Péter", "Nagy", NameOrder.FAMILY_FIRST, "NAGY Péter"),
        ("Văn Minh", "Nguyễn", NameOrder.FAMILY_FIRST, "NGUYỄN Văn Minh"),
        ("Anna", "Lindqvist", NameOrder.GIVEN_FIRST, "Anna Lindqvist"),
        ("Jean-Pierre", "Lacroix", NameOrder.GIVEN_FIRST, "Jean-Pierre Lacroix"),
        ("", "Minister of Defence", NameOrder.GIVEN_FIRST, "Minister of Defence"),
        ("", "Wang", NameOrder.FAMILY_FIRST, "WANG"),
    ],
)
def test_name_in_latin_letters_follows_the_persons_order(
    given_name, family_name, name_order, printed
):
    assert (
        name_in_latin_letters(given_name=given_name, family_name=family_name, name_order=name_order)
        == printed
    )


def test_participant_prints_wang_wei_and_the_own_script_as_written_never_the_reverse():
    participant = Participant(
        honorific="H.E.",
        given_name="Wei",
        family_name="Wang",
        name_order=NameOrder.FAMILY_FIRST,
        own_script_name="王伟",
    )

    assert participant.full_name == "WANG Wei"
    assert participant.name_with_honorific == "H.E. WANG Wei"
    assert participant.display_name == "H.E. WANG Wei (\u2068王伟\u2069)"
    assert str(participant) == participant.display_name
    assert "伟 王" not in participant.display_name


def test_participant_without_an_own_script_name_prints_the_latin_name_alone():
    participant = Participant(given_name="Amina", family_name="Diallo")

    assert participant.display_name == "Amina Diallo"
    assert participant.name_order == NameOrder.GIVEN_FIRST


def test_speaker_prints_its_name_by_the_same_rule():
    speaker = Speaker(
        honorific="Col.",
        given_name="Tomohiro",
        family_name="Nakamura",
        name_order=NameOrder.FAMILY_FIRST,
        own_script_name="中村智宏",
    )

    assert speaker.name_with_honorific == "Col. NAKAMURA Tomohiro"
    assert str(speaker) == "Col. NAKAMURA Tomohiro (\u2068中村智宏\u2069)"


@pytest.mark.parametrize(
    "name",
    ["Amina", "Núñez-Ångström", "O'Brien", "Yılmaz", "Nguyễn", "Đức Anh", "Kaʻiulani", "Zoë 🌍"],  # noqa: RUF001
)
def test_validate_latin_letters_accepts_latin_with_accents_and_punctuation(name):
    validate_latin_letters(name)


@pytest.mark.parametrize(
    "name", ["王", "Ольга", "محمد", "Γιώργος", "김", "さくら", "Olga Кузнецова"]
)
def test_validate_latin_letters_refuses_any_other_script(name):
    with pytest.raises(ValidationError) as error:
        validate_latin_letters(name)

    assert error.value.code == "not_latin"


@pytest.mark.django_db
def test_participant_full_clean_names_the_field_in_another_script():
    participant = Participant(given_name="伟", family_name="Wang", email="wang@example.org")

    with pytest.raises(ValidationError) as error:
        participant.full_clean(exclude=["conference", "delegation", "photo"])

    assert list(error.value.message_dict) == ["given_name"]
