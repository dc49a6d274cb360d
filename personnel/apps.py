from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Everyone may read the people records of the courts they see (the restriction
# point narrows rows to the court); the bureau's leadership keeps them.
_READ = "v"
_KEEP = "vac"
_PEOPLE_MODELS = [
    "position",
    "staffingquota",
    "postquota",
    "rotationplan",
    "rotationplanitem",
    "trialexchange",
    "handover",
    "handoveritem",
    "directorappointment",
    "talentpoolmember",
    "seminar",
    "researchoutput",
    "secondment",
    "training",
    "dutyreport",
    "dutyreportattachment",
]
_LEADERS = {
    "team": _KEEP,
    "teammembership": _KEEP,
    **dict.fromkeys(_PEOPLE_MODELS, _KEEP),
}


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("People")
    nav_items = [
        (_("Officers"), "personnel:officer_list", "personnel.view_officer"),
        (_("Case teams"), "personnel:team_list", "personnel.view_team"),
        (_("People management"), "personnel:home", "personnel.view_position"),
        (_("Headcount and quotas"), "personnel:staffing", "personnel.view_staffingquota"),
        (_("Age and knowledge structure"), "personnel:structure", "personnel.view_officer"),
        (_("Rotation watch"), "personnel:rotation_watch", "personnel.view_position"),
        (
            _("Director appointments"),
            "personnel:appointment_list",
            "personnel.view_directorappointment",
        ),
        (_("Talent pool"), "personnel:talent_list", "personnel.view_talentpoolmember"),
        (_("Reports of duties"), "personnel:dutyreport_list", "personnel.view_dutyreport"),
    ]
    nav_order = 20
    # Who the menu entries are for (haikou_exec.navigation): a clerk's menu is
    # not a director's. Entries not named here show to everyone with the permission.
    nav_audiences = {
        "personnel:home": {"lead", "keep"},
        "personnel:staffing": {"lead", "keep"},
        "personnel:structure": {"lead"},
        "personnel:rotation_watch": {"lead"},
        "personnel:appointment_list": {"lead"},
        "personnel:talent_list": {"lead"},
        "personnel:dutyreport_list": {"lead"},
    }
    # Everyone may edit their own contact details (Officer.handler_q narrows
    # "change" to oneself; bureau leadership to their court). Decisions reserved
    # to the intermediate court (consent to a district director, scoring a
    # report of duties, approving rotation plans, quotas) are checked by the
    # services on top of these permissions.
    role_permissions = {
        "*": {
            "officer": "vc",
            "team": "v",
            "teammembership": "v",
            **dict.fromkeys(_PEOPLE_MODELS, _READ),
        },
        "director": _LEADERS,
        "deputy_director": {**_LEADERS, "dutyreport": "vc"},
        "leadership": {**_LEADERS, "dutyreport": "vc"},
        # The court's system administrator: accounts and teams, in the admin.
        "system_admin": {"officer": _KEEP, "team": _KEEP, "teammembership": _KEEP},
    }
    periodic_tasks = [
        {
            "name": "轮岗到期提醒",
            "task": "personnel.tasks.warn_rotation_due_task",
            "crontab": "30 7 * * *",
            "description": (
                "每日：任职将满5年（满4年6个月）或已满5年应当轮岗的领导干部，提醒本人、其所在执行局局长和中院执行局局长；每人每一阶段一次。"
            ),
        }
    ]

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_migrate, pre_save

        from personnel.credentials import revoke_tokens_on_credential_change
        from personnel.handover import TeamSeatProvider, register_handover_provider
        from personnel.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, sender=self)
        pre_save.connect(revoke_tokens_on_credential_change, sender=get_user_model())
        register_handover_provider(TeamSeatProvider())
