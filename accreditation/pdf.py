"""Render a Django template to PDF with WeasyPrint: fonts are shaped (HarfBuzz) and embedded.

Fonts: DejaVu Sans covers Latin, Cyrillic and Arabic; WenQuanYi Micro Hei covers Chinese
(installed by the Makefile). Stylesheets live under accreditation/static/accreditation/.
"""

import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# WeasyPrint reports every layout step at INFO level, from import on: noise in the server's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def pdf_render(*, template: str, context: dict, stylesheet: str, extra_css: str = "") -> bytes:
    """`extra_css` carries per-conference rules (badge colours) on top of `stylesheet`."""
    # Imported here, not at the top: it takes over a second, and every process (each gunicorn
    # worker, each manage.py command) loads this module while only PDF-making ones need it.
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    stylesheets = [CSS(filename=finders.find(stylesheet)), CSS(string=extra_css)]
    return HTML(string=html).write_pdf(stylesheets=stylesheets)
