"""The translation catalogues are complete; the check that says so catches what it must."""

from pathlib import Path

import polib

from plenary.catalogues import catalogue_problems

PAGE = "app/templates/app/page.html"
CATALOGUE = "app/locale/fr/LC_MESSAGES/django.po"


def write_app(root: Path, template: str, entries: list[polib.POEntry]) -> None:
    """An app with one template and its French catalogue, compiled."""
    (root / PAGE).parent.mkdir(parents=True)
    (root / PAGE).write_text("{% load i18n %}" + template)
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Project-Id-Version": "Plenary",
        "PO-Revision-Date": "2026-12-07 05:00+0000",
        "Last-Translator": "Plenary",
        "Language-Team": "French",
        "Language": "fr",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    }
    catalogue.extend(entries)
    (root / CATALOGUE).parent.mkdir(parents=True)
    catalogue.save(str(root / CATALOGUE))
    catalogue.save_as_mofile(str(root / CATALOGUE.replace(".po", ".mo")))


def test_every_string_is_translated_into_every_language():
    assert catalogue_problems() == []


def test_a_complete_catalogue_passes(tmp_path):
    write_app(
        tmp_path,
        '{% translate "Agenda" %}',
        [polib.POEntry(msgid="Agenda", msgstr="Programme")],
    )

    assert catalogue_problems(tmp_path, ["fr"]) == []


def test_a_new_string_without_translation_fails(tmp_path):
    write_app(
        tmp_path,
        '{% translate "Agenda" %} {% translate "Speakers" %}',
        [polib.POEntry(msgid="Agenda", msgstr="Programme")],
    )

    assert catalogue_problems(tmp_path, ["fr"]) == [f"{CATALOGUE}: “Speakers” is not translated"]


def test_a_missing_plural_form_fails(tmp_path):
    write_app(
        tmp_path,
        "{% blocktranslate count counter=n %}One day{% plural %}{{ counter }} days"
        "{% endblocktranslate %}",
        [
            polib.POEntry(
                msgid="One day",
                msgid_plural="%(counter)s days",
                msgstr_plural={0: "Un jour", 1: ""},
                flags=["python-format"],
            )
        ],
    )

    assert f"{CATALOGUE}: “One day” is not translated" in catalogue_problems(tmp_path, ["fr"])


def test_a_fuzzy_translation_fails(tmp_path):
    write_app(
        tmp_path,
        '{% translate "Agenda" %}',
        [polib.POEntry(msgid="Agenda", msgstr="Programme", flags=["fuzzy"])],
    )

    assert catalogue_problems(tmp_path, ["fr"]) == [
        f"{CATALOGUE}: “Agenda” is fuzzy: check the translation, then remove the flag"
    ]


def test_a_translation_that_drops_a_placeholder_fails(tmp_path):
    write_app(
        tmp_path,
        "{% blocktranslate %}Dear {{ name }},{% endblocktranslate %}",
        [
            polib.POEntry(
                msgid="Dear %(name)s,", msgstr="Madame, Monsieur,", flags=["python-format"]
            )
        ],
    )

    problems = catalogue_problems(tmp_path, ["fr"])

    assert problems
    assert all(problem.startswith(f"{CATALOGUE}: malformed: ") for problem in problems)


def test_a_stale_compiled_catalogue_fails(tmp_path):
    write_app(
        tmp_path,
        '{% translate "Agenda" %}',
        [polib.POEntry(msgid="Agenda", msgstr="Programme")],
    )
    catalogue = polib.pofile(str(tmp_path / CATALOGUE))
    catalogue[0].msgstr = "Ordre du jour"
    catalogue.save()

    assert catalogue_problems(tmp_path, ["fr"]) == [
        f"{CATALOGUE}: the compiled django.mo differs from it: run make messages"
    ]


def test_a_string_no_longer_used_fails(tmp_path):
    write_app(
        tmp_path,
        '{% translate "Agenda" %}',
        [
            polib.POEntry(msgid="Agenda", msgstr="Programme"),
            polib.POEntry(msgid="Speakers", msgstr="Intervenants"),
        ],
    )

    assert catalogue_problems(tmp_path, ["fr"]) == [
        f"{CATALOGUE}: “Speakers” is no longer used: run make messages"
    ]


def test_a_string_translated_inside_an_f_string_fails(tmp_path):
    write_app(
        tmp_path, '{% translate "Agenda" %}', [polib.POEntry(msgid="Agenda", msgstr="Programme")]
    )
    (tmp_path / "app" / "views.py").write_text(
        "from django.utils.translation import gettext as _\n"
        "\n"
        "title = _('Agenda')\n"
        "heading = f'<h2>{title}</h2>'\n"
        "link = f'<a>{_(\"Back to the agenda\")}</a>'\n"
    )

    # gettext's extraction does not see the second string: the catalogue would never get it.
    assert catalogue_problems(tmp_path, ["fr"]) == [
        "app/views.py:5: a string translated inside an f-string is never extracted: "
        "translate it before"
    ]
