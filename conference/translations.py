"""Content in several languages: a conference's, session's, track's or room's texts.

Each translatable text keeps its plain column, which holds it in the conference's first (main)
language, and gets a JSON column beside it, `<field>_translations`, with the other languages:
`title = "Medical capabilities"`, `title_translations = {"fr": "Capacités médicales"}`. Reading
`translated_title` gives the text in the active language, else the plain column: the fallback
to the main language is the column itself, so it needs neither the conference nor a query.

Why JSON in the row rather than django-modeltranslation or django-parler:
- a conference chooses its own languages, the first being its fallback; modeltranslation adds
  one column per language in settings.LANGUAGES (a migration whenever that list changes, six
  times every text field) with one global fallback order, and parler's fallbacks are global too;
- parler keeps translations in a table per model: every agenda, feed and API response would
  join or prefetch it for sessions, tracks, rooms and the conference, and the public pages'
  query counts and render time (500 sessions) would grow; one JSON column keeps one row per
  session and costs nothing to read;
- PostgreSQL searches and indexes JSON values with each language's text search configuration
  (sessions/search.py), which a join table would complicate.
What it costs: the admin widget below, and the fallback rule, both small.
"""

import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conference.languages import list_separator

SUFFIX = "_translations"


# Each language named in the reader's language, for labels and sentences ("English, interpreted
# into French"); settings.LANGUAGES names each in itself, as the language switcher shows them.
LANGUAGE_NAMES_TRANSLATED = {
    "ar": _("Arabic"),
    "zh-hans": _("Chinese"),
    "en": _("English"),
    "fr": _("French"),
    "ru": _("Russian"),
    "es": _("Spanish"),
}


def language_name(code: str) -> str:
    """The language's name in the active language: "French" in English, "Français" in French."""
    return str(LANGUAGE_NAMES_TRANSLATED.get(code, code))


def language_list(codes: list[str]) -> str:
    """The languages' names in the active language, with its list separator."""
    return list_separator().join(language_name(code) for code in codes)


class LanguageNames(dict):
    """Language names by code, in the active language, each looked up once: for a page that
    names the languages of hundreds of sessions."""

    def __missing__(self, code: str) -> str:
        self[code] = language_name(code)
        return self[code]


def offered_language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def fold(text: str) -> str:
    """`text` as search compares it: casefolded, without accents or (Arabic) vowel marks."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def text_in_language(plain: str, translations: dict[str, str], language: str | None) -> str:
    """The text in `language` if it was given in it, else the plain (main-language) text."""
    return translations.get(language, plain) if language else plain


class Translated:
    """`translated_title = Translated("title")`: the title in the active language, falling back
    to the plain field, which holds the conference's main language."""

    def __init__(self, field: str) -> None:
        self.field = field
        self.translations = field + SUFFIX

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return text_in_language(
            getattr(instance, self.field), getattr(instance, self.translations), get_language()
        )


class TranslationsAreTexts(models.Func):
    """A translations column holds an object of non-empty strings: {"fr": "…", "ar": "…"}."""

    template = (
        "(jsonb_typeof(%(expressions)s) = 'object' AND NOT jsonb_path_exists("
        '%(expressions)s, \'$.* ? (@.type() != "string" || @ == "")\'))'
    )
    output_field = models.BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        # The template names the column twice, so its parameters (a value, when Django checks
        # the constraint before saving) are needed twice.
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return self.template % {"expressions": sql}, (*params, *params)


def validate_translation_lengths(translations: dict[str, str], max_length: int | None) -> None:
    if max_length is None:
        return
    too_long = [code for code, text in translations.items() if len(text) > max_length]
    if too_long:
        raise ValidationError(
            _("At most %(max)s characters, in: %(languages)s."),
            code="max_length",
            params={
                "max": max_length,
                "languages": language_list(too_long),
            },
        )


def translations_constraint(field: str, *, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=TranslationsAreTexts(models.F(field)),
        name=name,
        violation_error_message=_("Translations must be texts, one per language."),
    )


class TranslationsWidget(forms.MultiWidget):
    """One box per language, side by side, each marked with its language for spell-checkers,
    screen readers and right-to-left scripts."""

    template_name = "conference/widgets/translations.html"

    class Media:
        css = {"all": ["css/admin-translations.css"]}

    def __init__(
        self, *, languages: list[str], multiline: bool, max_length: int | None, attrs=None
    ) -> None:
        self.languages = languages
        box = forms.Textarea if multiline else forms.TextInput
        box_attrs = {"dir": "auto"}
        if multiline:
            box_attrs["rows"] = 4
        if max_length:
            box_attrs["maxlength"] = max_length
        # Named by language (title_translations_fr), not by position: a text typed into the
        # French box stays French even if the conference's languages change meanwhile.
        widgets = {code: box(attrs={"lang": code, **box_attrs}) for code in languages}
        super().__init__(widgets, attrs)

    def decompress(self, value: dict[str, str] | None) -> list[str]:
        value = value or {}
        return [value.get(code, "") for code in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for code, subwidget in zip(self.languages, context["widget"]["subwidgets"], strict=True):
            subwidget["language_name"] = language_name(code)
        return context


class TranslationsFormField(forms.MultiValueField):
    """A text in each of `languages`; cleans to {code: text} without the empty ones."""

    def __init__(
        self,
        *,
        languages: list[str],
        max_length: int | None = None,
        multiline: bool = False,
        **kwargs,
    ) -> None:
        self.languages = languages
        self.max_length = max_length
        self.multiline = multiline
        fields = [forms.CharField(required=False) for _code in languages]
        # Every translation may be left out: the text is then shown in the main language.
        kwargs["required"] = False
        super().__init__(
            fields=fields,
            widget=TranslationsWidget(
                languages=languages, multiline=multiline, max_length=max_length
            ),
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> dict[str, str]:
        translations = {
            code: text.strip()
            for code, text in zip(self.languages, data_list, strict=False)
            if text and text.strip()
        }
        # Here, not on each box, so that the message names the language.
        validate_translation_lengths(translations, self.max_length)
        return translations


class TranslationsField(models.JSONField):
    """A text's other languages, {language code: text}, beside its plain (main-language) field.

    Its form field shows every offered language but the site's default; admins that know the
    conference narrow that to the conference's languages (conference/admin_translations.py).
    """

    def __init__(
        self, *args, max_length: int | None = None, multiline: bool = False, **kwargs
    ) -> None:
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)
        # After Field.__init__, which sets its own max_length (None for JSON).
        self.max_length = max_length
        self.multiline = multiline

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.max_length is not None:
            kwargs["max_length"] = self.max_length
        if self.multiline:
            kwargs["multiline"] = True
        return name, path, args, kwargs

    def validate(self, value, model_instance) -> None:
        super().validate(value, model_instance)
        if not isinstance(value, dict) or not all(
            isinstance(text, str) and text for text in value.values()
        ):
            raise ValidationError(_("Give each translation as a text."), code="invalid")
        validate_translation_lengths(value, self.max_length)

    def formfield(self, **kwargs):
        languages = [code for code in offered_language_codes() if code != settings.LANGUAGE_CODE]
        # A box per language is the widget: an admin theme's widget for JSON fields is not.
        kwargs.pop("widget", None)
        # Not JSONField.formfield: organisers type texts, not JSON. No hidden initial either
        # (a callable default asks for one), which a box per language has no use for.
        return models.Field.formfield(
            self,
            **{
                "form_class": TranslationsFormField,
                "languages": languages,
                "max_length": self.max_length,
                "multiline": self.multiline,
                "show_hidden_initial": False,
                **kwargs,
            },
        )


NOT_A_CONFERENCE_LANGUAGE = _(
    "Not a language of the conference: %(languages)s. Clear these texts, or add the language "
    "to the conference."
)


def translation_errors(
    instance: models.Model,
    *,
    languages: list[str],
    main: str | None = None,
    message: str = NOT_A_CONFERENCE_LANGUAGE,
) -> dict[str, ValidationError]:
    """A field error for each translations field of `instance` with a text in a language that
    is not in `languages`, or in the `main` language, whose text is the plain field's."""
    errors = {}
    for field in instance._meta.get_fields():
        if not isinstance(field, TranslationsField):
            continue
        value = getattr(instance, field.name)
        if not isinstance(value, dict):
            continue  # the field's own validation reports it
        outside = [code for code in value if code not in languages]
        if outside:
            errors[field.name] = ValidationError(
                message,
                code="not_a_language_of_the_conference",
                params={"languages": language_list(outside)},
            )
        elif main in value:
            errors[field.name] = ValidationError(
                _(
                    "%(language)s is the main language: its text goes in the main box, "
                    "beside this one."
                ),
                code="main_language",
                params={"language": language_name(main)},
            )
    return errors
