"""States of the platform the kernel keeps for every app: background jobs (a row
per long job, so that users see its progress) and the levels of notifications.
Each state machine has its transition table next to it (haikou_exec.states)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    """pending → running → succeeded | failed; failed → pending (retry)."""

    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


JOB_TRANSITIONS: dict[str, set[str]] = {
    JobStatus.PENDING: {JobStatus.RUNNING, JobStatus.FAILED},
    JobStatus.RUNNING: {JobStatus.RUNNING, JobStatus.SUCCEEDED, JobStatus.FAILED},
    JobStatus.SUCCEEDED: set(),
    JobStatus.FAILED: {JobStatus.PENDING},
}


class JobKind(models.TextChoices):
    OFFICER_DEACTIVATION = "officer_deactivation", _("Deactivate officers")
    PROPERTY_QUERY = "property_query", _("Online property query (网络查控)")
    TERMINATION_REQUERY = "termination_requery", _("终本 six-monthly re-query")


class NotificationLevel(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Due soon")
    DANGER = "danger", _("Overdue")
