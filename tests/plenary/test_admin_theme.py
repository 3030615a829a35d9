"""The admin's theme (docs/workspace.md §5): our copies of django-unfold's templates are of
the templates the installed unfold ships (moving the pin to a release that changed one of
them fails here, to copy it again and make our change again), and what the site's
register() gives every admin reaches its inlines."""

import hashlib
from pathlib import Path

import pytest
import unfold
from django.conf import settings
from django.contrib import admin

from accreditation.models import Entry
from delegations.models import Participant
from plenary.admin_site import themed_inline

# Each template we copy, with the SHA-256 (its first 16 digits) of unfold 0.91's own.
COPIED = {
    "unfold/layouts/skeleton.html": "66af9f0bb45f98ba",
    "unfold/helpers/welcomemsg.html": "e8eab02522ba2319",
    "unfold/helpers/navigation.html": "fd819dae3473c0be",
    "unfold/helpers/navigation_user.html": "4c9ba58b3f215326",
    "unfold/helpers/edit_inline/tabular_field.html": "ab1aab4fedf9f270",
    "unfold/helpers/edit_inline/tabular_heading.html": "eef46d03bc1655ad",
    "unfold/helpers/edit_inline/tabular_table.html": "57d22471b10cefc8",
    "admin/change_form.html": "e9824d4d8a447d97",
    "admin/actions.html": "b5332aace8e69192",
    "admin/base.html": "2ce9250b3c649e3a",
    "admin/app_list.html": "036d034289a0c908",
}
UNFOLD_TEMPLATES = Path(unfold.__file__).parent / "templates"


@pytest.mark.parametrize("template", COPIED)
def test_each_copied_template_is_of_the_installed_unfolds(template):
    theirs = hashlib.sha256((UNFOLD_TEMPLATES / template).read_bytes()).hexdigest()
    assert theirs[:16] == COPIED[template], f"unfold changed {template}: copy it again"
    assert (settings.BASE_DIR / "templates" / template).exists()


def test_every_template_of_ours_named_like_unfolds_is_a_listed_copy():
    ours = settings.BASE_DIR / "templates"
    shadowing = {
        str(path.relative_to(ours))
        for path in ours.rglob("*.html")
        if (UNFOLD_TEMPLATES / path.relative_to(ours)).exists()
    }
    assert shadowing == set(COPIED)


@pytest.mark.django_db
def test_inline_rows_name_their_date_and_time_inputs_after_their_field(rf, admin_user):
    """As the main forms do ("Entered at: date"), where the theme's inputs have no label of
    their own; for every inline an admin of the site has (none of ours edits a time yet)."""

    class EntryInline(admin.TabularInline):
        model = Entry
        fields = ["entered_at"]

    request = rf.get("/")
    request.user = admin_user
    request.session = {}
    inline = themed_inline(EntryInline)(Participant, admin.site)

    field = inline.get_formset(request).form.base_fields["entered_at"]

    date, time = field.widget.widgets
    assert date.attrs["aria-label"] == "Entered at: date"
    assert time.attrs["aria-label"] == "Entered at: time"


@pytest.mark.django_db
def test_the_themes_own_words_are_translated(admin_client):
    """unfold ships no translations: ours (plenary/theme_words.py) stand in for them."""
    response = admin_client.get("/ar/admin/delegations/participant/")

    assert "عوامل التصفية" in response.text  # "Filters"
    assert "اكتب للبحث" in response.text  # "Type to search"
    assert "Type to search" not in response.text
