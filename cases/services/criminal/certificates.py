"""The certificate of performance status of a 刑更 review (DOMAIN.md §4;
法释〔2024〕5号): generated from the ledger (amounts paid per item), the measures
and the recorded "able but not paying" facts of every linked case, saved into the
review case's dossier, due 7 days after the prison's request."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from cases.choices import DossierCategory
from cases.models import CommutationReview, PerformanceCertificate
from cases.reference_data_criminal import COMMUTATION_CERTIFICATE
from cases.selectors.criminal import performance_summary
from cases.services.criminal.allocation import allocate_receipts
from cases.services.criminal.common import complete_node_by_code
from cases.services.criminal.commutation import lock_review
from cases.services.documents import render_then_store
from cases.services.dossier import add_generated_file


def certificate_html(review: CommutationReview, summary: dict, issued_on: dt.date) -> str:
    """The certificate of a commutation review as HTML, in Chinese (DOMAIN.md §4)."""
    context = {
        "case": review.case,
        "court": review.case.court,
        "review": review,
        "summary": summary,
        "issued_on": issued_on,
        "font_url": settings.CJK_FONT_PATH.as_uri(),
    }
    # Court documents are in Chinese whatever the user's interface language.
    with override("zh-hans"):
        return render_to_string("cases/criminal/certificate.html", context)


def generate_certificate(
    *, user, review_id: int, issued_on: dt.date | None = None
) -> PerformanceCertificate:
    """The certificate of performance status (DOMAIN.md §4, 法释〔2024〕5号), saved
    into the 刑更 case's dossier; the first one completes the 7-day node. The PDF is
    rendered with no row locked (``render_then_store``)."""
    issued_on = issued_on or timezone.localdate()

    def prepare():
        review = lock_review(user, review_id)
        for case_id in review.links.filter(case__is_criminal_property=True).values_list(
            "case_id", flat=True
        ):
            allocate_receipts(case_id=case_id)
        with override("zh-hans"):
            summary = performance_summary(review)
        return certificate_html(review, summary, issued_on), (review, summary)

    def store(state, pdf: bytes) -> PerformanceCertificate:
        review, summary = state
        with override("zh-hans"):
            title = f"罪犯{review.convict_name}财产性判项履行情况证明（{review.case.case_number}）"
        dossier_file = add_generated_file(
            user=user,
            case=review.case,
            content=pdf,
            title=title[:200],
            file_name=f"performance-certificate-{review.pk}.pdf",
            category=DossierCategory.DOCUMENTS,
        )
        certificate, _created = PerformanceCertificate.objects.get_or_create(
            dossier_file=dossier_file,
            defaults={
                "review": review,
                "issued_on": issued_on,
                "issued_by": user,
                "summary": summary,
            },
        )
        if review.certificate_issued_on is None:
            review.certificate_issued_on = issued_on
            review.save(update_fields=["certificate_issued_on"])
            complete_node_by_code(review.case, COMMUTATION_CERTIFICATE, issued_on)
        return certificate

    return render_then_store(prepare, store)
