from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Tamper evidence for the audit trail written by the pghistory triggers."""

    name = "audit"
    verbose_name = _("Audit")
    periodic_tasks = [
        {
            "name": "审计日志日封存",
            "task": "audit.tasks.seal_yesterday",
            "crontab": "15 0 * * *",
            "description": "每晚：将前一日的审计事件计算哈希并接入哈希链（用 manage.py verify_audit 核验）。",
        }
    ]
