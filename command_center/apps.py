from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommandCenterConfig(AppConfig):
    name = "command_center"
    verbose_name = _("Command and affairs centre")
    nav_items = [
        (_("Background jobs"), "command_center:job_list", "command_center.view_backgroundjob")
    ]
    nav_order = 90
    role_permissions = {"*": {"backgroundjob": "v"}, "center_staff": {"backgroundjob": "va"}}

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from command_center.schedules import sync_periodic_tasks

        post_migrate.connect(sync_periodic_tasks, sender=self)
