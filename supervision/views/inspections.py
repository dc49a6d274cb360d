"""Inspections and campaigns with their findings per court, and case reviews (评查)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courts.policy import leads_court, supervises
from haikou_exec.views import RestrictedDetailView
from supervision import forms, selectors
from supervision.choices import FindingStatus, InspectionStatus, ReviewStatus
from supervision.filtersets import (
    CaseReviewFilterSet,
    InspectionFilterSet,
    InspectionFindingFilterSet,
)
from supervision.models import CaseReview, Inspection, InspectionFinding
from supervision.services import inspections as service
from supervision.services import reviews as review_service
from supervision.tables import CaseReviewTable, InspectionFindingTable, InspectionTable
from supervision.views.base import ButtonView, ListView, ObjectActionView, SupervisingFormView


class InspectionListView(ListView):
    model = Inspection
    table_class = InspectionTable
    filterset_class = InspectionFilterSet
    title = gettext_lazy("Inspections and campaigns")
    create_url_name = "supervision:inspection_create"
    create_label = gettext_lazy("Plan an inspection or campaign")

    def select_queryset(self, queryset):
        return selectors.inspection_list(queryset)


class InspectionDetailView(RestrictedDetailView):
    model = Inspection
    template_name = "supervision/inspection_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("court", "led_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        inspection = self.object
        ctx["findings"] = selectors.finding_list(
            InspectionFinding.objects.restrict(self.request.user).filter(inspection=inspection)
        )
        ctx["reviews"] = selectors.review_list(
            CaseReview.objects.restrict(self.request.user).filter(inspection=inspection)
        )
        ctx["supervises"] = supervises(self.request.user)
        ctx["statuses"] = InspectionStatus
        return ctx


class InspectionCreateView(SupervisingFormView):
    form_class = forms.InspectionForm
    title = gettext_lazy("Plan an inspection or campaign")

    def perform(self, form):
        d = form.cleaned_data
        return service.create_inspection(
            user=self.request.user,
            kind=d["kind"],
            title=d["title"],
            focus=d["focus"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            court_ids=[c.pk for c in d["courts"]],
        )

    def get_cancel_url(self):
        return "/supervision/inspections/"

    @property
    def success_message(self):
        return _("%(ref)s planned.") % {"ref": self.result.reference}


class InspectionStartView(ButtonView):
    model = Inspection
    success_message = gettext_lazy("The inspection started.")

    def perform(self):
        service.start_inspection(user=self.request.user, inspection_id=self.object.pk)


class InspectionConcludeView(ObjectActionView):
    model = Inspection
    form_class = forms.SummaryForm
    title = gettext_lazy("Conclude the inspection")
    success_message = gettext_lazy("The inspection was concluded.")

    def perform(self, form):
        return service.conclude_inspection(
            user=self.request.user, inspection_id=self.object.pk, **form.cleaned_data
        )


class FindingCreateView(ObjectActionView):
    model = Inspection
    form_class = forms.FindingForm
    pass_user = True
    title = gettext_lazy("Record a finding")
    success_message = gettext_lazy("The finding was recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "inspection": self.object}

    def perform(self, form):
        d = form.cleaned_data
        return service.record_finding(
            user=self.request.user,
            inspection_id=self.object.pk,
            court_id=d["court"].pk,
            category=d["category"],
            severity=d["severity"],
            description=d["description"],
            found_on=d["found_on"],
            rectify_by=d.get("rectify_by"),
            case_id=d.get("case_id"),
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class FindingListView(ListView):
    model = InspectionFinding
    table_class = InspectionFindingTable
    filterset_class = InspectionFindingFilterSet
    title = gettext_lazy("Inspection findings")

    def select_queryset(self, queryset):
        return selectors.finding_list(queryset)


class FindingDetailView(RestrictedDetailView):
    model = InspectionFinding
    template_name = "supervision/finding_detail.html"

    def select_queryset(self, queryset):
        return selectors.finding_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        finding = self.object
        user = self.request.user
        ctx["can_rectify"] = finding.status == FindingStatus.OPEN and (
            user.is_superuser or leads_court(user, finding.court_id)
        )
        ctx["can_review"] = finding.status == FindingStatus.RECTIFIED and supervises(user)
        return ctx


class FindingRectifyView(ObjectActionView):
    model = InspectionFinding
    form_class = forms.RectificationForm
    title = gettext_lazy("Report the rectification")
    success_message = gettext_lazy("The rectification was reported.")

    def perform(self, form):
        return service.report_rectification(
            user=self.request.user, finding_id=self.object.pk, **form.cleaned_data
        )


class FindingReviewView(ObjectActionView):
    model = InspectionFinding
    form_class = forms.DecisionForm
    title = gettext_lazy("Review the rectification")
    success_message = gettext_lazy("The review was recorded.")

    def perform(self, form):
        return service.review_rectification(
            user=self.request.user,
            finding_id=self.object.pk,
            accept=form.accepted,
            remarks=form.cleaned_data["remarks"],
        )


class ReviewListView(ListView):
    model = CaseReview
    table_class = CaseReviewTable
    filterset_class = CaseReviewFilterSet
    title = gettext_lazy("Case reviews")
    create_url_name = "supervision:review_create"
    create_label = gettext_lazy("Review a case")

    def select_queryset(self, queryset):
        return selectors.review_list(queryset)


class ReviewDetailView(RestrictedDetailView):
    model = CaseReview
    template_name = "supervision/review_detail.html"

    def select_queryset(self, queryset):
        return selectors.review_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        review = self.object
        scores = {s.item_id: s for s in review.scores.all()}
        ctx["rows"] = [(item, scores.get(item.pk)) for item in review.sheet.items.all()]
        ctx["can_score"] = review.status == ReviewStatus.DRAFT and supervises(self.request.user)
        return ctx


class ReviewCreateView(SupervisingFormView):
    form_class = forms.ReviewStartForm
    pass_user = True
    title = gettext_lazy("Review a case")

    def perform(self, form):
        d = form.cleaned_data
        return review_service.start_review(
            user=self.request.user,
            case_id=d["case_id"],
            sheet_id=d["sheet"].pk,
            reviewed_on=d["reviewed_on"],
            inspection_id=d["inspection"].pk if d.get("inspection") else None,
        )

    def get_success_url(self):
        from django.urls import reverse

        return reverse("supervision:review_score", args=[self.result.pk])

    def get_cancel_url(self):
        return "/supervision/reviews/"


class ReviewScoreView(ObjectActionView):
    model = CaseReview
    form_class = forms.ReviewScoreForm
    title = gettext_lazy("Score the case on the sheet")
    success_message = gettext_lazy("The scores were saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "review": self.object}

    def perform(self, form):
        d = form.cleaned_data
        return review_service.score_review(
            user=self.request.user,
            review_id=self.object.pk,
            points={i.pk: d.get(f"item_{i.pk}") for i in form.items},
            notes={i.pk: d.get(f"note_{i.pk}") for i in form.items},
            remarks=d.get("remarks", ""),
            finalise=d.get("finalise", False),
        )
