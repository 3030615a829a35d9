"""Styles every page shares are written once, in static/css/plenary.css, which base.html loads
on every page: an app's stylesheet adds to them, never restates them."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

SHARED_RULES = [
    ".visually-hidden",
    ".messages",
    ".message",
    ".message-success",
    ".message-warning",
    ".message-error",
    ".errorlist",
]


def our_stylesheets() -> list[Path]:
    base = Path(settings.BASE_DIR)
    folders = [base / "static"] + [
        Path(app.path) / "static"
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(base) and ".venv" not in Path(app.path).parts
    ]
    return sorted(
        path.relative_to(base)
        for folder in folders
        for path in folder.rglob("*.css")
        if "vendor" not in path.parts
    )


def test_shared_styles_are_defined_only_in_plenary_css():
    base = Path(settings.BASE_DIR)
    # Not the admin's: it loads the theme's stylesheets, not plenary.css.
    texts = {
        path: (base / path).read_text()
        for path in our_stylesheets()
        if not path.name.startswith("admin-")
    }

    defined_in = {
        rule: [
            str(path)
            for path, text in texts.items()
            if re.search(rf"(^|[\s,]){re.escape(rule)}\s*[{{,]", text, re.MULTILINE)
        ]
        for rule in SHARED_RULES
    }

    assert len(texts) > 3
    assert defined_in == {rule: ["static/css/plenary.css"] for rule in SHARED_RULES}


# left/right in a property's name or value; a four-value margin or padding (its right and left).
PHYSICAL = re.compile(
    r"(?P<property>\b(?:margin|padding|border|inset)-(?:left|right)\b"
    r"|(?<![-\w])(?:left|right)\s*:"
    r"|\b(?:float|clear|text-align)\s*:\s*(?:left|right)\b"
    r"|\b(?:margin|padding)\s*:\s*[^;}\s]+\s+[^;}\s]+\s+[^;}\s]+\s+[^;}\s]+)"
)


def test_stylesheets_use_logical_directions_so_arabic_pages_mirror():
    base = Path(settings.BASE_DIR)
    physical = {
        str(path): match.group("property")
        for path in our_stylesheets()
        for match in PHYSICAL.finditer(
            re.sub(r"/\*.*?\*/", "", (base / path).read_text(), flags=re.S)
        )
    }

    assert physical == {}
