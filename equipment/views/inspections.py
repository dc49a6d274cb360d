"""Inspection pages: schedule, record results, photos, rectification follow-up."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from courts.access import CHANGE, VIEW
from equipment import selectors
from equipment.choices import InspectionStatus
from equipment.filtersets import EquipmentInspectionFilterSet
from equipment.forms import (
    CancelInspectionForm,
    InspectionResultsForm,
    PhotoForm,
    RectificationReportForm,
    RectificationReviewForm,
    ScheduleInspectionForm,
)
from equipment.models import EquipmentInspection, InspectionPhoto
from equipment.policy import can_schedule_inspections
from equipment.services import inspections
from equipment.tables import EquipmentInspectionTable
from equipment.views.base import ObjectActionView, PolicyFormView
from haikou_exec.downloads import as_download
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class InspectionListView(RestrictedListView):
    model = EquipmentInspection
    table_class = EquipmentInspectionTable
    filterset_class = EquipmentInspectionFilterSet
    template_name = "equipment/inspection_list.html"
    title = gettext_lazy("Equipment inspections")

    def select_queryset(self, queryset):
        return selectors.inspection_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_schedule"] = can_schedule_inspections(self.request.user)
        return ctx


class InspectionDetailView(RestrictedDetailView):
    model = EquipmentInspection
    template_name = "equipment/inspection_detail.html"
    detail_fields = [
        "court",
        "status",
        "scheduled_on",
        "inspector",
        "conducted_on",
        "score",
        "summary",
        "rectification_deadline",
        "closed_at",
    ]

    def select_queryset(self, queryset):
        return selectors.inspection_detail(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, inspection = self.request.user, self.object
        authority = can_schedule_inspections(user)
        may_change = (
            EquipmentInspection.objects.restrict(user, CHANGE).filter(pk=inspection.pk).exists()
        )
        status = inspection.status
        ctx.update(
            can_record=authority and status == InspectionStatus.SCHEDULED,
            can_cancel=authority and status == InspectionStatus.SCHEDULED,
            can_report=may_change and status == InspectionStatus.RECTIFYING,
            can_review=authority and status == InspectionStatus.RECTIFICATION_REPORTED,
            can_add_photo=may_change
            and user.has_perm("equipment.add_inspectionphoto")
            and status != InspectionStatus.CANCELLED,
        )
        return ctx


class InspectionScheduleView(PolicyFormView):
    allowed = staticmethod(can_schedule_inspections)
    form_class = ScheduleInspectionForm
    title = gettext_lazy("Schedule an equipment inspection")
    cancel_url = reverse_lazy("equipment:inspection_list")

    def get_initial(self):
        return {"court": self.request.GET.get("court")}

    def perform(self, form):
        return inspections.schedule_inspection(user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.result.get_absolute_url()

    @property
    def success_message(self):
        return _("The inspection is scheduled and the court's director notified.")


class InspectionResultsView(ObjectActionView):
    model = EquipmentInspection
    allowed = staticmethod(can_schedule_inspections)
    form_class = InspectionResultsForm
    template_name = "equipment/inspection_results.html"

    @property
    def title(self):
        return _("Record the results of %(inspection)s") % {"inspection": self.object}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "check_items": self.object.check_items.order_by("sort_order", "pk"),
        }

    def perform(self, form):
        data = form.cleaned_data
        return inspections.record_inspection_results(
            user=self.request.user,
            inspection_id=self.object.pk,
            conducted_on=data["conducted_on"],
            results=form.results(),
            summary=data["summary"],
            rectification_deadline=data["rectification_deadline"],
        )

    @property
    def success_message(self):
        return _("The results were recorded and the compliance score updated.")


class InspectionCancelView(ObjectActionView):
    model = EquipmentInspection
    allowed = staticmethod(can_schedule_inspections)
    form_class = CancelInspectionForm

    @property
    def title(self):
        return _("Cancel %(inspection)s") % {"inspection": self.object}

    def perform(self, form):
        return inspections.cancel_inspection(
            user=self.request.user, inspection_id=self.object.pk, reason=form.cleaned_data["reason"]
        )

    @property
    def success_message(self):
        return _("The inspection was cancelled.")


class RectificationReportView(ObjectActionView):
    model = EquipmentInspection
    form_class = RectificationReportForm

    @property
    def title(self):
        return _("Report the rectification after %(inspection)s") % {"inspection": self.object}

    def perform(self, form):
        return inspections.report_rectification(
            user=self.request.user, inspection_id=self.object.pk, note=form.cleaned_data["note"]
        )

    @property
    def success_message(self):
        return _("The rectification was reported to the intermediate court.")


class RectificationReviewView(ObjectActionView):
    model = EquipmentInspection
    allowed = staticmethod(can_schedule_inspections)
    form_class = RectificationReviewForm

    @property
    def title(self):
        return _("Verify the rectification after %(inspection)s") % {"inspection": self.object}

    def perform(self, form):
        return inspections.review_rectification(
            user=self.request.user, inspection_id=self.object.pk, **form.cleaned_data
        )

    @property
    def success_message(self):
        return _("The verification was recorded.")


class InspectionPhotoUploadView(ObjectActionView):
    model = EquipmentInspection
    form_class = PhotoForm

    @property
    def title(self):
        return _("Add a photo to %(inspection)s") % {"inspection": self.object}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "equipment.add_inspectionphoto"
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "inspection": self.object}

    def perform(self, form):
        data = form.cleaned_data
        return inspections.add_inspection_photo(
            user=self.request.user,
            inspection_id=self.object.pk,
            uploaded=data["image"],
            caption=data["caption"],
            check_item_id=data["check_item"],
        )

    @property
    def success_message(self):
        return _("The photo was added.")


class InspectionPhotoFileView(LoginRequiredMixin, View):
    """Serves a stored photo to those who may see its inspection; others get 404.
    The stored content type is the one Pillow detected at upload."""

    def get(self, request, pk: int):
        photo = get_object_or_404(InspectionPhoto.objects.restrict(request.user, VIEW), pk=pk)
        try:
            handle = photo.image.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=photo.content_type)
        as_download(response, photo.image.name.rsplit("/", 1)[-1], inline=True)
        response["Cache-Control"] = "private, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response
