"""Annual reports of duties (述职, DOMAIN.md §1): submission with attachments,
scoring by the intermediate court, downloads through a permission check only."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from courts.access import VIEW
from haikou_exec.downloads import as_download
from haikou_exec.views import RestrictedDetailView
from personnel import selectors, services
from personnel.choices import DutyReportStatus, OfficerRole
from personnel.filtersets import DutyReportFilterSet
from personnel.forms import AttachmentForm, DutyReportForm, ScoreForm
from personnel.models import DutyReport, DutyReportAttachment
from personnel.services.rotation import can_decide
from personnel.tables import DutyReportTable
from personnel.views.base import ActionFormView, ObjectActionView, PersonnelListView


class DutyReportListView(PersonnelListView):
    model = DutyReport
    table_class = DutyReportTable
    filterset_class = DutyReportFilterSet
    title = _("Annual reports of duties")
    create_url_name = "personnel:dutyreport_create"
    create_perm = "personnel.add_dutyreport"
    create_label = _("Write my report of duties")

    def select_queryset(self, queryset):
        return selectors.duty_report_list(queryset)

    def get_table_kwargs(self):
        # Scores feed cadre selection: only those who may see them get the column.
        if not selectors.scores_visible_to(self.request.user):
            return {"exclude": ("score",)}
        return {}


class DutyReportDetailView(RestrictedDetailView):
    model = DutyReport
    template_name = "personnel/dutyreport_detail.html"
    detail_fields = [
        "officer",
        "bureau",
        "year",
        "status",
        "to_intermediate_court",
        "to_party_group",
        "submitted_at",
    ]

    def select_queryset(self, queryset):
        return selectors.duty_report_detail(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        report = self.object
        mine = report.officer.user_id == user.pk
        ctx["show_score"] = mine or selectors.scores_visible_to(user)
        ctx["can_score"] = (
            report.status in (DutyReportStatus.SUBMITTED, DutyReportStatus.SCORED)
            and can_decide(user)
            and not mine
        )
        ctx["can_edit"] = report.status == DutyReportStatus.DRAFT and mine
        ctx["score_form"] = ScoreForm(
            user=user,
            obj=report,
            initial={"score": report.score, "comment": report.score_comment},
        )
        return ctx


class DutyReportCreateView(ActionFormView):
    """The signed-in director writes the report; "save" keeps a draft, "submit"
    sends it to the intermediate court and the own court's party group."""

    form_class = DutyReportForm
    required_perm = "personnel.add_dutyreport"
    template_name = "personnel/dutyreport_form.html"
    title = _("My annual report of duties")
    success_message = _("Report saved.")

    def dispatch(self, request, *args, **kwargs):
        officer = getattr(request.user, "officer", None) if request.user.is_authenticated else None
        self.is_director = officer is not None and officer.role == OfficerRole.DIRECTOR
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["is_director"] = self.is_director
        return ctx

    def get_initial(self):
        initial = super().get_initial()
        year = self.request.GET.get("year")
        officer = getattr(self.request.user, "officer", None)
        if year and year.isdigit() and officer is not None:
            draft = DutyReport.objects.filter(
                officer=officer, year=int(year), status=DutyReportStatus.DRAFT
            ).first()
            if draft:
                initial.update(year=draft.year, text=draft.text)
        return initial

    def perform(self, form):
        data = form.cleaned_data
        submit = "submit" in self.request.POST
        if submit:
            self.success_message = _(
                "Report submitted to the intermediate court and to your court's party group."
            )
        return services.save_duty_report(
            by=self.request.user,
            year=data["year"],
            text=data["text"],
            attachments=data["attachments"],
            submit=submit,
        )


class DutyReportSubmitView(ObjectActionView):
    model = DutyReport
    success_message = _(
        "Report submitted to the intermediate court and to your court's party group."
    )

    def perform(self):
        return services.save_duty_report(
            by=self.request.user, year=self.object.year, text=self.object.text, submit=True
        )


class DutyReportAttachView(ActionFormView):
    model = DutyReport
    form_class = AttachmentForm
    title = _("Add attachments")
    success_message = _("Attachments added.")

    def perform(self, form):
        services.add_duty_report_attachments(
            by=self.request.user, report=self.object, attachments=form.cleaned_data["attachments"]
        )
        return self.object


class DutyReportScoreView(ActionFormView):
    model = DutyReport
    action = VIEW  # the service reserves scoring to the intermediate court
    form_class = ScoreForm
    title = _("Score the report of duties")
    success_message = _("Score recorded for the assessment.")

    def perform(self, form):
        return services.score_duty_report(
            by=self.request.user,
            report=self.object,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )


class DutyReportAttachmentDownloadView(LoginRequiredMixin, View):
    """Attachments are stored outside the web root and leave only through here,
    after the restriction point has found the row (404 otherwise)."""

    def get(self, request, pk):
        attachment = get_object_or_404(
            DutyReportAttachment.objects.restrict(request.user, VIEW), pk=pk
        )
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=attachment.content_type)
        as_download(response, attachment.original_name)  # RFC 6266, UTF-8 name (issue 16)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
