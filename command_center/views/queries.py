"""Pages of online property query and control, freezes and 终本 re-queries."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseStatus, CaseType
from cases.models import PropertyFinding
from cases.numbers import normalise_parentheses
from command_center import selectors
from command_center.filtersets import (
    AssetQueryFilterSet,
    FreezeRequestFilterSet,
    RequeryRoundFilterSet,
)
from command_center.forms import FreezeForm, QueryBatchForm
from command_center.models import AssetQuery, FreezeRequest, RequeryRound
from command_center.services import freezes, queries
from command_center.tables import AssetQueryTable, FreezeRequestTable, RequeryRoundTable
from command_center.views.base import Action, CentreDetailView, ServiceFormView
from haikou_exec.views import RestrictedListView


class AssetQueryListView(RestrictedListView):
    model = AssetQuery
    table_class = AssetQueryTable
    filterset_class = AssetQueryFilterSet
    title = _("Online property queries")
    template_name = "command_center/query_list.html"

    def select_queryset(self, queryset):
        return selectors.asset_query_list(queryset)


class AssetQueryDetailView(CentreDetailView):
    model = AssetQuery
    template_name = "command_center/query_detail.html"
    detail_fields = [
        "case",
        "institution_name",
        "institution_kind",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "records_found",
        "new_findings",
        "answered_at",
        "investigation_step",
        "job",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("case__court", "job", "investigation_step")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        row = self.object
        refs = [f"{row.institution_code}:{r.get('reference')}" for r in row.records]
        ctx["findings"] = list(
            PropertyFinding.objects.filter(case_id=row.case_id, source_reference__in=refs).order_by(
                "found_at"
            )
        )
        return ctx


class QueryBatchView(ServiceFormView):
    """Start a batch: listed case numbers, or the open cases of a court."""

    form_class = QueryBatchForm
    title = _("Online property query and control")
    case_field = "case_numbers"

    def get_cancel_url(self):
        return reverse("command_center:query_list")

    def perform(self, form):
        d = form.cleaned_data
        user = self.request.user
        cases = queries.queryable_cases(user)
        numbers = [
            normalise_parentheses(n)
            for n in (d.get("case_numbers") or "").splitlines()
            if n.strip()
        ]
        if numbers:
            found = dict(cases.filter(case_number__in=numbers).values_list("case_number", "pk"))
            missing = [n for n in numbers if n not in found]
            if missing:
                raise ValidationError(
                    {
                        "case_numbers": [
                            _("Not found among the cases you may query: %(numbers)s")
                            % {"numbers": "、".join(missing[:10])}
                        ]
                    }
                )
            ids = list(found.values())
        else:
            selection = cases.filter(
                court=d["court"], case_type__in=list(CaseType.implementation_codes())
            )
            selection = selection.exclude(status=CaseStatus.CLOSED)
            if d.get("filed_from"):
                selection = selection.filter(filed_on__gte=d["filed_from"])
            if d.get("filed_to"):
                selection = selection.filter(filed_on__lte=d["filed_to"])
            ids = list(
                selection.order_by("filed_on", "pk").values_list("pk", flat=True)[: d["limit"]]
            )
            if not ids:
                raise ValidationError(_("No open case matches this selection."))
        return queries.request_property_query(user=user, case_ids=ids)


class FreezeRequestListView(RestrictedListView):
    model = FreezeRequest
    table_class = FreezeRequestTable
    filterset_class = FreezeRequestFilterSet
    title = _("Freeze requests")

    def select_queryset(self, queryset):
        return selectors.freeze_list(queryset)


class FreezeRequestDetailView(CentreDetailView):
    model = FreezeRequest
    template_name = "command_center/detail.html"
    detail_fields = [
        "case",
        "finding",
        "institution_name",
        "account_reference",
        "amount",
        "ruling_number",
        "status",
        "attempts",
        "last_error",
        "provider_reference",
        "frozen_amount",
        "frozen_until",
        "measure",
        "requested_by",
        "requested_at",
        "completed_at",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("case__court", "finding", "measure", "requested_by")


class FreezeNewView(ServiceFormView):
    form_class = FreezeForm
    title = _("Freeze an account found online")
    template_name = "command_center/freeze_form.html"

    def dispatch(self, request, *args, **kwargs):
        finding_id = request.GET.get("finding") or request.POST.get("finding")
        self.finding = None
        if request.user.is_authenticated and finding_id and str(finding_id).isdigit():
            self.finding = (
                PropertyFinding.objects.restrict(request.user)
                .select_related("case")
                .filter(pk=finding_id)
                .first()
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        if self.finding and self.finding.estimated_value:
            initial["amount"] = (
                min(
                    self.finding.estimated_value,
                    max(self.finding.case.amount_claimed - self.finding.case.amount_recovered, 0),
                )
                or self.finding.estimated_value
            )
        return initial

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["finding"] = self.finding
        return ctx

    def get_cancel_url(self):
        return (
            self.finding.case.get_absolute_url()
            if self.finding
            else reverse("command_center:freeze_list")
        )

    def perform(self, form):
        if self.finding is None:
            raise ValidationError(_("Open this page from a finding of an online query."))
        return freezes.request_freeze(
            user=self.request.user,
            finding_id=self.finding.pk,
            amount=form.cleaned_data["amount"],
            ruling_number=form.cleaned_data["ruling_number"],
        )


class RequeryRoundListView(RestrictedListView):
    model = RequeryRound
    table_class = RequeryRoundTable
    filterset_class = RequeryRoundFilterSet
    title = _("终本 re-queries")

    def select_queryset(self, queryset):
        return selectors.requery_list(queryset)


class RequeryRoundDetailView(CentreDetailView):
    model = RequeryRound
    template_name = "command_center/detail.html"
    detail_fields = [
        "case",
        "round_number",
        "due_on",
        "status",
        "job",
        "done_on",
        "findings_count",
        "found_property",
        "applicant_notice",
        "applicant_informed_at",
        "notice_reference",
        "resumption_proposed_at",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("case__court", "job")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rnd = self.object
        if rnd.resumption_proposed_at and rnd.case.closing_type == "terminated_procedure":
            ctx["actions"] = [
                Action(
                    _("Resume enforcement (执恢)"),
                    reverse("cases:case_resume_enforcement", kwargs={"case_id": rnd.case_id}),
                    style="primary",
                )
            ]
        return ctx
