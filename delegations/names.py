"""People's names as their owners write them: in Latin letters, in the order they use, and in
their own script. One rule prints them everywhere (badges, lists, the check-in card, e-mails).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class NameOrder(models.TextChoices):
    GIVEN_FIRST = "given_first", _("Given name first (Anna Lindqvist)")
    FAMILY_FIRST = "family_first", _("Family name first (WANG Wei)")


def validate_latin_letters(value: str) -> None:
    """Refuse letters of any script but Latin: accents, hyphens and apostrophes are welcome."""
    foreign = [
        character
        for character in value
        if character.isalpha()
        # Modifier letters, such as the Hawaiian okina, belong to no script.
        and unicodedata.category(character) != "Lm"
        and not unicodedata.name(character, "").startswith("LATIN ")
    ]
    if foreign:
        raise ValidationError(
            _(
                "Write this name in Latin letters, as in the passport; the name in its own "
                "script goes in “Name in own script”."
            ),
            code="not_latin",
        )


def name_in_latin_letters(*, given_name: str, family_name: str, name_order: str) -> str:
    """The name as printed in Latin letters: “WANG Wei” when the family name comes first (in
    capitals, so that nobody takes it for a given name), “Anna Lindqvist” otherwise."""
    if name_order == NameOrder.FAMILY_FIRST:
        first, last = family_name.upper(), given_name
    else:
        first, last = given_name, family_name
    # Not " ".join() over the non-empty parts: the programme names 800 speakers per response.
    return f"{first} {last}" if first and last else first or last


class PersonName(models.Model):
    """How a person's name is printed; the model declares honorific, given_name and
    family_name (in Latin letters)."""

    name_order = models.CharField(
        _("name order"),
        max_length=20,
        choices=NameOrder.choices,
        default=NameOrder.GIVEN_FIRST,
        help_text=_(
            "The order the person uses. Chinese, Japanese, Korean, Hungarian and Vietnamese "
            "names usually put the family name first; it is then printed in capitals."
        ),
    )
    own_script_name = models.CharField(
        _("name in own script"),
        max_length=300,
        blank=True,
        help_text=_(
            "The full name as its owner writes it, if that is not in Latin letters, e.g. 王伟, "
            "محمد الحسيني or Александр Смирнов. Printed as written, beside the Latin name."
        ),
    )

    class Meta:
        abstract = True

    @property
    def full_name(self) -> str:
        return name_in_latin_letters(
            given_name=self.given_name, family_name=self.family_name, name_order=self.name_order
        )

    @property
    def name_with_honorific(self) -> str:
        return " ".join(part for part in (self.honorific, self.full_name) if part)

    @property
    def display_name(self) -> str:
        """Both forms on one line: “H.E. WANG Wei (王伟)”.

        The own-script name is a bidirectional isolate (U+2068 … U+2069), in plain text and
        HTML alike: Arabic runs right to left inside it without moving the brackets around it.
        """
        if self.own_script_name:
            return f"{self.name_with_honorific} (\u2068{self.own_script_name}\u2069)"
        return self.name_with_honorific
