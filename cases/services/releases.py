"""Releases after performance (DOMAIN.md §2 "Releases after performance"; issue 17,
finding 2): once the title is performed, every dishonest listing (失信) and
consumption restriction (限高) of the case is released within 3 working days
(最高法《关于公布失信被执行人名单信息的若干规定》第十条; the restriction on the
same limit [assumed]).

Performance opens one ``measure_release`` node per measure in force (the deadline
machinery then counts the working days, reminds the team and tells the director
when it is late); the release is the judge's act, with its document in the
dossier, and completes that node."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import override

from cases.choices import (
    CompletionEvent,
    DocumentKind,
    DossierCategory,
    MeasureKind,
    MeasureStatus,
    TriggerEvent,
)
from cases.models import EnforcementCase, GeneratedDocument, Measure
from cases.services.common import may_decide
from cases.services.dossier import add_generated_file
from cases.services.nodes import complete_nodes, open_nodes

# The node definition (seeded by migration 0014_releases_termination_review_valuation, editable in the admin).
RELEASE_NODE = "measure_release"

RELEASE_DOCUMENTS = {
    MeasureKind.DISHONEST_LISTING: DocumentKind.DISHONEST_REMOVAL,
    MeasureKind.CONSUMPTION_RESTRICTION: DocumentKind.RESTRICTION_LIFTED,
}


def measure_ref(measure: Measure) -> str:
    """The trigger reference of a measure's release node."""
    return f"measure:{measure.pk}"


def propose_releases(case: EnforcementCase, performed_on: dt.date) -> int:
    """Performance (the ledger shows the amount due recovered, or the case closes
    执行完毕) opens the release of every listing and restriction in force, each
    due 3 working days later. Idempotent per measure (one node per trigger)."""
    in_force = case.measures.filter(
        kind__in=MeasureKind.credit_measures(), status=MeasureStatus.ACTIVE
    )
    count = 0
    for measure in in_force:
        count += len(
            open_nodes(case, TriggerEvent.PERFORMED, performed_on, ref=measure_ref(measure))
        )
    return count


def ensure_may_release(user, case: EnforcementCase) -> None:
    """The release of a listing or restriction is decided by the handling judge
    (or the bureau's leadership), not prepared by a clerk (DOMAIN.md §2)."""
    if not may_decide(user, case):
        raise ValidationError(
            _(
                "Only the handling judge or the bureau's leadership releases a listing or a "
                "consumption restriction (DOMAIN.md §2); a judge assistant or clerk may "
                "prepare it."
            ),
            code="release_role",
        )


def release_html(case: EnforcementCase, measure: Measure, released_on: dt.date) -> str:
    """The release document's HTML: 删除失信信息决定书 or 解除限制消费令."""
    from cases.services.documents import document_html

    return document_html(
        RELEASE_DOCUMENTS[measure.kind], case, issued_on=released_on, measure=measure
    )


def store_release(
    *, user, case: EnforcementCase, measure: Measure, released_on: dt.date, pdf: bytes
) -> GeneratedDocument:
    """Store the rendered release document in the dossier, link it to the measure
    and complete the release node. Called by ``measures.release_measure`` in the
    transaction that stores (``documents.render_then_store``), with the case and the
    measure locked; the PDF was rendered with no row locked.
    Source: DOMAIN.md §2 "Releases after performance"."""
    kind = RELEASE_DOCUMENTS[measure.kind]
    with override("zh-hans"):
        title = f"{DocumentKind(kind).label}（{case.case_number}）"
    dossier_file = add_generated_file(
        user=user,
        case=case,
        content=pdf,
        title=str(title),
        file_name=f"{kind}-{case.pk}-{measure.pk}.pdf",
        category=DossierCategory.DOCUMENTS,
    )
    document = GeneratedDocument.objects.create(
        case=case, kind=kind, dossier_file=dossier_file, generated_by=user
    )
    measure.release_document = document
    complete_nodes(case, CompletionEvent.MEASURE_RELEASED, released_on, ref=measure_ref(measure))
    return document
