"""The theme's own words (docs/workspace.md §5): django-unfold 0.91 ships no translations,
so the words its pages show are listed here, for makemessages to put them in our catalogue,
whose translations gettext then finds for the theme's templates and code too. Never imported."""

from django.utils.translation import gettext_noop

THEME_WORDS = [
    gettext_noop("Filters"),
    gettext_noop("Apply Filters"),
    gettext_noop("Reset filters"),
    gettext_noop("Type to search"),
    gettext_noop("Select action"),
    gettext_noop("Select action to run"),
    gettext_noop("Select all rows"),
    gettext_noop("Select record"),
    gettext_noop("Select value"),
    gettext_noop("Expand row"),
    gettext_noop("General"),
    gettext_noop("Go back"),
    gettext_noop("Dark"),
    gettext_noop("Light"),
    gettext_noop("System"),
    gettext_noop("No results found"),
    gettext_noop("This page yielded into no results. Create a new item or reset your filters."),
    gettext_noop("True"),
    gettext_noop("False"),
    gettext_noop("Click to cancel"),
    gettext_noop("This item will be deleted."),
    gettext_noop("More actions"),
    gettext_noop("Click to download"),
]
