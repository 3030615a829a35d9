"""Render a Django template to PDF with WeasyPrint: fonts are shaped (HarfBuzz) and embedded.

Fonts: DejaVu Sans covers Latin, Cyrillic and Arabic; WenQuanYi Micro Hei covers Chinese
(installed by the Makefile). Each app keeps its PDFs' stylesheets in its own static folder
(accreditation/static/accreditation/, diplomacy/static/diplomacy/); shared by the features that
make PDFs (badges, the List of Participants, notes verbales, the credentials report).

WeasyPrint is imported inside the functions, not at the top: it takes over a second, and
every process (each gunicorn worker, each manage.py command) loads this module while only
PDF-making ones need it.
"""

import functools
import logging
import os
from typing import TYPE_CHECKING

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from weasyprint import CSS, Document

# WeasyPrint reports every layout step at INFO level, from import on: noise in the server's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@functools.lru_cache(maxsize=8)
def _stylesheet(path: str, modified: float) -> "CSS":
    """The parsed stylesheet, kept while its file is unchanged: parsing it takes longer than
    laying out a badge, and the worker renders hundreds in a row."""
    from weasyprint import CSS

    return CSS(filename=path)


def pdf_layout(*, template: str, context: dict, stylesheet: str, extra_css: str = "") -> "Document":
    """The laid-out pages, not yet written; `extra_css` carries per-conference rules (badge
    colours) on top of `stylesheet`."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    path = finders.find(stylesheet)
    stylesheets = [_stylesheet(path, os.stat(path).st_mtime), CSS(string=extra_css)]
    return HTML(string=html).render(stylesheets=stylesheets)


def pdf_render(*, template: str, context: dict, stylesheet: str, extra_css: str = "") -> bytes:
    return pdf_layout(
        template=template, context=context, stylesheet=stylesheet, extra_css=extra_css
    ).write_pdf()


def pdf_join(documents: list["Document"]) -> bytes:
    """One PDF of the pages of `documents`, laid out apart (to report progress), in order."""
    return (
        documents[0].copy([page for document in documents for page in document.pages]).write_pdf()
    )
