"""Countries in forms and models, without rebuilding the list of 249 on every use.

Django keeps a model field's or a form field's callable choices lazy and normalises them
anew each time they are read: checking one nationality walked and rebuilt the whole list,
three times per registration (the form, the model in the form, the model in the service),
about 6 ms of CPU. Here a model field checks a code with a dictionary lookup, and a form
gets the list once per process and language.
"""

import functools

from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.choices import BaseChoiceIterator
from django_countries import fields

from conference.collation import countries_in_order


class FrozenChoices(BaseChoiceIterator):
    """Choices made once, already in Django's normal form: fields and widgets take them as
    they are, and a form's copy of its fields shares them instead of copying them."""

    def __init__(self, choices) -> None:
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)

    def __deepcopy__(self, memo) -> "FrozenChoices":
        return self

    def __copy__(self) -> "FrozenChoices":
        # A choice widget copies its choices (shallowly) for every form too.
        return self


@functools.cache
def country_choices(language_code: str) -> FrozenChoices:
    """A blank choice, then every country as (code, name in `language_code`) in that
    language's alphabetical order; one query per process and language (the names come with
    the code, the order from PostgreSQL's ICU collation: neither changes while it runs)."""
    return FrozenChoices([*BLANK_CHOICE_DASH, *countries_in_order(language_code)])


class CountryField(fields.CountryField):
    """django-countries' field, checking a value with a dictionary lookup."""

    def validate(self, value, model_instance) -> None:
        if self.multiple or not self.editable:
            super().validate(value, model_instance)
            return
        if value in self.empty_values:
            if not self.blank:
                raise ValidationError(self.error_messages["blank"], code="blank")
            return
        if value not in self.countries:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )

    def deconstruct(self):
        # Only the check differs: the column and the migrations are django-countries' field's.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django_countries.fields.CountryField", args, kwargs
