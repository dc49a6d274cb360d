"""一案双查 pages and its exports for the discipline office."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View

from courts.policy import supervises
from haikou_exec.downloads import as_download
from haikou_exec.replica import ReplicaReadsMixin
from haikou_exec.views import RestrictedDetailView
from supervision import forms, selectors
from supervision.choices import JointStatus
from supervision.filtersets import JointInspectionFilterSet
from supervision.models import ConductFinding, JointInspection
from supervision.services import exports
from supervision.services import joint as service
from supervision.tables import JointInspectionTable
from supervision.views.base import (
    ButtonView,
    ListView,
    ObjectActionView,
    SupervisingFormView,
    int_param,
)


class JointListView(ListView):
    model = JointInspection
    table_class = JointInspectionTable
    filterset_class = JointInspectionFilterSet
    title = gettext_lazy("Joint case and conduct inspections (一案双查)")
    create_url_name = "supervision:joint_create"
    create_label = gettext_lazy("Open a 一案双查 record")

    def select_queryset(self, queryset):
        return selectors.joint_list(queryset)


class JointDetailView(RestrictedDetailView):
    model = JointInspection
    template_name = "supervision/joint_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("case__court", "case__team", "supervision_case", "shared_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["conduct_findings"] = (
            ConductFinding.objects.restrict(self.request.user)
            .filter(joint=self.object)
            .select_related("officer")
        )
        ctx["can_edit"] = self.object.status == JointStatus.OPEN and supervises(self.request.user)
        ctx["supervises"] = supervises(self.request.user)
        return ctx


class JointCreateView(SupervisingFormView):
    form_class = forms.JointForm
    pass_user = True
    title = gettext_lazy("Open a 一案双查 record")

    def get_initial(self):
        initial = super().get_initial()
        initial["inspection_office"] = _("Inspection office (督察室)")
        return initial

    def perform(self, form):
        d = form.cleaned_data
        return service.open_joint_inspection(
            user=self.request.user,
            case_id=d["case_id"],
            reason=d["reason"],
            enforcement_office=d["enforcement_office"],
            inspection_office=d["inspection_office"],
            supervision_case_id=int_param(self.request, "supervision_case"),
        )

    def get_cancel_url(self):
        return "/supervision/joint/"


class CaseFindingsView(ObjectActionView):
    model = JointInspection
    form_class = forms.CaseFindingsForm
    title = pgettext_lazy("supervision", "Findings on the case")
    success_message = gettext_lazy("The findings on the case were saved.")

    def get_initial(self):
        return {
            "case_findings": self.object.case_findings,
            "case_conclusion": self.object.case_conclusion,
        }

    def perform(self, form):
        return service.record_case_findings(
            user=self.request.user, joint_id=self.object.pk, **form.cleaned_data
        )


class ConductFindingView(ObjectActionView):
    model = JointInspection
    form_class = forms.ConductForm
    title = gettext_lazy("Finding on an officer's conduct")
    success_message = gettext_lazy("The finding on conduct was saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "court_id": self.object.case.court_id}

    def perform(self, form):
        d = form.cleaned_data
        return service.record_conduct_finding(
            user=self.request.user,
            joint_id=self.object.pk,
            officer_id=d["officer"].pk,
            finding=d["finding"],
            conclusion=d["conclusion"],
            recommended_action=d["recommended_action"],
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class _JointPost(ButtonView):
    model = JointInspection

    def perform(self):
        self.success_message = self.step(self.request.user, self.object)


class JointConcludeView(_JointPost):
    def step(self, user, joint):
        service.conclude_joint_inspection(user=user, joint_id=joint.pk)
        return _("The 一案双查 record was concluded.")


class JointShareView(_JointPost):
    def step(self, user, joint):
        n = service.share_with_discipline_office(user=user, joint_id=joint.pk)
        return _("Shared with the discipline office (%(n)d members).") % {"n": n}


class JointExportView(ReplicaReadsMixin, LoginRequiredMixin, View):
    """Excel or PDF of the record, for whoever may read it (the discipline office too)."""

    def get(self, request, pk, fmt):
        from django.http import Http404

        if fmt not in ("xlsx", "pdf"):
            raise Http404
        joint = get_object_or_404(
            JointInspection.objects.restrict(request.user).select_related("case__court"), pk=pk
        )
        if fmt == "xlsx":
            content = exports.joint_xlsx(joint)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            content = exports.joint_pdf(joint)
            content_type = "application/pdf"
        # RFC 6266 with the UTF-8 name (issue 16): 一案双查-（2026）琼0105执70号.xlsx
        return as_download(
            HttpResponse(content, content_type=content_type),
            f"一案双查-{joint.case.case_number}.{fmt}",
        )
