"""Pages of the command records: video consultations, field execution records
(with their attachments) and the emergency dispatch log."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from command_center import selectors
from command_center.choices import DispatchStatus
from command_center.filtersets import (
    DispatchLogEntryFilterSet,
    FieldRecordFilterSet,
    VideoConsultationFilterSet,
)
from command_center.forms import (
    AttachmentForm,
    ConsultationForm,
    DispatchForm,
    DispatchUpdateForm,
    FieldRecordForm,
)
from command_center.models import (
    DispatchLogEntry,
    FieldRecord,
    FieldRecordAttachment,
    VideoConsultation,
)
from command_center.services import command
from command_center.tables import (
    DispatchLogEntryTable,
    FieldRecordTable,
    VideoConsultationTable,
)
from command_center.views.base import Action, CentreDetailView, ServiceFormView
from command_center.views.command import _can_change, _new_button
from courts.access import VIEW
from haikou_exec.downloads import as_download
from haikou_exec.views import RestrictedListView

# --- video consultations -------------------------------------------------------------


class ConsultationListView(RestrictedListView):
    model = VideoConsultation
    table_class = VideoConsultationTable
    filterset_class = VideoConsultationFilterSet
    title = _("Video consultations")
    template_name = "command_center/list.html"

    def select_queryset(self, queryset):
        return selectors.consultation_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["actions"] = _new_button(
            self.request.user,
            "command_center.add_videoconsultation",
            _("Record a consultation"),
            "command_center:consultation_new",
        )
        return ctx


class ConsultationDetailView(CentreDetailView):
    model = VideoConsultation
    template_name = "command_center/consultation_detail.html"
    detail_fields = ["subject", "held_at", "case", "other_participants", "minutes", "recorded_by"]

    def select_queryset(self, queryset):
        return queryset.select_related("court", "case", "recorded_by").prefetch_related(
            "participants__bureau__court"
        )


class ConsultationNewView(ServiceFormView):
    form_class = ConsultationForm
    title = _("Record a video consultation")
    success_message = _("Consultation recorded.")

    def get_cancel_url(self):
        return reverse("command_center:consultation_list")

    def perform(self, form):
        d = form.cleaned_data
        return command.record_consultation(
            user=self.request.user,
            subject=d["subject"],
            held_at=d["held_at"],
            minutes=d["minutes"],
            participant_ids=[o.pk for o in d["participants"]],
            other_participants=d["other_participants"],
            case_id=d["case_number"].pk if d.get("case_number") else None,
        )


# --- field execution records -----------------------------------------------------------


class FieldRecordListView(RestrictedListView):
    model = FieldRecord
    table_class = FieldRecordTable
    filterset_class = FieldRecordFilterSet
    title = _("Field execution records")
    template_name = "command_center/list.html"

    def select_queryset(self, queryset):
        return selectors.field_record_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["actions"] = _new_button(
            self.request.user,
            "command_center.add_fieldrecord",
            _("Record field work"),
            "command_center:field_record_new",
        )
        return ctx


class FieldRecordDetailView(CentreDetailView):
    model = FieldRecord
    template_name = "command_center/field_record_detail.html"
    detail_fields = [
        "case",
        "activity",
        "place",
        "started_at",
        "ended_at",
        "account",
        "recorded_by",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("court", "case", "recorded_by").prefetch_related(
            "officers", "equipment", "attachments"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if _can_change(self.request.user, self.object):
            ctx["actions"] = [
                Action(
                    _("Attach footage or photos"),
                    reverse("command_center:field_record_attach", kwargs={"pk": self.object.pk}),
                    style="primary",
                )
            ]
        return ctx


class FieldRecordNewView(ServiceFormView):
    form_class = FieldRecordForm
    title = _("Record field execution")
    success_message = _("Field record saved; attach the footage now.")
    case_field = "case_number"

    def get_cancel_url(self):
        return reverse("command_center:field_record_list")

    def perform(self, form):
        d = form.cleaned_data
        return command.record_field_execution(
            user=self.request.user,
            case_id=d["case_number"].pk,
            started_at=d["started_at"],
            ended_at=d.get("ended_at"),
            place=d["place"],
            activity=d["activity"],
            account=d["account"],
            officer_ids=[o.pk for o in d["officers"]],
            equipment_ids=[e.pk for e in d["equipment"]],
        )


class FieldRecordAttachView(ServiceFormView):
    model = FieldRecord
    form_class = AttachmentForm
    title = _("Attach footage, photos or documents")

    def perform(self, form):
        from django.contrib import messages

        attachment, created = command.attach_to_field_record(
            user=self.request.user,
            record_id=self.object.pk,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
        if created:
            messages.success(
                self.request, _("Attached (SHA-256 %(sha)s).") % {"sha": attachment.sha256}
            )
        else:
            messages.info(self.request, _("This file is attached already."))
        return self.object


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Attachments are served only through this check, never from a public path."""

    def get(self, request, pk):
        attachment = get_object_or_404(
            FieldRecordAttachment.objects.restrict(request.user, VIEW), pk=pk
        )
        response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
        return as_download(response, attachment.original_name)  # RFC 6266 (issue 16)


# --- dispatch log ------------------------------------------------------------------------


class DispatchListView(RestrictedListView):
    model = DispatchLogEntry
    table_class = DispatchLogEntryTable
    filterset_class = DispatchLogEntryFilterSet
    title = _("Emergency dispatch log")
    template_name = "command_center/list.html"

    def select_queryset(self, queryset):
        return selectors.dispatch_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["actions"] = _new_button(
            self.request.user,
            "command_center.add_dispatchlogentry",
            _("Log a dispatch"),
            "command_center:dispatch_new",
        )
        return ctx


class DispatchDetailView(CentreDetailView):
    model = DispatchLogEntry
    template_name = "command_center/detail.html"
    detail_fields = [
        "occurred_at",
        "severity",
        "location",
        "situation",
        "reported_by",
        "dispatched",
        "action_taken",
        "case",
        "status",
        "logged_by",
        "logged_at",
        "handled_at",
        "closed_at",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("court", "case", "logged_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.object.status != DispatchStatus.CLOSED and _can_change(
            self.request.user, self.object
        ):
            ctx["actions"] = [
                Action(
                    _("Update"),
                    reverse("command_center:dispatch_update", kwargs={"pk": self.object.pk}),
                    style="primary",
                )
            ]
        return ctx


class DispatchNewView(ServiceFormView):
    form_class = DispatchForm
    title = _("Log an emergency dispatch")
    success_message = _("Dispatch logged.")

    def get_cancel_url(self):
        return reverse("command_center:dispatch_list")

    def perform(self, form):
        d = form.cleaned_data
        return command.log_dispatch(
            user=self.request.user,
            occurred_at=d["occurred_at"],
            severity=d["severity"],
            location=d["location"],
            situation=d["situation"],
            reported_by=d["reported_by"],
            dispatched=d["dispatched"],
            case_id=d["case_number"].pk if d.get("case_number") else None,
        )


class DispatchUpdateView(ServiceFormView):
    model = DispatchLogEntry
    form_class = DispatchUpdateForm
    title = _("Update the dispatch")

    def perform(self, form):
        return command.update_dispatch(
            user=self.request.user,
            entry_id=self.object.pk,
            status=form.cleaned_data["status"],
            action_taken=form.cleaned_data["action_taken"],
        )
