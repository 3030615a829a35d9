"""Text people type holds no control characters (U+0000–U+001F): a single-line field none at
all, a text area only tabs and line breaks. They have no business in names or descriptions,
and they break what the text ends up in (XLSX and XML files refuse them, PostgreSQL refuses
NUL). Every model of ours with typed text refuses them through ControlCharactersRefused, form
fields that are no model's take the validators, and output drops them from older data.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

SINGLE_LINE_CONTROLS = re.compile(r"[\x00-\x1f]")
# A text area keeps tab (\t), line feed (\n) and carriage return (\r: browsers send \r\n).
TEXT_AREA_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MESSAGE = _("Remove the control characters (such as %(example)s) from this text.")


def _refuse(pattern: re.Pattern, value: str) -> None:
    if match := pattern.search(value):
        raise ValidationError(
            MESSAGE, code="control_characters", params={"example": f"U+{ord(match[0]):04X}"}
        )


def validate_single_line(value: str) -> None:
    _refuse(SINGLE_LINE_CONTROLS, value)


def validate_text_area(value: str) -> None:
    _refuse(TEXT_AREA_CONTROLS, value)


def without_control_characters(text: str) -> str:
    """`text` without the control characters a text area may not hold."""
    return TEXT_AREA_CONTROLS.sub("", text)


class ControlCharactersRefused:
    """Model mixin: full_clean() refuses control characters in every text field, a
    TextField being a text area and any other CharField a single line."""

    def clean_fields(self, exclude=None) -> None:
        exclude = set(exclude or ())
        try:
            super().clean_fields(exclude=exclude)
            errors = {}
        except ValidationError as error:
            errors = error.error_dict
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if (
                not isinstance(field, models.CharField | models.TextField)
                or not isinstance(value, str)
                or field.name in exclude | errors.keys()
            ):
                continue
            text_area = isinstance(field, models.TextField)
            try:
                (validate_text_area if text_area else validate_single_line)(value)
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
