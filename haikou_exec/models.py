"""The platform's rows, kept by the kernel for every app: background jobs (a row
per long job so that users see its progress), the notification centre, and the
task outbox (a Celery message that could not reach the broker is kept here and
sent by the sweep once the broker is back, so a write the user saw succeed never
loses the background work it started).

The tables keep the names they were created with in ``command_center`` (the
models moved with a state-only migration, haikou_exec/migrations/0001): no data
moved (docs/ARCHITECTURE.md)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courts.access import CourtScoped, RestrictedManager, Scope
from haikou_exec.choices import JobKind, JobStatus, NotificationLevel


class BackgroundJob(CourtScoped):
    kind = models.CharField(_("kind"), max_length=40, choices=JobKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    total = models.PositiveIntegerField(_("total items"), default=0)
    done = models.PositiveIntegerField(_("items done"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    celery_task_id = models.CharField(_("task id"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Touched by every chunk of a chunked job: a running job whose heartbeat is
    # old lost its worker, and the stalled-job sweep enqueues it again.
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)

    class Meta:
        db_table = "command_center_backgroundjob"
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")), name="job_done_le_total"
            )
        ]

    def __str__(self) -> str:
        # Named by when it was started, as people remember it (not by its row id).
        from django.utils import formats, timezone

        if self.created_at is None:
            return str(self.get_kind_display())
        started = formats.date_format(timezone.localtime(self.created_at), "DATETIME_FORMAT")
        return f"{self.get_kind_display()}（{started}）"

    def get_absolute_url(self) -> str:
        return reverse("command_center:job_detail", kwargs={"pk": self.pk})

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == JobStatus.SUCCEEDED else 0
        return int(self.done * 100 / self.total)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        return models.Q(created_by_id=scope.user_id)


class Notification(models.Model):
    """A message in a user's notification centre (and, as a digest, by email).

    ``dedup_key`` makes reminders idempotent: a scheduled scan that runs twice
    notifies once (unique per recipient and key)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    level = models.CharField(
        _("level"), max_length=16, choices=NotificationLevel.choices, default=NotificationLevel.INFO
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    dedup_key = models.CharField(_("deduplication key"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = RestrictedManager()

    class Meta:
        db_table = "command_center_notification"
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"], name="notification_once_per_key"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    # Personal rows: only the recipient reads them (the access sweeps check this
    # instead of a court, tests/platform/sweep.py).
    access_owner_field = "recipient"

    @classmethod
    def access_q(cls, scope: Scope, action: str) -> models.Q:
        # Notifications are personal, whoever the user is.
        return models.Q(recipient_id=scope.user_id)

    @property
    def scope_court(self):
        officer = getattr(self.recipient, "officer", None)
        return officer.bureau.court if officer else None


class OutboxMessage(models.Model):
    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("positional arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    options = models.JSONField(_("sending options"), default=dict, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        db_table = "command_center_outboxmessage"
        verbose_name = _("queued task message")
        verbose_name_plural = _("queued task messages")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_name} · {self.created_at:%Y-%m-%d %H:%M}"
