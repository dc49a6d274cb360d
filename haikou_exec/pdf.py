"""PDFs, one way for every app: WeasyPrint with the bundled Chinese font
(settings.CJK_FONT_PATH), assets read from the project, the text in Chinese
whatever the reader's interface language (court documents, assessment and
supervision exports). Never called under a row lock: a document takes a second
or more (cases.services.documents.render_then_store;
tests/platform/test_no_pdf_under_lock.py)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override


def html_to_pdf(html: str) -> bytes:
    """HTML to PDF with WeasyPrint, assets read from the project."""
    from weasyprint import HTML  # heavy: loaded when a PDF is made

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def render_pdf(template: str, context: dict) -> bytes:
    """``template`` rendered in Chinese as a PDF; the context gets the font
    (``font_url``) and the day it is printed (``printed_on``)."""
    with override("zh-hans"):
        html = render_to_string(
            template,
            {
                **context,
                "font_url": settings.CJK_FONT_PATH.as_uri(),
                "printed_on": timezone.localdate(),
            },
        )
    return html_to_pdf(html)
