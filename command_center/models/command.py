"""Command (统一指挥、协同执行, DOMAIN.md §1, §5): directives with feedback,
city-wide operations, video consultations, field execution records and the
emergency dispatch log.

A directive and an operation belong to the court that issues or organises them;
each addressed bureau has its own row (its acknowledgement and feedback, its
part of an operation), which that bureau's court sees."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from command_center.choices import (
    DirectiveStatus,
    DispatchSeverity,
    DispatchStatus,
    FeedbackStatus,
    OperationStatus,
)
from command_center.models.common import CentreWorked, case_criminal_q, case_team_q
from courts.access import CourtScoped, Scope


@pghistory.track()
class Directive(CourtScoped):
    """A directive of the intermediate bureau to one or more district bureaus,
    with the feedback it requires and its deadline."""

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("directive"))
    required_feedback = models.TextField(_("feedback required"))
    feedback_due_on = models.DateField(_("feedback due on"))
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directives",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DirectiveStatus.choices, default=DirectiveStatus.ISSUED
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("command_center:directive_detail", kwargs={"pk": self.pk})


@pghistory.track()
class DirectiveRecipient(CourtScoped):
    """One addressed bureau: acknowledgement, feedback and escalation."""

    access_court_path = "bureau__court"

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="recipients"
    )
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=FeedbackStatus.choices, default=FeedbackStatus.ISSUED
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    feedback = models.TextField(_("feedback"), blank=True)
    reported_at = models.DateTimeField(_("feedback reported at"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("feedback reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("directive to a bureau")
        verbose_name_plural = _("directives to bureaus")
        ordering = ["-directive__issued_at", "bureau__court__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "bureau"], name="cc_directive_once_per_bureau"
            )
        ]
        indexes = [models.Index(fields=["status"], name="cc_recipient_status")]

    def __str__(self) -> str:
        return f"{self.directive} → {self.bureau}"

    def get_absolute_url(self) -> str:
        return reverse("command_center:recipient_detail", kwargs={"pk": self.pk})

    def is_overdue(self, today) -> bool:
        return self.status != FeedbackStatus.REPORTED and today > self.directive.feedback_due_on


@pghistory.track()
class Operation(CourtScoped):
    """A coordinated operation (e.g. a concentrated enforcement action) drawing
    officers, vehicles and equipment from several bureaus."""

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    plan = models.TextField(_("plan"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=16, choices=OperationStatus.choices, default=OperationStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("coordinated operation")
        verbose_name_plural = _("coordinated operations")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="cc_operation_dates"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("command_center:operation_detail", kwargs={"pk": self.pk})


@pghistory.track()
class OperationParticipant(CourtScoped):
    """A bureau's part in an operation: its task and the results it reports."""

    access_court_path = "bureau__court"

    operation = models.ForeignKey(
        Operation,
        verbose_name=_("operation"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="+"
    )
    task = models.TextField(_("task in the operation"))
    cases_targeted = models.PositiveIntegerField(_("cases targeted"), default=0)
    cases_concluded = models.PositiveIntegerField(_("cases concluded"), default=0)
    amount_recovered = models.DecimalField(
        _("amount recovered (yuan)"), max_digits=16, decimal_places=2, default=0
    )
    detentions = models.PositiveIntegerField(_("judicial detentions"), default=0)
    properties_controlled = models.PositiveIntegerField(_("properties seized or frozen"), default=0)
    results_note = models.TextField(_("results note"), blank=True)
    results_reported_at = models.DateTimeField(_("results reported at"), null=True, blank=True)
    results_reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("results reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("operation participant")
        verbose_name_plural = _("operation participants")
        ordering = ["operation", "bureau__court__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "bureau"], name="cc_operation_bureau_once"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_recovered__gte=0), name="cc_participant_amount"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.operation} · {self.bureau}"

    def get_absolute_url(self) -> str:
        return reverse("command_center:participant_detail", kwargs={"pk": self.pk})


class OperationAssignment(CourtScoped):
    """An officer, a vehicle or a piece of equipment assigned to an operation by
    the bureau that provides it."""

    access_court_path = "participant__bureau__court"

    participant = models.ForeignKey(
        OperationParticipant,
        verbose_name=_("bureau's part"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    equipment = models.ForeignKey(
        "equipment.EquipmentItem",
        verbose_name=_("vehicle or equipment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    duty = models.CharField(_("duty"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("operation assignment")
        verbose_name_plural = _("operation assignments")
        ordering = ["participant", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(officer__isnull=False) | models.Q(equipment__isnull=False),
                name="cc_assignment_has_resource",
            ),
            models.UniqueConstraint(
                fields=["participant", "officer"],
                condition=models.Q(officer__isnull=False),
                name="cc_assignment_officer_once",
            ),
            models.UniqueConstraint(
                fields=["participant", "equipment"],
                condition=models.Q(equipment__isnull=False),
                name="cc_assignment_equipment_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.officer or self.equipment)


@pghistory.track()
class VideoConsultation(CourtScoped):
    """A video consultation (视频会商): participants, the case, minutes."""

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("hosted by"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(pgettext_lazy("meeting", "subject"), max_length=200)
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="video_consultations",
    )
    held_at = models.DateTimeField(_("held at"))
    participants = models.ManyToManyField(
        "personnel.Officer", verbose_name=_("participants"), related_name="+", blank=True
    )
    other_participants = models.TextField(_("other participants"), blank=True)
    minutes = models.TextField(_("minutes"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("video consultation")
        verbose_name_plural = _("video consultations")
        ordering = ["-held_at"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("command_center:consultation_detail", kwargs={"pk": self.pk})


@pghistory.track()
class FieldRecord(CentreWorked):
    """A field execution record (执行过程记录): when, where, who, with what, and
    the footage and photos, each kept with its SHA-256."""

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="field_records",
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    activity = models.CharField(_("activity"), max_length=200)
    account = models.TextField(_("account of what happened"))
    officers = models.ManyToManyField(
        "personnel.Officer", verbose_name=_("officers"), related_name="+", blank=True
    )
    equipment = models.ManyToManyField(
        "equipment.EquipmentItem", verbose_name=_("equipment used"), related_name="+", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("field execution record")
        verbose_name_plural = _("field execution records")
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="cc_field_record_times",
            )
        ]
        indexes = [models.Index(fields=["court", "-started_at"], name="cc_field_court_started")]

    def __str__(self) -> str:
        return f"{self.case} · {self.activity}"

    def get_absolute_url(self) -> str:
        return reverse("command_center:field_record_detail", kwargs={"pk": self.pk})

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        return case_team_q(scope)

    @classmethod
    def criminal_q(cls) -> models.Q:
        return case_criminal_q()


def field_attachment_path(instance, filename: str) -> str:
    # Stored under the content's SHA-256, never under the uploaded name.
    return f"field_records/{instance.sha256[:2]}/{instance.sha256}"


@pghistory.track()
class FieldRecordAttachment(CourtScoped):
    """Body-camera footage, photos or documents of a field record."""

    access_court_path = "record__court"

    record = models.ForeignKey(
        FieldRecord,
        verbose_name=_("field record"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=field_attachment_path, max_length=200)
    title = models.CharField(_("title"), max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(pgettext_lazy("file", "content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("field record attachment")
        verbose_name_plural = _("field record attachments")
        ordering = ["record", "uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "sha256"], name="cc_attachment_once_per_record"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("command_center:attachment_download", kwargs={"pk": self.pk})


@pghistory.track()
class DispatchLogEntry(CentreWorked):
    """The emergency command and dispatch log (应急指挥调度)."""

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    severity = models.CharField(
        _("severity"),
        max_length=16,
        choices=DispatchSeverity.choices,
        default=DispatchSeverity.URGENT,
    )
    location = models.CharField(_("location"), max_length=200)
    situation = models.TextField(_("situation reported"))
    reported_by = models.CharField(_("reported by"), max_length=100)
    dispatched = models.TextField(_("officers, vehicles and equipment dispatched"))
    action_taken = models.TextField(_("action taken"), blank=True)
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DispatchStatus.choices, default=DispatchStatus.OPEN
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    logged_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dispatch log entry")
        verbose_name_plural = _("dispatch log")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["court", "-occurred_at"], name="cc_dispatch_court_time")]

    def __str__(self) -> str:
        moment = date_format(timezone.localtime(self.occurred_at), "DATETIME_FORMAT")
        return f"{moment} · {self.location}"

    def get_absolute_url(self) -> str:
        return reverse("command_center:dispatch_detail", kwargs={"pk": self.pk})

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        return models.Q(logged_by_id=scope.user_id)
