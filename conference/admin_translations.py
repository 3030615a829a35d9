"""Admin forms that show each text beside its translations, one box per language.

The fieldsets put a plain field and its translations on one line, ("title", "title_translations"),
so the admin lays them out side by side; this mixin gives the plain field its language in its
label and the translations one box for each other language of the conference.
"""

from django.conf import settings

from conference.translations import (
    SUFFIX,
    TranslationsFormField,
    language_name,
    offered_language_codes,
)


def translation_columns(
    *, languages: list[str] | None, stored: dict[str, str] | None = None
) -> list[str]:
    """The boxes to show beside a plain field: the languages after the main one, and any
    language a stored text is in although it is no longer one of them, so that the organiser
    sees it (the model's validation then asks to clear it); with `languages` unknown, every
    offered language but the site's default."""
    if languages is None:
        shown = [code for code in offered_language_codes() if code != settings.LANGUAGE_CODE]
    else:
        shown = list(languages[1:])
    shown += [code for code in stored or {} if code not in shown]
    return shown


class TranslationsAdminMixin:
    """For ModelAdmins of models with TranslationsFields."""

    def form_languages(self, request, obj) -> list[str] | None:
        """The languages the edited item is given in, main first; None when not known yet."""
        raise NotImplementedError

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        translations_form_setup(form, languages=self.form_languages(request, obj), obj=obj)
        return form


def translations_form_setup(form_class, *, languages: list[str] | None, obj=None) -> None:
    """Give the form class's translation fields their boxes, and each plain field its language."""
    fields = form_class.base_fields
    for name, field in list(fields.items()):
        if not isinstance(field, TranslationsFormField):
            continue
        stored = getattr(obj, name, None) if obj is not None else None
        fields[name] = TranslationsFormField(
            languages=translation_columns(languages=languages, stored=stored),
            max_length=field.max_length,
            multiline=field.multiline,
            label=field.label,
            help_text=field.help_text,
        )
        plain = fields.get(name.removesuffix(SUFFIX))
        if plain is not None and languages:
            plain.label = f"{plain.label} ({language_name(languages[0])})"
