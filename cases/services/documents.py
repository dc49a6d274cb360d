"""Documents rendered to PDF with WeasyPrint from templates, with the court's
heading and an embedded Chinese font, saved into the dossier (DOMAIN.md §2)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cases.choices import CompletionEvent, DocumentKind, DossierCategory, PartyRole
from cases.models import GeneratedDocument
from cases.services.common import ensure_can_change, lock_case
from cases.services.dossier import add_generated_file
from cases.services.nodes import complete_nodes
from haikou_exec.pdf import html_to_pdf

S = TypeVar("S")
R = TypeVar("R")
# Tries before a document whose rows keep changing is refused as stale.
RENDER_ATTEMPTS = 3
TEMPLATES = {
    DocumentKind.ENFORCEMENT_NOTICE: "cases/documents/enforcement_notice.html",
    DocumentKind.PROPERTY_REPORT_ORDER: "cases/documents/property_report_order.html",
    DocumentKind.CONSUMPTION_RESTRICTION_ORDER: "cases/documents/consumption_restriction_order.html",
    DocumentKind.CLOSING_NOTICE: "cases/documents/closing_notice.html",
    # Issued by the release of the measure (cases.services.releases), not on their own.
    DocumentKind.DISHONEST_REMOVAL: "cases/documents/dishonest_removal.html",
    DocumentKind.RESTRICTION_LIFTED: "cases/documents/restriction_lifted.html",
}
RELEASE_KINDS = frozenset({DocumentKind.DISHONEST_REMOVAL, DocumentKind.RESTRICTION_LIFTED})


def document_html(kind: str, case, *, issued_on, measure=None) -> str:
    """A court document of ``kind`` for the case as HTML, in Chinese (DOMAIN.md §2 "Enforcement
    measures and documents")."""
    context = {
        "case": case,
        "court": case.court,
        "applicants": [p for p in case.parties.all() if p.role == PartyRole.APPLICANT],
        "respondents": [p for p in case.parties.all() if p.role == PartyRole.RESPONDENT],
        "issued_on": issued_on,
        "measure": measure,
        "font_url": settings.CJK_FONT_PATH.as_uri(),
        "portal_url": settings.PUBLIC_PORTAL_URL,
    }
    # Court documents are in Chinese whatever the user's interface language.
    with override("zh-hans"):
        return render_to_string(TEMPLATES[kind], context)


def render_then_store(prepare: Callable[[], tuple[str, S]], store: Callable[[S, bytes], R]) -> R:
    """Render a PDF with no row locked, yet store only what the locked rows say.

    WeasyPrint takes a second or more a document; under a row lock every other
    write on the case would wait as long. ``prepare`` locks and checks the rows and
    returns the document's HTML and what ``store`` needs. It runs in a transaction
    that commits before the PDF is rendered, and again in the transaction that
    stores: when the HTML is unchanged, ``store(state, pdf)`` saves the PDF there,
    so the PDF says exactly what the rows say under the lock. When they changed in
    between, it starts over; after three tries it refuses as stale.
    Source: DOMAIN.md §2 "Enforcement measures and documents"; no PDF under a row lock (docs/DEVELOPING.md)."""
    for _attempt in range(RENDER_ATTEMPTS):
        with transaction.atomic():
            html, _state = prepare()
        pdf = html_to_pdf(html)
        with transaction.atomic():
            again, state = prepare()
            if again == html:
                return store(state, pdf)
    raise ValidationError(
        _("The case changed while its document was being made; try again."), code="stale"
    )


def generate_document(*, user, case_id: int, kind: str) -> GeneratedDocument:
    """A court document (DOMAIN.md §2 "Enforcement measures and documents") rendered
    into the case's dossier; the enforcement notice completes the notice node. The
    PDF is rendered with no row locked (``render_then_store``)."""
    today = timezone.localdate()

    def prepare():
        case = lock_case(case_id)
        ensure_can_change(user, case)
        if kind not in TEMPLATES:
            raise ValidationError({"kind": [_("Unknown document.")]})
        if kind in RELEASE_KINDS:
            raise ValidationError(
                {"kind": [_("This document is issued by releasing the measure on the case page.")]}
            )
        if kind == DocumentKind.CLOSING_NOTICE and not case.is_closed:
            raise ValidationError(_("A closing notice is issued once the case is closed."))
        if (
            kind == DocumentKind.CONSUMPTION_RESTRICTION_ORDER
            and not case.measures.filter(kind="consumption_restriction").exists()
        ):
            raise ValidationError(_("Record the consumption restriction measure first."))
        return document_html(kind, case, issued_on=today), case

    def store(case, pdf: bytes) -> GeneratedDocument:
        label = DocumentKind(kind).label
        with override("zh-hans"):
            title = f"{label}（{case.case_number}）"
        dossier_file = add_generated_file(
            user=user,
            case=case,
            content=pdf,
            title=str(title),
            file_name=f"{kind}-{case.pk}.pdf",
            category=DossierCategory.DOCUMENTS,
        )
        document, _created = GeneratedDocument.objects.get_or_create(
            dossier_file=dossier_file, defaults={"case": case, "kind": kind, "generated_by": user}
        )
        if kind == DocumentKind.ENFORCEMENT_NOTICE:
            complete_nodes(case, CompletionEvent.NOTICE_SENT, today)
        return document

    return render_then_store(prepare, store)
