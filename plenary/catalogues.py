"""The translation catalogues, and the rule they keep: every string the code shows is translated
into every language, with nothing fuzzy or malformed, and the compiled catalogues match.

    python -m plenary.catalogues            checks (tests/plenary/test_catalogues.py runs it)
    python -m plenary.catalogues --update   `make messages`: extracts every string into the
                                            catalogues, compiles them, then checks

Each app keeps its strings in <app>/locale/<language>/LC_MESSAGES/django.po; the project's own
(plenary/, templates/) are in locale/. The check extracts the strings afresh (makemessages) into
a copy of the tree, so it never changes the working tree: a string added to the code without
its translations fails it, naming the catalogue and the string. English is the source language
and has no catalogue. The compiled .mo files are committed: a server runs the tree as it is
checked out, with no gettext tools and no build step.
"""

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils.translation import to_locale

ROOT = Path(__file__).resolve().parent.parent
# Folders whose strings are not the interface's; dot-folders (.venv, .git) are skipped anyway.
NOT_SCANNED = ["tests", "bench", "docs", "requirements", "media", "private_media", "staticfiles"]


# The plural rules our translators write to (CLDR's, as gettext spells them). makemessages
# copies Django's own rules into a new catalogue, and some differ (Spanish with three forms,
# Russian with four): every catalogue is set to these.
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5;",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<12 || n%100>14) ? 1 : 2);",
    "zh_Hans": "nplurals=1; plural=0;",
}


def catalogue_languages() -> list[str]:
    """The locale names of every language but the source one, e.g. ["ar", "zh_Hans", …]."""
    return [to_locale(code) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogues_extract(root: Path, languages: list[str]) -> None:
    """makemessages for every app and the project under `root`, in place."""
    with override_settings(LOCALE_PATHS=[root / "locale"]), contextlib.chdir(root):
        call_command(
            "makemessages",
            locale=languages,
            ignore_patterns=NOT_SCANNED,
            no_obsolete=True,
            # Files without line numbers: a translator still sees where a string is used, and
            # a change elsewhere in the file leaves the catalogues alone.
            add_location="file",
            verbosity=0,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def catalogues_plural_forms_set(root: Path) -> None:
    """Give every catalogue under `root` the plural rule of PLURAL_FORMS for its language."""
    for po_file in sorted(root.glob("**/locale/*/LC_MESSAGES/django.po")):
        language = po_file.parts[-3]
        if ".venv" in po_file.parts or language not in PLURAL_FORMS:
            continue
        catalogue = polib.pofile(str(po_file))
        if catalogue.metadata.get("Plural-Forms") != PLURAL_FORMS[language]:
            catalogue.metadata["Plural-Forms"] = PLURAL_FORMS[language]
            catalogue.save(str(po_file))


def _plural_forms_problems(name: str, language: str, po_file: Path) -> list[str]:
    found = polib.pofile(str(po_file)).metadata.get("Plural-Forms")
    if language in PLURAL_FORMS and found != PLURAL_FORMS[language]:
        return [f"{name}: its plural rule is not {PLURAL_FORMS[language]}: run make messages"]
    return []


def catalogues_compile(root: Path) -> None:
    with contextlib.chdir(root):
        call_command("compilemessages", ignore_patterns=[".*", *NOT_SCANNED], verbosity=0)


def _translations(entries) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """(context, msgid): the translation's forms, of the entries that are translated."""
    translations = {}
    for entry in entries:
        forms = (
            tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else (entry.msgstr,)
        )
        if entry.msgid and all(forms) and "fuzzy" not in entry.flags and not entry.obsolete:
            translations[(entry.msgctxt, entry.msgid)] = forms
    return translations


def _entry_problems(name: str, extracted: polib.POFile, committed: Path) -> list[str]:
    problems = []
    for entry in extracted:
        if entry.obsolete:
            continue
        label = f"“{entry.msgid}”" + (f" (context “{entry.msgctxt}”)" if entry.msgctxt else "")
        if "fuzzy" in entry.flags:
            problems.append(
                f"{name}: {label} is fuzzy: check the translation, then remove the flag"
            )
        elif not entry.translated():
            problems.append(f"{name}: {label} is not translated")
    if committed.exists():
        used = {(entry.msgctxt, entry.msgid) for entry in extracted}
        for entry in polib.pofile(str(committed)):
            if not entry.obsolete and (entry.msgctxt, entry.msgid) not in used:
                problems.append(f"{name}: “{entry.msgid}” is no longer used: run make messages")
    return problems


def _format_problems(name: str, po_file: Path) -> list[str]:
    checked = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
    )
    if checked.returncode == 0:
        return []
    return [f"{name}: malformed: {line}" for line in checked.stderr.splitlines() if line.strip()]


def _compiled_problems(name: str, committed: Path) -> list[str]:
    compiled = committed.with_suffix(".mo")
    if not committed.exists():
        return [f"{name}: missing: run make messages"]
    if not compiled.exists():
        return [f"{name}: not compiled: run make messages"]
    po_translations = _translations(polib.pofile(str(committed)))
    mo_translations = _translations(polib.mofile(str(compiled)))
    if po_translations != mo_translations:
        return [f"{name}: the compiled {compiled.name} differs from it: run make messages"]
    return []


# gettext's extraction does not look inside f-strings: a string translated there never reaches
# the catalogues, shows in English in every language, and no other check notices it missing.
_TRANSLATION_CALL = re.compile(r"\{\s*(?:_|[np]?gettext|npgettext)(?:_lazy)?\(")


def _translated_in_f_string_problems(root: Path) -> list[str]:
    problems = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and name not in (*NOT_SCANNED, "__pycache__")
        )
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = Path(folder) / name
            with path.open("rb") as source:
                for token in tokenize.tokenize(source.readline):
                    prefix = token.string[
                        : len(token.string) - len(token.string.lstrip("rRbBfFuU"))
                    ]
                    if (
                        token.type == tokenize.STRING
                        and "f" in prefix.lower()
                        and _TRANSLATION_CALL.search(token.string)
                    ):
                        problems.append(
                            f"{path.relative_to(root)}:{token.start[0]}: a string translated "
                            "inside an f-string is never extracted: translate it before"
                        )
    return problems


def catalogue_problems(root: Path = ROOT, languages: list[str] | None = None) -> list[str]:
    """What is wrong with the catalogues under `root`, one line each; empty when all is well."""
    languages = languages or catalogue_languages()
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "tree"
        shutil.copytree(
            root,
            copy,
            ignore=shutil.ignore_patterns(".*", "__pycache__", "*.mo", *NOT_SCANNED),
        )
        catalogues_extract(copy, languages)
        problems = []
        for po_file in sorted(copy.glob("**/locale/*/LC_MESSAGES/django.po")):
            relative = po_file.relative_to(copy)
            if relative.parts[-3] not in languages:
                continue
            committed = root / relative
            name = str(relative)
            problems += _compiled_problems(name, committed)
            problems += _format_problems(name, committed if committed.exists() else po_file)
            if committed.exists():
                problems += _plural_forms_problems(name, relative.parts[-3], committed)
            problems += _entry_problems(name, polib.pofile(str(po_file)), committed)
    return problems + _translated_in_f_string_problems(root)


def main() -> int:
    if "--update" in sys.argv[1:]:
        catalogues_extract(ROOT, catalogue_languages())
        catalogues_plural_forms_set(ROOT)
        catalogues_compile(ROOT)
    problems = catalogue_problems()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problems in the translation catalogues (docs/languages.md).")
        return 1
    print("The translation catalogues are complete.")
    return 0


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    django.setup()
    sys.exit(main())
