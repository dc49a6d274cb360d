from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Tamper evidence for the audit trail written by the pghistory triggers."""

    name = "audit"
    verbose_name = _("Audit")
    periodic_tasks = [
        {
            "name": "审计日志日封存 (seal yesterday's audit trail)",
            "task": "audit.tasks.seal_yesterday",
            "crontab": "15 0 * * *",
            "description": "Nightly: hash yesterday's audit events into the chain (verify with manage.py verify_audit).",
        }
    ]
