"""Monthly district reports: list, report, edit with reasons, submit, review,
exports."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from assessment import selectors
from assessment.choices import REPORT_EDITABLE, ReportStatus
from assessment.filtersets import MonthlyReportFilterSet
from assessment.forms import PrepareMonthForm, ReportEditForm
from assessment.models import MonthlyReport
from assessment.services import reports as service
from assessment.services.exports import report_pdf, report_xlsx
from assessment.tables import MonthlyReportTable
from assessment.views.base import ButtonView, ObjectActionView, ServiceFormView
from courts.policy import leads_court, supervises
from haikou_exec.downloads import as_download
from haikou_exec.replica import ReplicaReadsMixin
from haikou_exec.views import RestrictedDetailView, RestrictedListView
from supervision.forms import DecisionForm


class ReportListView(ReplicaReadsMixin, RestrictedListView):
    model = MonthlyReport
    table_class = MonthlyReportTable
    filterset_class = MonthlyReportFilterSet
    title = gettext_lazy("Monthly district reports")
    template_name = "assessment/report_list.html"

    def select_queryset(self, queryset):
        return selectors.report_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["supervises"] = supervises(self.request.user)
        return ctx


class ReportDetailView(ReplicaReadsMixin, RestrictedDetailView):
    model = MonthlyReport
    template_name = "assessment/report_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("court", "bureau", "submitted_by", "reviewed_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        report, user = self.object, self.request.user
        district = user.is_superuser or leads_court(user, report.court_id)
        ctx["figures"] = [
            (
                key,
                label,
                report.figures.get(key),
                report.prefilled.get(key),
                report.figures.get(key) != report.prefilled.get(key),
            )
            for key, label, _kind in service.REPORT_FIGURES
        ]
        labels = {key: label for key, label, _kind in service.REPORT_FIGURES}
        ctx["edits"] = list(report.edits.select_related("edited_by"))
        for edit in ctx["edits"]:  # the figure's name, not its key
            edit.label = labels.get(edit.field, edit.field)
        ctx["submissions"] = report.submissions.select_related("submitted_by")
        ctx["reviews"] = report.reviews.select_related("reviewed_by")
        ctx["can_edit"] = district and report.status in REPORT_EDITABLE
        ctx["can_submit"] = district and report.status in REPORT_EDITABLE
        ctx["can_refresh"] = district and report.status == ReportStatus.DRAFT
        ctx["can_review"] = supervises(user) and report.status == ReportStatus.SUBMITTED
        ctx["overdue"] = report.status in REPORT_EDITABLE and report.due_on < timezone.localdate()
        return ctx


class ReportEditView(ObjectActionView):
    """Edit the reported figures (a reason for any changed figure) and the narrative."""

    model = MonthlyReport
    template_name = "assessment/report_form.html"
    title = gettext_lazy("Edit the monthly report")
    success_message = gettext_lazy("The report was saved.")

    def get_form(self, form_class=None):
        return ReportEditForm(
            **self.get_form_kwargs(), report=self.object, figures=service.REPORT_FIGURES
        )

    def get_initial(self):
        r = self.object
        return {
            "version": r.version,
            "summary": r.summary,
            "problems": r.problems,
            "plans": r.plans,
        }

    def perform(self, form):
        d = form.cleaned_data
        try:
            return service.edit_report(
                user=self.request.user,
                report_id=self.object.pk,
                figures={key: d.get(f"fig_{key}") for key in form.figure_keys},
                texts={k: d.get(k, "") for k in service.TEXT_FIELDS},
                reason=d.get("reason", ""),
                expected_version=d["version"],
            )
        except ValidationError as error:
            # A service error named after a figure belongs to its fig_ field.
            if hasattr(error, "error_dict"):
                raise ValidationError(
                    {
                        (f"fig_{k}" if k in form.figure_keys else k): v
                        for k, v in error.error_dict.items()
                    }
                ) from error
            raise


class _ReportStep(ButtonView):
    model = MonthlyReport

    def perform(self):
        self.success_message = self.step(self.request.user, self.object)


class ReportSubmitView(_ReportStep):
    def step(self, user, report):
        report = service.submit_report(user=user, report_id=report.pk)
        if report.submitted_late:
            return _("Submitted, %(n)d days after the deadline.") % {"n": report.late_days}
        return _("Submitted.")


class ReportRefreshView(_ReportStep):
    def step(self, user, report):
        service.refresh_prefill(user=user, report_id=report.pk)
        return _("The figures were computed again from the data.")


class ReportReviewView(ObjectActionView):
    model = MonthlyReport
    form_class = DecisionForm
    title = gettext_lazy("Review the monthly report")
    success_message = gettext_lazy("The review was recorded.")

    def perform(self, form):
        return service.review_report(
            user=self.request.user,
            report_id=self.object.pk,
            accept=form.accepted,
            remarks=form.cleaned_data["remarks"],
        )


class ReportExportView(ReplicaReadsMixin, LoginRequiredMixin, View):
    def get(self, request, pk, fmt):
        if fmt not in ("xlsx", "pdf"):
            raise Http404
        report = get_object_or_404(
            MonthlyReport.objects.restrict(request.user).select_related("court"), pk=pk
        )
        if fmt == "xlsx":
            content = report_xlsx(report)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            content = report_pdf(report)
            content_type = "application/pdf"
        # RFC 6266 with the UTF-8 name (issue 16): 秀英法院2026年10月执行工作月报.xlsx
        return as_download(
            HttpResponse(content, content_type=content_type),
            f"{report.court.short_name}{report.year}年{report.month}月执行工作月报.{fmt}",
        )


class PrepareMonthView(ServiceFormView):
    """The intermediate court has a month's reports prepared (the nightly task does it too)."""

    form_class = PrepareMonthForm
    title = gettext_lazy("Prepare the monthly reports")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not supervises(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        last = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
        return {"year": last.year, "month": last.month}

    def perform(self, form):
        return service.prepare_month(form.cleaned_data["year"], form.cleaned_data["month"])

    def get_success_url(self):
        return "/assessment/reports/"

    @property
    def success_message(self):
        return _("%(n)d reports prepared.") % {"n": self.result}
