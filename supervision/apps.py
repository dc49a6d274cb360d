from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The discipline office's group, declared with supervision's choices.
from supervision.choices import DISCIPLINE_GROUP  # noqa: F401

_READ_ALL = {
    "supervisioncase": "v",
    "supervisionorder": "v",
    "orderresponse": "v",
    "inspection": "v",
    "inspectionfinding": "v",
    "casereview": "v",
    "reviewscore": "v",
    "scoringsheet": "v",
    "scoringitem": "v",
    # Process warnings on the court's own cases: the handling teams see them too.
    "alert": "v",
    "alertrule": "v",
}
# A bureau's leadership responds to orders, reports rectifications and
# follow-ups for its own court; at the intermediate court the same role is the
# supervising side. The services decide which step each may take
# (courts.policy); the restriction point narrows the rows.
_LEADERS = {
    **dict.fromkeys(_READ_ALL, "vac"),
    "alert": "vc",
    "alertrule": "v",
    "directortalk": "vac",
    "jointinspection": "vac",
    "conductfinding": "vac",
}
_SUPERVISOR = {
    **dict.fromkeys(_LEADERS, "vac"),
    "alert": "vac",
    "alertrule": "vc",
}


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [
        (_("Supervision overview"), "supervision:dashboard", "supervision.view_supervisioncase"),
        (_("Negative-execution alerts"), "supervision:alert_list", "supervision.view_alert"),
        (_("Supervision cases"), "supervision:case_list", "supervision.view_supervisioncase"),
        (_("Supervision orders"), "supervision:order_list", "supervision.view_supervisionorder"),
        (
            _("Inspections and campaigns"),
            "supervision:inspection_list",
            "supervision.view_inspection",
        ),
        (
            _("Inspection findings"),
            "supervision:finding_list",
            "supervision.view_inspectionfinding",
        ),
        (_("Case reviews"), "supervision:review_list", "supervision.view_casereview"),
        (
            _("Joint case and conduct inspections"),
            "supervision:joint_list",
            "supervision.view_jointinspection",
        ),
        (_("Talks with directors"), "supervision:talk_list", "supervision.view_directortalk"),
        (_("Alert rules"), "supervision:rule_list", "supervision.view_alertrule"),
    ]
    nav_order = 70
    # Who the menu entries are for (haikou_exec.navigation): a clerk's menu is
    # not a director's. Entries not named here show to everyone with the permission.
    nav_audiences = {
        "supervision:dashboard": {"supervise", "lead"},
        "supervision:alert_list": {"supervise", "lead"},
        "supervision:case_list": {"supervise", "lead"},
        "supervision:order_list": {"supervise", "lead"},
        "supervision:inspection_list": {"supervise", "lead"},
        "supervision:finding_list": {"supervise", "lead"},
        "supervision:review_list": {"supervise", "lead"},
        "supervision:joint_list": {"supervise", "lead"},
        "supervision:talk_list": {"supervise", "lead"},
        "supervision:rule_list": {"supervise"},
    }
    role_permissions = {
        "*": _READ_ALL,
        "director": _LEADERS,
        "deputy_director": _LEADERS,
        "leadership": _LEADERS,
        "supervisor": _SUPERVISOR,
    }
    # Run by the hourly reminder scan (command_center.services.reminders).
    reminder_scans = ["supervision.services.reminders.remind_orders_due"]
    # The supervisor's worklist on the home page (command_center.worklist).
    home_sections = {"supervision": ["supervision.worklist.supervisor_sections"]}
    periodic_tasks = [
        {
            "name": "消极执行预警",
            "task": "supervision.tasks.evaluate_alert_rules",
            "crontab": "0 2 * * *",
            "description": (
                "每晚：按每条启用的预警规则检查案件；每条规则每个案件只有一条预警（重复运行不重复产生），证据随之更新，不再触发的预警自动解除。"
            ),
        },
        {
            "name": "督办回复期限提醒",
            "task": "supervision.tasks.remind_orders_due",
            "crontab": "0 8 * * *",
            "description": (
                "每日：3日内到期或已超期的督办，提醒被督办法院执行局领导和督办发起人；每件督办每日一次。"
            ),
        },
    ]

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from supervision.services.joint import ensure_discipline_group

        post_migrate.connect(ensure_discipline_group, sender=self)
