"""Tables of transfers, suggestions, criminal judgments and 刑更 reviews; every
row says its court (data-court)."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cases.models import CommutationReview, CriminalJudgment, TransferRequest, TransferSuggestion
from courts.tables import court_row_attrs


class TransferRequestTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    case = tables.Column(accessor="case__case_number", verbose_name=_("Case"), linkify=False)
    court = tables.Column(accessor="case__court__short_name", verbose_name=_("Court"))
    target_court = tables.Column(accessor="target_court__short_name", verbose_name=_("To"))
    new_case = tables.Column(
        accessor="new_case__case_number", verbose_name=_("New case"), default="—"
    )

    class Meta:
        model = TransferRequest
        fields = (
            "id",
            "case",
            "court",
            "kind",
            "target_court",
            "reason_category",
            "source",
            "status",
            "requested_at",
            "new_case",
        )
        row_attrs = court_row_attrs(lambda r: r.case.court)
        order_by = ("-requested_at",)


class TransferSuggestionTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    case = tables.Column(accessor="case__case_number", verbose_name=_("Case"))
    court = tables.Column(accessor="case__court__short_name", verbose_name=_("Court"))
    reasons = tables.Column(empty_values=(), orderable=False, verbose_name=_("Why"))

    class Meta:
        model = TransferSuggestion
        fields = ("id", "case", "court", "kind", "reasons", "status", "created_at")
        row_attrs = court_row_attrs(lambda s: s.case.court)
        order_by = ("-created_at",)

    def render_reasons(self, record):
        return format_html(
            "<ul class='mb-0 ps-3'>{}</ul>",
            format_html_join("", "<li>{}</li>", ((label,) for label in record.reason_labels)),
        )


class CriminalJudgmentTable(tables.Table):
    judgment_number = tables.Column(linkify=True)
    judging_court = tables.Column(accessor="judging_court__short_name", verbose_name=_("Judged by"))
    case = tables.Column(accessor="case__case_number", verbose_name=_("Case"), default="—")
    total = tables.Column(empty_values=(), orderable=False, verbose_name=_("Amount (yuan)"))
    paid = tables.Column(empty_values=(), orderable=False, verbose_name=_("Paid (yuan)"))

    class Meta:
        model = CriminalJudgment
        fields = (
            "judgment_number",
            "judging_court",
            "convict_name",
            "received_on",
            "status",
            "case",
            "total",
            "paid",
        )
        row_attrs = court_row_attrs(lambda j: j.court)
        order_by = ("-received_on",)

    def render_total(self, record):
        return f"{sum(i.amount for i in record.items.all()):,.2f}"

    def render_paid(self, record):
        return f"{sum(i.paid for i in record.items.all()):,.2f}"


class CommutationReviewTable(tables.Table):
    case = tables.Column(
        accessor="case__case_number",
        verbose_name=_("Case"),
        linkify=lambda record: record.get_absolute_url(),
    )
    link_count = tables.Column(verbose_name=_("Linked cases"), orderable=False)

    class Meta:
        model = CommutationReview
        fields = (
            "case",
            "kind",
            "convict_name",
            "prison",
            "requested_on",
            "certificate_due_on",
            "certificate_issued_on",
            "link_count",
        )
        row_attrs = court_row_attrs(lambda r: r.case.court)
        order_by = ("-requested_on",)
