"""The 终本 rule and the legal closing date as SQL, for checks over many cases in
one query (supervision's alert rules, assessment's quality indicators): the 终本
conditions as one set of EXISTS annotations, so that a whole year of cases is
checked in one query. The rule is the cases app's, so its set-based form lives
here beside it.

``termination_annotations`` mirrors ``cases.services.closing.termination_checklist``
condition by condition (tests compare the two on crafted cases); the checklist
remains the authority for one case and gives the evidence text."""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from cases.choices import DocumentKind, FindingSource, InvestigationKind, MeasureKind
from cases.models import (
    ApplicantInterview,
    CaseNode,
    GeneratedDocument,
    InvestigationStep,
    Measure,
    PropertyFinding,
)
from haikou_exec.expressions import AddMonths


def closing_due_date(term_months: int = 6):
    """The case's legal closing date: the ``closing`` node's due date, which accounts
    for stays, suspensions and approved extensions (cases.services.nodes); the
    filing date plus the term when the case has no such node."""
    node_due = (
        CaseNode.objects.filter(case=OuterRef("pk"), definition__code="closing")
        .order_by("-due_on")
        .values("due_on")[:1]
    )
    return Coalesce(
        Subquery(node_due, output_field=DateField()), AddMonths(F("filed_on"), term_months)
    )


def _exists(model, **filters):
    return Exists(model.objects.filter(case=OuterRef("pk"), **filters))


def termination_annotations(reason_field: str = "closing_note") -> dict:
    """One boolean per condition of 终本 (终本规定 art. 1), checked on the closing
    date. A written reason in ``reason_field`` stands in for the dishonest listing
    and for property that cannot be disposed of, as in the closing service."""
    has_reason = ExpressionWrapper(~Q(**{reason_field: ""}), output_field=BooleanField())
    interview_ok = Subquery(
        ApplicantInterview.objects.filter(case=OuterRef("pk"), held_on__lte=OuterRef("closed_on"))
        .order_by("-held_on", "-id")
        .annotate(
            ok=ExpressionWrapper(
                Q(applicant_confirmed=True)
                | Q(collegial_review=True, president_approved=True, decided_by__isnull=False),
                output_field=BooleanField(),
            )
        )
        .values("ok")[:1],
        output_field=BooleanField(),
    )
    online = [
        _exists(InvestigationStep, kind=kind)
        for kind in (
            InvestigationKind.ONLINE_DEPOSITS,
            InvestigationKind.ONLINE_VEHICLES,
            InvestigationKind.ONLINE_REAL_ESTATE,
            InvestigationKind.ONLINE_SECURITIES,
        )
    ]
    property_found = _exists(InvestigationStep, found_property=True) | _exists(PropertyFinding)
    clues_given = _exists(PropertyFinding, source=FindingSource.APPLICANT_CLUE)
    return {
        "tc_documents": ExpressionWrapper(
            _exists(GeneratedDocument, kind=DocumentKind.ENFORCEMENT_NOTICE)
            & _exists(GeneratedDocument, kind=DocumentKind.PROPERTY_REPORT_ORDER),
            output_field=BooleanField(),
        ),
        "tc_restrictions": ExpressionWrapper(
            _exists(Measure, kind=MeasureKind.CONSUMPTION_RESTRICTION)
            & (_exists(Measure, kind=MeasureKind.DISHONEST_LISTING) | Q(has_reason_text=True)),
            output_field=BooleanField(),
        ),
        "tc_investigation": ExpressionWrapper(
            online[0]
            & online[1]
            & online[2]
            & online[3]
            & _exists(InvestigationStep, kind=InvestigationKind.ON_SITE)
            & (~clues_given | _exists(InvestigationStep, kind=InvestigationKind.CLUE_CHECK))
            & (~property_found | Q(has_reason_text=True)),
            output_field=BooleanField(),
        ),
        "tc_three_months": ExpressionWrapper(
            Q(closed_on__gte=AddMonths(F("filed_on"), 3)), output_field=BooleanField()
        ),
        "tc_debtor_search": ExpressionWrapper(
            _exists(InvestigationStep, kind=InvestigationKind.DEBTOR_SEARCH),
            output_field=BooleanField(),
        ),
        "tc_interview": ExpressionWrapper(Q(tc_interview_latest=True), output_field=BooleanField()),
        # helpers the conditions above refer to (annotated first)
        "_pre": {
            "has_reason_text": has_reason,
            "tc_interview_latest": Coalesce(interview_ok, Value(False)),
        },
    }


TERMINATION_KEYS = [
    "tc_documents",
    "tc_restrictions",
    "tc_investigation",
    "tc_three_months",
    "tc_debtor_search",
    "tc_interview",
]


def annotate_termination(queryset, reason_field: str = "closing_note"):
    """The queryset with the condition booleans and ``tc_all`` (every condition)."""
    annotations = termination_annotations(reason_field)
    pre = annotations.pop("_pre")
    queryset = queryset.annotate(**pre).annotate(**annotations)
    return queryset.annotate(
        tc_all=ExpressionWrapper(
            Q(**{key: True for key in TERMINATION_KEYS}), output_field=BooleanField()
        )
    )
