from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommandCenterConfig(AppConfig):
    name = "command_center"
    verbose_name = _("Command and affairs centre")
    nav_items = [
        (_("Background jobs"), "command_center:job_list", "command_center.view_backgroundjob")
    ]
    nav_order = 90
    role_permissions = {
        "*": {"backgroundjob": "v", "notification": "vc"},
        "center_staff": {"backgroundjob": "va"},
    }
    periodic_tasks = [
        {
            "name": "通知邮件摘要 (notification email digest)",
            "task": "command_center.tasks.send_notification_digests",
            "crontab": "0 * * * *",
            "description": "Hourly: one email per user with their new notifications.",
        }
    ]

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from command_center.schedules import sync_periodic_tasks

        post_migrate.connect(sync_periodic_tasks, sender=self)
