"""`{% language_switcher %}`: the page in each language offered, each named in itself; lists
written with the active language's separator: `{{ items|join_list }}`, `{% list_separator %}`."""

from collections.abc import Iterable

from django import template
from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext

from conference.languages import LANGUAGE_NAMES, language_path

register = template.Library()


@register.simple_tag
def list_separator() -> str:
    """What separates the items of a list: ", " in English, "، " in Arabic, "、" in Chinese."""
    return pgettext("separator between the items of a list", ", ")


@register.filter(is_safe=True)
def join_list(items: Iterable) -> SafeString:
    """The items, escaped, joined with the active language's list separator."""
    return mark_safe(
        conditional_escape(list_separator()).join(conditional_escape(item) for item in items)
    )


@register.inclusion_tag("conference/_language_switcher.html", takes_context=True)
def language_switcher(context: template.Context, *, every_language: bool = False) -> dict:
    """Links to this page (same path, same query) in the languages of the page's conference,
    or in every language on pages of no conference and with `every_language` (staff pages)."""
    conference = context.get("conference")
    if conference is None or every_language:
        codes = [code for code, _name in settings.LANGUAGES]
    else:
        codes = conference.languages
    request, current = context["request"], get_language()
    return {
        "languages": [
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": language_path(request, code),
                "current": code == current,
            }
            for code in codes
        ]
    }
